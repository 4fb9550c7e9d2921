# ruff: noqa: E501  (log lines and records read best on one line)
"""PII-free technical text (seeded): what agents read from build, ops and data tools.

Source code, structured log lines (app, kernel, syslog, journal, nginx access logs from loopback and
health probes), JSON with UUIDs, hashes, order and 5-digit batch numbers, Markdown tables, ``cal``-style
calendar tables, Debian/Ubuntu changelogs with package versions (``20220623.1-1``,
``2.31.0-1ubuntu2``), Python and Java stack traces, CSV metrics. Nothing in it identifies a person, so
every finding is a false positive, except generic dates and times (``DATE_TIME``): log timestamps are
real dates, which the evaluation counts on their own line.

Until 2026-12-07 the JSON lines held an order's ``"zip"``. A postcode under a ``zip`` key is a person's
by the records corpus's labelling and the field vocabulary, and Mask now reads JSON inside a text by
its keys (``fields/markup.py``), so those 91 values became findings: personal data in a corpus meant
to hold none. They are a batch number of the same shape now.
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import json
import random
import uuid
from collections.abc import Callable

__all__ = ["technical"]

_LEVELS = ["INFO", "DEBUG", "WARN", "ERROR"]
_HOSTS = ["web-01", "web-02", "api-3", "worker-7", "db-primary", "cache-a"]
_UNITS = ["nginx.service", "docker.service", "cron.service", "systemd-journald.service", "ssh.service"]
_PACKAGES = ["openssl", "python3-requests", "libc6", "tzdata", "curl", "linux-firmware", "ca-certificates"]


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _ts(rng: random.Random) -> datetime.datetime:
    return datetime.datetime(
        2024,
        rng.randint(1, 12),
        rng.randint(1, 28),
        rng.randint(0, 23),
        rng.randint(0, 59),
        rng.randint(0, 59),
    )


def _app_log(rng: random.Random) -> str:
    ts = _ts(rng).strftime("%Y-%m-%dT%H:%M:%S") + f".{rng.randint(0, 999):03d}Z"
    return (
        f"{ts} {rng.choice(_LEVELS)} worker-{rng.randint(1, 64)} request_id={uuid.UUID(int=rng.getrandbits(128))} "
        f"GET /api/v2/orders/{rng.randint(100000, 999999)} status={rng.choice([200, 201, 404, 500])} "
        f"latency_ms={rng.uniform(0.5, 900):.2f} bytes={rng.randint(100, 99999)}\n"
    )


def _json_record(rng: random.Random) -> str:
    record = {
        "order_id": f"ORD-{rng.randint(10**7, 10**8 - 1)}",
        "sku": f"SKU-{rng.randint(1000, 9999)}-{rng.choice('ABCDEFGH')}",
        "quantity": rng.randint(1, 20),
        "price": round(rng.uniform(1, 2000), 2),
        "currency": "USD",
        "warehouse": f"WH-{rng.randint(1, 40)}",
        "batch": f"{rng.randint(10000, 99999)}",
        "created_at": _ts(rng).isoformat() + "Z",
        "trace_id": uuid.UUID(int=rng.getrandbits(128)).hex,
        "version": f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}",
        "etag": hashlib.sha1(str(rng.random()).encode()).hexdigest(),
    }
    return json.dumps(record) + "\n"


def _code(rng: random.Random) -> str:
    name = rng.choice(["compute_total", "parse_rows", "retry_backoff", "load_config", "merge_sorted"])
    return (
        f"def {name}(items, limit={rng.randint(1, 1000)}):\n"
        f"    # see commit {_hex(rng, 12)}\n"
        f"    total = sum(i.price * i.qty for i in items[:limit])\n"
        f"    return round(total * {rng.uniform(0.5, 1.5):.4f}, 2)  # v{rng.randint(1, 5)}.{rng.randint(0, 20)}\n\n"
    )


def _build(rng: random.Random) -> str:
    return (
        f"sha256:{hashlib.sha256(str(rng.random()).encode()).hexdigest()}  "
        f"build #{rng.randint(1000, 99999)} took {rng.randint(1, 59)}m{rng.randint(0, 59)}s, "
        f"{rng.randint(100, 5000)} tests passed, coverage {rng.uniform(50, 99):.1f}%\n"
    )


def _table(rng: random.Random) -> str:
    return (
        f"| {rng.randint(1, 500):>4} | {rng.choice(['widget', 'gadget', 'cable', 'adapter'])} | "
        f"${rng.uniform(1, 999):,.2f} | {rng.randint(1, 99)} units | batch {rng.randint(10**5, 10**6)} | "
        f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(2019, 2025)} |\n"
    )


def _kernel(rng: random.Random) -> str:
    ts = _ts(rng).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return (
        f"{ts} kernel: [{rng.uniform(0, 99999):.6f}] eth0: link up, {rng.choice([100, 1000, 10000])} Mbps, "
        f"mtu {rng.choice([1500, 9000])}, queue {rng.randint(0, 15)}, pid {rng.randint(100, 65535)}\n"
    )


def _calendar(rng: random.Random) -> str:
    # Python's TextCalendar prints exactly what ``cal`` prints: rows like "21 22 23 24 25 26 27".
    return (
        calendar.TextCalendar(calendar.SUNDAY).formatmonth(rng.randint(2019, 2027), rng.randint(1, 12)) + "\n"
    )


def _changelog(rng: random.Random) -> str:
    pkg = rng.choice(_PACKAGES)
    version = rng.choice(
        [
            f"{rng.randint(2019, 2024)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}.{rng.randint(1, 3)}-{rng.randint(1, 3)}",
            f"{rng.randint(1, 3)}.{rng.randint(0, 40)}.{rng.randint(0, 9)}-{rng.randint(1, 4)}ubuntu{rng.randint(1, 9)}",
            f"{rng.randint(1, 2)}:{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 40)}-0ubuntu0.22.04.{rng.randint(1, 9)}",
            f"{rng.randint(0, 9)}.{rng.randint(0, 99)}.{rng.randint(0, 99)}+dfsg-{rng.randint(1, 5)}",
        ]
    )
    when = _ts(rng)
    return (
        f"{pkg} ({version}) jammy-security; urgency=medium\n\n"
        f"  * SECURITY UPDATE: buffer overflow in {rng.choice(['parser', 'decoder', 'resolver'])}\n"
        f"    - debian/patches/CVE-{when.year}-{rng.randint(1000, 49999)}.patch: check length\n"
        f"  * Rebuild against libssl3 3.0.{rng.randint(2, 15)}-1ubuntu{rng.randint(1, 9)}\n\n"
    )  # the " -- maintainer <e-mail>  date" trailer is left out: it names a person


def _syslog(rng: random.Random) -> str:
    when = _ts(rng).strftime("%b %d %H:%M:%S")
    host, unit = rng.choice(_HOSTS), rng.choice(_UNITS)
    message = rng.choice(
        [
            f"Started {unit.removesuffix('.service')} daily job.",
            f"{unit}: Consumed {rng.uniform(0.1, 90):.3f}s CPU time.",
            f"{unit}: Main process exited, code=exited, status={rng.randint(0, 3)}/FAILURE",
            f"Reached target timers.target - Timer Units ({rng.randint(1, 99)} active).",
        ]
    )
    return f"{when} {host} systemd[1]: {message}\n"


def _journal(rng: random.Random) -> str:
    return (
        f"-- Boot {_hex(rng, 32)} --\n"
        f"{_ts(rng).strftime('%b %d %H:%M:%S')} {rng.choice(_HOSTS)} containerd[{rng.randint(300, 9000)}]: "
        f'time="{_ts(rng).isoformat()}Z" level=info msg="shim disconnected" id={_hex(rng, 64)} namespace=moby\n'
    )


def _nginx(rng: random.Random) -> str:
    # Loopback and the kubelet's probes: no client of a person appears in these lines.
    when = _ts(rng).strftime("%d/%b/%Y:%H:%M:%S +0000")
    path = rng.choice(["/healthz", "/readyz", "/metrics", f"/static/app.{_hex(rng, 8)}.js"])
    agent = rng.choice([f"kube-probe/1.{rng.randint(25, 30)}", f"Prometheus/2.{rng.randint(40, 53)}.0"])
    return f'127.0.0.1 - - [{when}] "GET {path} HTTP/1.1" {rng.choice([200, 204, 304])} {rng.randint(0, 9999)} "-" "{agent}"\n'


def _traceback(rng: random.Random) -> str:
    if rng.random() < 0.5:
        line = rng.randint(100, 900)
        return (
            "Traceback (most recent call last):\n"
            f'  File "/usr/lib/python3/dist-packages/requests/adapters.py", line {line}, in send\n'
            "    resp = conn.urlopen(\n"
            f'  File "/usr/lib/python3/dist-packages/urllib3/connectionpool.py", line {line + 287}, in urlopen\n'
            "    retries = retries.increment(\n"
            f"requests.exceptions.ConnectionError: HTTPConnectionPool(host='localhost', port={rng.randint(1024, 65535)}): "
            "Max retries exceeded with url: /v1/jobs (Caused by NewConnectionError('Connection refused'))\n\n"
        )
    return (
        f"java.lang.IllegalStateException: pool exhausted after {rng.randint(1, 60)}s\n"
        f"\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:{rng.randint(100, 300)})\n"
        f"\tat org.springframework.jdbc.datasource.DataSourceUtils.fetchConnection(DataSourceUtils.java:{rng.randint(100, 200)})\n"
        f"\tat org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:{rng.randint(150, 250)})\n"
        f"\t... {rng.randint(10, 60)} common frames omitted\n\n"
    )


def _csv(rng: random.Random) -> str:
    rows = ["timestamp,host,cpu_pct,mem_mb,p99_ms,requests"]
    start = _ts(rng)
    for k in range(rng.randint(3, 8)):
        when = (start + datetime.timedelta(minutes=5 * k)).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows.append(
            f"{when},{rng.choice(_HOSTS)},{rng.uniform(1, 99):.1f},{rng.randint(200, 16000)},{rng.uniform(1, 900):.1f},{rng.randint(0, 99999)}"
        )
    return "\n".join(rows) + "\n\n"


_KINDS: tuple[Callable[[random.Random], str], ...] = (
    _app_log, _json_record, _code, _build, _table, _kernel,
    _calendar, _changelog, _syslog, _journal, _nginx, _traceback, _csv,
)  # fmt: skip


def technical(kb: int = 200, seed: int = 11) -> str:
    """PII-free technical text of about ``kb`` kilobytes; the same ``seed`` gives the same text."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < kb * 1024:
        chunk = rng.choice(_KINDS)(rng)
        parts.append(chunk)
        size += len(chunk)
    return "".join(parts)
