"""Instruction counts of core operations under valgrind's callgrind: repeatable on a noisy machine.

    python benchmarks/instructions.py            # runs itself under valgrind, prints counts per call

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

CASES = ("tokenize", "detokenize", "scan", "encode_email", "decode_email", "encode_detect_ssn")
CALLS = 200


def main() -> None:
    cases = sys.argv[1:] or CASES
    print(f"{'case':24} {'instructions/call':>18}")
    for case in cases:
        counts = []
        for calls in (0, CALLS):
            with tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "cg.out")
                env = dict(os.environ, MASK_INSTR_CALLS=str(calls))
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
                    total = next(int(m.group(1)) for line in f if (m := re.match(r"summary: (\d+)", line)))
                counts.append(total)
        print(f"{case:24} {(counts[1] - counts[0]) / CALLS:>18,.0f}")


def one(case: str) -> None:
    global CALLS
    CALLS = int(os.environ.get("MASK_INSTR_CALLS", "0"))
    sys.path.insert(0, os.path.dirname(__file__))
    from bench_core import PARAGRAPH

    from mask_core import MaskClient, MemoryVault
    from mask_core.keys import generate_key

    client = MaskClient(tenant="bench", master_key=generate_key(), vault=MemoryVault(max_entries=None))
    tokenized = client.tokenize_text(PARAGRAPH)
    token = client.encode("alice.johnson@example.com")
    calls = {
        "tokenize": lambda i: client.tokenize_text(PARAGRAPH),
        "detokenize": lambda i: client.detokenize_text(tokenized),
        "scan": lambda i: client.scan(PARAGRAPH),
        "encode_email": lambda i: client.encode(f"user{i}@example.org", "EMAIL_ADDRESS"),
        "decode_email": lambda i: client.decode(token),
        "encode_detect_ssn": lambda i: client.encode(f"{100 + i % 800:03d}-{10 + i // 800:02d}-6789"),
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
