"""The numbers behind the Reports page, from hourly aggregates of the event store.

* **Detection volume**: findings per hour (ranges up to two days) or per day.
* **Entity type distribution**: findings per entity type over the range.
* **False-positive rate**: allowlisted + exempted findings over all findings (the brief's definition:
  detected, but not PII in this context), overall and per day.
* **Trends**: per day, findings that were protected (tokenize, mask, redact, block) and findings that
  went through in clear (pass, passthrough); the second line rising is "PII slipping through".
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from mask_core.policy import brief_name
from mask_server.events import EventStore

__all__ = ["Report", "build_report"]

PROTECTED = frozenset({"tokenize", "mask", "redact", "block"})
IN_CLEAR = frozenset({"pass", "passthrough"})
FALSE_POSITIVE = frozenset({"allowlisted", "exempted"})


@dataclass
class Report:
    days: int
    total: int = 0
    false_positives: int = 0
    volume_labels: list[str] = field(default_factory=list)
    volume: list[int] = field(default_factory=list)
    distribution: list[tuple[str, int]] = field(default_factory=list)
    actions: list[tuple[str, int]] = field(default_factory=list)
    day_labels: list[str] = field(default_factory=list)
    protected: list[int] = field(default_factory=list)
    in_clear: list[int] = field(default_factory=list)
    fp_daily: list[float] = field(default_factory=list)
    previous_total: int = 0

    @property
    def false_positive_rate(self) -> float:
        return self.false_positives / self.total if self.total else 0.0

    @property
    def change(self) -> float | None:
        """Relative change of the volume against the previous period of the same length."""
        if not self.previous_total:
            return None
        return (self.total - self.previous_total) / self.previous_total


def _label(hour: int, hourly: bool) -> str:
    t = dt.datetime.fromtimestamp(hour * 3600, tz=dt.UTC)
    return t.strftime("%d %H:00") if hourly else t.strftime("%b %d")


def build_report(
    store: EventStore, *, days: int = 7, now: float | None = None, tenant: str | None = None
) -> Report:
    now = time.time() if now is None else now
    end_hour = int(now // 3600)
    start_hour = end_hour - days * 24 + 1
    rows = store.hourly((start_hour - days * 24) * 3600.0, tenant)
    report = Report(days=days)
    hourly = days <= 2
    buckets: Counter[int] = Counter()
    types: Counter[str] = Counter()
    actions: Counter[str] = Counter()
    per_day: dict[int, Counter[str]] = defaultdict(Counter)
    for hour, entity_type, action, n in rows:
        if hour < start_hour:
            report.previous_total += n
            continue
        report.total += n
        buckets[hour if hourly else hour // 24] += n
        types[brief_name(entity_type)] += n
        actions[action] += n
        per_day[hour // 24][action] += n
        if action in FALSE_POSITIVE:
            report.false_positives += n
    keys = range(start_hour, end_hour + 1) if hourly else range(start_hour // 24, end_hour // 24 + 1)
    report.volume_labels = [_label(k if hourly else k * 24, hourly) for k in keys]
    report.volume = [buckets[k] for k in keys]
    report.distribution = types.most_common(12)
    report.actions = actions.most_common()
    for day in range(start_hour // 24, end_hour // 24 + 1):
        c = per_day[day]
        total = sum(c.values())
        report.day_labels.append(_label(day * 24, False))
        report.protected.append(sum(c[a] for a in PROTECTED))
        report.in_clear.append(sum(c[a] for a in IN_CLEAR))
        report.fp_daily.append(sum(c[a] for a in FALSE_POSITIVE) / total if total else 0.0)
    return report
