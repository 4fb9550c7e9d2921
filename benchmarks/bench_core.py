"""Core benchmarks, one core, memory vault.

    python benchmarks/bench_core.py [--quick] [--json benchmarks/results.json]

* encode of distinct emails                 >= 100,000 /s
* encode of distinct SSNs / cards / phones  >=  30,000 /s
* decode                                    >= 200,000 /s
* tokenize_text, 1 KB paragraph            p50 <= 0.35 ms
* detokenize_text of its output             p50 <= 0.1 ms
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from _harness import Row, latency, machine, pin_one_core, print_table, throughput, write_json

from mask_core import MaskClient, MaskSettings, MemoryVault
from mask_core.keys import generate_key
from mask_core.scan.scanner import REPORT_ONLY

#: A realistic 1 KB tool result written around 5 identifiers (email, phone, SSN, card, IBAN); it also
#: names the customer, whom the deterministic tier's name lists find (the NER tier adds the depot's city).
PARAGRAPH = (
    "Customer record #48213, last updated 2024-03-15 10:42 UTC by the billing service (v2.3.1). "
    "Alice Johnson can be reached at alice.johnson@example.com or +1 (415) 555-2671; the SSN on file "
    "is 536-22-8745. Card on file: 4539 1488 0343 6467 (exp 04/27), refunds go to IBAN "
    "DE89 3704 0044 0532 0130 00. The customer asked about the shipping schedule and whether the order "
    "could be split into two parcels; our agent explained the policy, confirmed the delivery window and "
    "promised a follow-up within two business days. Order total $1,249.99 shipped to ZIP 94107, "
    "tracking 1Z999AA10123456784. Session 9f1c2e4a-7b3d-4c8e-a1f0-2d9e6b5c4a31, build a3f9c21. Notes: "
    "prefers email contact in the mornings, customer since 2019, loyalty tier gold, no open disputes, "
    "last three orders delivered on time, satisfaction score 4.8 of 5, newsletter opt-in confirmed. "
    "Warehouse note: parcel 2 of 2 left the Oakland depot at 06:15, carrier scan pending; the support "
    "ticket was tagged billing/refund-request and routed to the tier 2 queue for review this week."
)
PARAGRAPH_PROTECTED = sorted(
    ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN", "CREDIT_CARD", "IBAN_CODE"]
)

#: The same record with its PII replaced by ordinary wording: a 1 KB tool result with dates, amounts,
#: order, tracking and session numbers but nothing to protect (what most tool results look like).
CLEAN_PARAGRAPH = PARAGRAPH.replace(
    "Alice Johnson can be reached at alice.johnson@example.com or +1 (415) 555-2671; the SSN on file "
    "is 536-22-8745. Card on file: 4539 1488 0343 6467 (exp 04/27), refunds go to IBAN "
    "DE89 3704 0044 0532 0130 00.",
    "The account holder can be reached through the support portal or the in-app chat; the billing "
    "profile is complete. Payment method on file: the corporate card (exp 04/27), refunds go to the "
    "original payment method within 5-7 business days.",
)


def _ssn(i: int) -> str:
    area = 1 + i % 665
    return f"{area:03d}-{1 + (i // 665) % 99:02d}-{1 + (i // 65835) % 9999:04d}"


def _card(i: int) -> str:
    from stdnum import luhn

    body = f"4{i:014d}"
    return body + luhn.calc_check_digit(body)


def _phone(i: int) -> str:
    return f"+1 (415) {200 + i // 10000 % 800:03d}-{i % 10000:04d}"


def run(quick: bool) -> list[Row]:
    n = 20_000 if quick else 100_000
    rounds = 3
    # The deterministic tier: the NER tier has its own targets (bench_detection.py, bench_ner_load.py),
    # and with a spaCy model installed the default (MASK_NER=auto) would turn it on here.
    client = MaskClient(
        tenant="bench",
        master_key=generate_key(),
        vault=MemoryVault(max_entries=None),
        settings=MaskSettings(ner="off"),
    )
    rows: list[Row] = []

    def batches(make: object, offset: int = 0) -> list[list[str]]:
        return [[make(offset + r * n + i) for i in range(n)] for r in range(rounds)]  # type: ignore[operator]

    emails = batches(lambda i: f"user{i}.{i % 7919}@example{i % 97}.com")
    rate = throughput(lambda b: [client.encode(v) for v in b], emails)
    rows.append(Row("encode distinct emails (type detected)", rate, "ops/s", ">= 100,000", rate >= 100_000))
    typed = batches(lambda i: f"typed{i}@example.org")
    rate = throughput(lambda b: [client.encode(v, "EMAIL_ADDRESS") for v in b], typed)
    rows.append(Row("encode distinct emails (type given)", rate, "ops/s", ">= 100,000", rate >= 100_000))
    for name, make, et in (
        ("SSNs", _ssn, "US_SSN"),
        ("cards", _card, "CREDIT_CARD"),
        ("phones", _phone, "PHONE_NUMBER"),
    ):
        data = batches(make)
        rate = throughput(lambda b, et=et: [client.encode(v, et) for v in b], data)
        rows.append(Row(f"encode distinct {name} (type given)", rate, "ops/s", ">= 30,000", rate >= 30_000))
        data = batches(make, offset=10 * n)
        rate = throughput(lambda b: [client.encode(v) for v in b], data)
        rows.append(
            Row(f"encode distinct {name} (type detected)", rate, "ops/s", ">= 30,000", rate >= 30_000)
        )
    tokens = [[client.encode(v) for v in batch] for batch in emails]
    rate = throughput(lambda b: [client.decode(t) for t in b], tokens)
    rows.append(Row("decode (email tokens)", rate, "ops/s", ">= 200,000", rate >= 200_000))
    # Batched: what a tool call does (one deep_decode of a payload holding many tokens).
    payloads = [[{"to": t} for t in batch] for batch in tokens]
    rate = throughput(client.deep_decode, payloads)
    rows.append(Row("decode in a batch (deep_decode, email tokens)", rate, "tokens/s", "(for comparison)"))
    ssn_tokens = [[client.encode(_ssn(i), "US_SSN") for i in range(r * n, r * n + n)] for r in range(rounds)]
    rate = throughput(lambda b: [client.decode(t) for t in b], ssn_tokens)
    rows.append(Row("decode (SSN tokens)", rate, "ops/s", ">= 200,000", rate >= 200_000))

    assert len(PARAGRAPH.encode()) >= 1000, len(PARAGRAPH.encode())
    # What tokenize_text protects there (dates are reported, left in clear): the five identifiers the
    # paragraph was written around and the customer's name.
    protected = sorted(e.entity_type for e in client.scan(PARAGRAPH) if e.entity_type not in REPORT_ONLY)
    assert protected == PARAGRAPH_PROTECTED, protected
    lat = latency(lambda: client.tokenize_text(PARAGRAPH))
    rows.append(Row("tokenize_text 1 KB paragraph, p50", lat["p50"], "ms", "<= 0.35", lat["p50"] <= 0.35))
    rows.append(Row("tokenize_text 1 KB paragraph, p95", lat["p95"], "ms"))
    tokenized = client.tokenize_text(PARAGRAPH)
    assert client.detokenize_text(tokenized) == PARAGRAPH
    lat = latency(lambda: client.detokenize_text(tokenized))
    rows.append(Row("detokenize_text of that output, p50", lat["p50"], "ms", "<= 0.1", lat["p50"] <= 0.1))
    rows.append(Row("detokenize_text of that output, p95", lat["p95"], "ms"))
    lat = latency(lambda: client.scan(PARAGRAPH))
    rows.append(Row("scan 1 KB paragraph (detection only, dates too), p50", lat["p50"], "ms"))
    assert len(CLEAN_PARAGRAPH.encode()) >= 1000, len(CLEAN_PARAGRAPH.encode())
    assert client.tokenize_text(CLEAN_PARAGRAPH) == CLEAN_PARAGRAPH
    lat = latency(lambda: client.tokenize_text(CLEAN_PARAGRAPH))
    rows.append(Row("tokenize_text 1 KB without PII, p50", lat["p50"], "ms"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller batches (for CI smoke runs)")
    parser.add_argument("--json", help="append results to this JSON file")
    args = parser.parse_args()
    pin_one_core()
    rows = run(args.quick)
    print_table(f"mask-core, one core, memory vault ({machine()['cpu']})", rows)
    if args.json:
        write_json(args.json, "core", rows)


if __name__ == "__main__":
    main()
