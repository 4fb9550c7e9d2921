"""Charts as inline SVG, drawn on the server.

Why hand-drawn: the console must work without internet (no CDN) and stay dependency-light; three
chart shapes (bars over time, horizontal bars, lines) are a hundred lines of SVG, while a vendored
chart library is hundreds of kilobytes of JavaScript to audit. Every label is escaped; the charts are
plain SVG, so they render without JavaScript and a headless browser can check them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from markupsafe import Markup

__all__ = ["ACTION_COLORS", "bar_chart", "hbar_chart", "line_chart"]

PALETTE = ("#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563")
#: What each firewall action means, in colour: red stops, blue protects, amber lets through, grey
#: marks the findings the policy excused (the reports' false positives).
ACTION_COLORS = {
    "block": "#dc2626",
    "tokenize": "#2563eb",
    "mask": "#0891b2",
    "redact": "#7c3aed",
    "pass": "#d97706",
    "passthrough": "#f59e0b",
    "allowlisted": "#6b7280",
    "exempted": "#9ca3af",
}
_W, _H, _PAD_L, _PAD_B, _PAD_T, _PAD_R = 640, 220, 44, 28, 12, 12


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10.0 ** len(str(int(value))) / 10
    for m in (1, 2, 2.5, 5, 10):
        if m * step >= value:
            return float(m * step)
    return value


def _frame(chart_id: str, title: str, body: str, height: int = _H) -> Markup:
    # Every interpolated label went through html.escape above: the markup is ours.
    return Markup(  # noqa: S704
        f'<svg class="chart" id="{escape(chart_id)}" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {_W} {height}" width="100%" preserveAspectRatio="xMidYMid meet">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _axes(top: float, unit: str = "") -> str:
    x0, y0, y1 = _PAD_L, _H - _PAD_B, _PAD_T
    parts = [f'<line class="axis" x1="{x0}" y1="{y0}" x2="{_W - _PAD_R}" y2="{y0}" stroke="#9ca3af"/>']
    for i in range(5):
        v = top * i / 4
        y = y0 - (y0 - y1) * i / 4
        label = f"{v:.0%}" if unit == "%" else f"{v:.4g}"
        parts.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{_W - _PAD_R}" y2="{y:.1f}" stroke="#e5e7eb"/>')
        parts.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{label}</text>')
    return "".join(parts)


def _x_labels(labels: Sequence[str], xs: Sequence[float]) -> str:
    """At most about eight labels, always the first and the last; a label at an edge is anchored
    inside the chart (a centred "Dec 06" at the right edge would be cut to "Dec 0")."""
    n = len(labels)
    every = max(1, -(-n // 8))
    shown = [i for i in range(n) if i % every == 0 and (n - 1 - i >= every or i == 0)]
    if n and n - 1 not in shown:
        shown.append(n - 1)
    parts = []
    for i in shown:
        x, lbl = xs[i], labels[i]
        half = 3.4 * len(lbl)  # an 11 px label is about 6.8 px per character
        anchor = "end" if x + half > _W - 2 else ("start" if x - half < 2 else "middle")
        parts.append(
            f'<text class="x-label" x="{x:.1f}" y="{_H - 8}" text-anchor="{anchor}" font-size="11">'
            f"{escape(lbl)}</text>"
        )
    return "".join(parts)


def bar_chart(chart_id: str, title: str, labels: Sequence[str], values: Sequence[float]) -> Markup:
    """Vertical bars, one per label (detection volume over time)."""
    top = _nice_max(max(values, default=0))
    n = max(1, len(values))
    width = (_W - _PAD_L - _PAD_R) / n
    y0, span = _H - _PAD_B, _H - _PAD_B - _PAD_T
    bars, xs = [], []
    for i, (lbl, v) in enumerate(zip(labels, values, strict=True)):
        h = span * v / top
        x = _PAD_L + i * width
        xs.append(x + width / 2)
        bars.append(
            f'<rect class="bar" x="{x + width * 0.1:.1f}" y="{y0 - h:.1f}" width="{width * 0.8:.1f}" '
            f'height="{h:.1f}" fill="{PALETTE[0]}" data-label="{escape(lbl)}" data-value="{v:g}">'
            f"<title>{escape(lbl)}: {v:g}</title></rect>"
        )
    return _frame(chart_id, title, _axes(top) + "".join(bars) + _x_labels(labels, xs))


def hbar_chart(
    chart_id: str, title: str, items: Sequence[tuple[str, float]], *, colors: Mapping[str, str] | None = None
) -> Markup:
    """Horizontal bars with labels (entity type distribution); ``colors`` fixes a label's colour (the
    actions chart: a block is red and an exemption is not)."""
    row = 24
    height = max(row * len(items) + 16, 60)
    top = max((v for _, v in items), default=0) or 1
    label_w = 170
    avail = _W - label_w - 60
    parts = []
    for i, (lbl, v) in enumerate(items):
        y = 8 + i * row
        w = avail * v / top
        color = (colors or {}).get(lbl) or PALETTE[i % len(PALETTE)]
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="12">{escape(lbl)}</text>'
            f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" fill="{color}" '
            f'data-label="{escape(lbl)}" data-value="{v:g}"><title>{escape(lbl)}: {v:g}</title></rect>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 15}" font-size="12">{v:g}</text>'
        )
    if not items:
        parts.append(
            f'<text x="{_W / 2}" y="34" text-anchor="middle" font-size="13">no detections yet</text>'
        )
    return _frame(chart_id, title, "".join(parts), height)


def line_chart(
    chart_id: str, title: str, labels: Sequence[str], series: Mapping[str, Sequence[float]], *, unit: str = ""
) -> Markup:
    """One line per series, with a legend (trends, false-positive rate)."""
    top = 1.0 if unit == "%" else _nice_max(max((v for s in series.values() for v in s), default=0))
    n = max(1, len(labels) - 1)
    y0, span = _H - _PAD_B, _H - _PAD_B - _PAD_T
    xs = [_PAD_L + (_W - _PAD_L - _PAD_R) * i / n for i in range(len(labels))]
    parts = [_axes(top, unit)]
    for k, (name, values) in enumerate(series.items()):
        color = PALETTE[k % len(PALETTE)]
        points = " ".join(
            f"{x:.1f},{y0 - span * min(v, top) / top:.1f}" for x, v in zip(xs, values, strict=True)
        )
        parts.append(
            f'<polyline class="series" data-series="{escape(name)}" fill="none" stroke="{color}" '
            f'stroke-width="2" points="{points}"/>'
        )
        lx = _PAD_L + 8 + k * 150
        parts.append(
            f'<rect x="{lx}" y="{_PAD_T}" width="10" height="10" fill="{color}"/>'
            f'<text x="{lx + 14}" y="{_PAD_T + 9}" font-size="11">{escape(name)}</text>'
        )
    parts.append(_x_labels(labels, xs))
    return _frame(chart_id, title, "".join(parts))
