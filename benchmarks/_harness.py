"""Tiny benchmark harness: one pinned core, warm-up, repeated runs, a table with targets.

Machines here are shared and noisy, so every figure is the best of several runs (throughput) or a
median over many calls (latency), and the table states the target next to the measurement. Benchmarks
print; they never fail a test run. ``--json PATH`` also writes the rows for docs/performance.md.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Row", "latency", "machine", "pin_one_core", "print_table", "throughput", "write_json"]


@dataclass
class Row:
    name: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def pin_one_core() -> None:
    """Run on a single CPU so 'per core' figures mean what they say."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[-1]})


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpu": cpu,
        "cores_visible": os.cpu_count(),
    }


def throughput(fn: Callable[[Sequence[Any]], None], batches: Sequence[Sequence[Any]]) -> float:
    """Best ops/s over the batches; each batch holds fresh inputs (``fn`` processes one batch)."""
    best = 0.0
    for batch in batches:
        gc.collect()
        start = time.perf_counter()
        fn(batch)
        elapsed = time.perf_counter() - start
        best = max(best, len(batch) / elapsed)
    return best


def latency(fn: Callable[[], Any], *, calls: int = 2000, warmup: int = 200) -> dict[str, float]:
    """Median and p95 latency of ``fn`` in milliseconds."""
    for _ in range(warmup):
        fn()
    gc.collect()
    samples = []
    for _ in range(calls):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1e3)
    samples.sort()
    return {"p50": statistics.median(samples), "p95": samples[int(len(samples) * 0.95)]}


def print_table(title: str, rows: Sequence[Row]) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:  # plain text without rich
        print(f"\n{title}")
        for r in rows:
            mark = "" if r.ok is None else ("ok" if r.ok else "MISS")
            print(f"  {r.name:<58} {r.value:>14,.3f} {r.unit:<8} {r.target:<14} {mark}")
        return
    table = Table(title=title)
    for col in ("measure", "value", "unit", "target", ""):
        table.add_column(col, justify="right" if col == "value" else "left")
    for r in rows:
        mark = "" if r.ok is None else ("[green]ok[/]" if r.ok else "[red]MISS[/]")
        table.add_row(r.name, f"{r.value:,.3f}", r.unit, r.target, mark)
    Console().print(table)


def write_json(path: str, title: str, rows: Sequence[Row]) -> None:
    data: dict[str, Any] = {}
    if os.path.exists(path):
        with open(path) as f:
            data = json.load(f)
    data[title] = {"machine": machine(), "rows": [asdict(r) for r in rows], "time": time.time()}
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
