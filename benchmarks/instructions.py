"""Instruction counts of core operations under valgrind's callgrind: repeatable on a noisy machine.

    python benchmarks/instructions.py [--jobs N] [case ...]   # runs itself under valgrind, per call

Wall-clock benchmarks on shared machines move by 15% between identical runs; instruction counts
do not (the same binary, inputs and environment give the same total). Use these to judge an
optimisation; report ops/s from bench_core.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

CASES = (
    "tokenize",
    "detokenize",
    "scan",
    "scan_clean",
    "encode_email",
    "encode_detect_email",
    "decode_email",
    "decode_ssn",
    "encode_detect_ssn",
    "encode_detect_card",
    "encode_detect_phone",
    "deep_decode_args",
    "deep_encode_json",
)
CALLS = 200


def _count(case: str, calls: int) -> int:
    """Instructions of one process that runs ``case`` ``calls`` times (after a warm-up)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        # The hash seed fixes set and dict orders, so the same code gives the same count.
        env = dict(os.environ, MASK_INSTR_CALLS=str(calls), PYTHONHASHSEED="0", MASK_NER="off")
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                sys.executable,
                __file__,
                "--one",
                case,
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        with open(out) as f:
            return next(int(m.group(1)) for line in f if (m := re.match(r"summary: (\d+)", line)))


def main() -> None:
    args = sys.argv[1:]
    jobs = 1
    if "--jobs" in args:
        i = args.index("--jobs")
        jobs = int(args[i + 1])
        del args[i : i + 2]
    cases = args or CASES
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # each count is its own valgrind process
        futures = {(c, n): pool.submit(_count, c, n) for c in cases for n in (0, CALLS)}
        print(f"{'case':24} {'instructions/call':>18}")
        for case in cases:
            base, total = futures[case, 0].result(), futures[case, CALLS].result()
            print(f"{case:24} {(total - base) / CALLS:>18,.0f}", flush=True)


def one(case: str) -> None:
    global CALLS
    CALLS = int(os.environ.get("MASK_INSTR_CALLS", "0"))
    sys.path.insert(0, os.path.dirname(__file__))
    from bench_core import PARAGRAPH, _card

    from mask_core import MaskClient, MaskSettings, MemoryVault

    # A fixed key: the tokens (and so the texts detokenize reads) are the same in every process, so
    # the count of the zero-call process cancels exactly and runs compare.
    client = MaskClient(
        tenant="bench",
        master_key=bytes(range(32)),
        vault=MemoryVault(max_entries=None),
        settings=MaskSettings(ner="off"),  # the deterministic tier, whatever models are installed
    )
    tokenized = client.tokenize_text(PARAGRAPH)
    token = client.encode("alice.johnson@example.com")
    ssn_token = client.encode("536-22-8745", "US_SSN")
    args = {"email": token, "card": client.encode("4539 1488 0343 6467"), "note": "refund approved"}
    # A PII-free 1 KB text (technical noise): what most tool results look like.
    clean = PARAGRAPH.translate(str.maketrans("0123456789@", "abcdefghij#"))
    record = {
        "id": 48213,
        "customer": {
            "name": "Alice Johnson",
            "email": "alice.johnson@example.com",
            "phone": "+1 415 555 2671",
        },
        "orders": [{"sku": f"SKU-{n:05d}", "status": "shipped", "total": "12.50"} for n in range(8)],
        "notes": "prefers email contact in the mornings; card 4539 1488 0343 6467 on file",
    }
    calls = {
        "tokenize": lambda i: client.tokenize_text(PARAGRAPH),
        "detokenize": lambda i: client.detokenize_text(tokenized),
        "scan": lambda i: client.scan(PARAGRAPH),
        "scan_clean": lambda i: client.scan(clean),
        "encode_email": lambda i: client.encode(f"user{i}@example.org", "EMAIL_ADDRESS"),
        "encode_detect_email": lambda i: client.encode(f"user{i}@example.org"),
        "decode_email": lambda i: client.decode(token),
        "decode_ssn": lambda i: client.decode(ssn_token),
        "encode_detect_ssn": lambda i: client.encode(f"{100 + i % 800:03d}-{10 + i // 800:02d}-6789"),
        "encode_detect_card": lambda i: client.encode(_card(i)),
        "encode_detect_phone": lambda i: client.encode(f"+1 (415) {200 + i // 100:03d}-{1000 + i:04d}"),
        "deep_decode_args": lambda i: client.deep_decode(args),
        "deep_encode_json": lambda i: client.deep_encode(record),
    }
    fn = calls[case]
    for i in range(20):
        fn(100_000 + i)
    for i in range(CALLS):
        fn(i)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        one(sys.argv[2])
    else:
        main()
