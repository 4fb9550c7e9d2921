"""``mask bench``: the core's throughput and latency on this machine, against the project's targets.

A compact version of ``benchmarks/bench_core.py`` that ships with the package (one core, memory vault),
so an operator can check a deployment host. For recorded figures use ``nox -s bench``.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from mask_core.cli._common import err, out
from mask_core.client import MaskClient
from mask_core.keys.material import generate_key
from mask_core.settings import get_settings
from mask_core.vault.memory import MemoryVault

__all__ = ["bench"]

PARAGRAPH = (
    "Customer record #48213, last updated 2024-03-15 by the billing service. Alice can be reached at "
    "alice.johnson@example.com or +1 (415) 555-2671; the SSN on file is 536-22-8745. Card on file: "
    "4539 1488 0343 6467 (exp 04/27), refunds go to IBAN DE89 3704 0044 0532 0130 00. The customer asked "
    "about the shipping schedule and whether the order could be split into two parcels; our agent "
    "explained the policy and promised a follow-up within two business days. Order total $1,249.99 "
    "shipped to ZIP 94107, tracking 1Z999AA10123456784, session 9f1c2e4a-7b3d-4c8e-a1f0-2d9e6b5c4a31. "
    "Notes: prefers email in the mornings, customer since 2019, loyalty tier gold, no open disputes, "
    "last three orders delivered on time, satisfaction 4.8 of 5, newsletter opt-in confirmed, parcel 2 "
    "left the Oakland depot at 06:15, ticket routed to the tier 2 queue for review this week."
)


def _rate(n: int, fn: Callable[[int], object]) -> float:
    start = time.perf_counter()
    for i in range(n):
        fn(i)
    return n / (time.perf_counter() - start)


def _p50_ms(n: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bench(
    quick: Annotated[bool, typer.Option("--quick", help="Smaller batches (a few seconds).")] = False,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the results as JSON.")] = None,
) -> None:
    """Measure encode/decode throughput and tokenize/detokenize latency against the targets.

    Wall-clock figures on a shared machine move by 15% or more; compare ratios within one run.

    Example:

        mask bench --quick
    """
    n = 5_000 if quick else 50_000
    settings = get_settings().updated(audit_sinks=[])
    client = MaskClient(
        tenant="bench", master_key=generate_key(), vault=MemoryVault(max_entries=None), settings=settings
    )
    rows: list[tuple[str, float, str, bool]] = []
    with err.status("measuring ..."):
        emails = [f"user{i}@example.com" for i in range(n)]
        rate = _rate(n, lambda i: client.encode(emails[i], "EMAIL_ADDRESS"))
        rows.append(("encode, distinct emails (/s)", rate, ">= 100,000", rate >= 100_000))
        ssns = [
            f"{1 + i % 665:03d}-{1 + (i // 665) % 99:02d}-{1 + (i // 65835) % 9999:04d}" for i in range(n)
        ]
        rate = _rate(n, lambda i: client.encode(ssns[i], "US_SSN"))
        rows.append(("encode, distinct SSNs (/s)", rate, ">= 30,000", rate >= 30_000))
        tokens = [client.encode(e, "EMAIL_ADDRESS") for e in emails]
        rate = _rate(n, lambda i: client.decode(tokens[i]))
        rows.append(("decode (/s)", rate, ">= 200,000", rate >= 200_000))
        safe = client.tokenize_text(PARAGRAPH)
        p50 = _p50_ms(max(200, n // 50), lambda: client.tokenize_text(PARAGRAPH))
        rows.append(("tokenize_text 1 KB, 5 PII, p50 (ms)", p50, "<= 0.3", p50 <= 0.3))
        p50 = _p50_ms(max(200, n // 50), lambda: client.detokenize_text(safe))
        rows.append(("detokenize_text of it, p50 (ms)", p50, "<= 0.1", p50 <= 0.1))
    table = Table("operation", "measured", "target", "met")
    for name, value, target, met in rows:
        table.add_row(
            name, f"{value:,.0f}" if value >= 100 else f"{value:.3f}", target, "yes" if met else "no"
        )
    out.print(table)
    if json_path is not None:
        json_path.write_text(
            json.dumps(
                [{"operation": r[0], "value": r[1], "target": r[2], "met": r[3]} for r in rows], indent=2
            )
        )
