"""HTTP service benchmarks: the real server, over loopback, in its own process.

    python benchmarks/bench_server.py [--quick] [--json benchmarks/results.json]

* ``POST /api/v1/governance/pii/detect`` on a 1 KB text, deterministic tier (no NER):
  server-side p50 <= 2 ms (read from the ``Server-Timing`` header of each response)
* the same request under load: >= 500 requests/s with zero errors, measured by ``wrk`` (Debian's
  package) from another process; the server runs pinned to one core and wrk on the other, so the
  two never compete for a CPU. Without wrk, a Python load generator in a second process is used.

The server is what ``mask serve`` runs: uvicorn (uvloop, httptools), one worker, a policy file that
redacts, detection events recorded to SQLite, bearer auth on.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))

from _harness import Row, machine, print_table, write_json
from bench_core import PARAGRAPH

KEY = "bench-key-0123456789abcdef"
POLICY = textwrap.dedent(
    """\
    firewall:
      stages:
        - name: input-pii-scanner
          config: {action: redact}
    """
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cores() -> list[int]:
    return sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []


def start_server(tmp: Path, port: int) -> subprocess.Popen[bytes]:
    (tmp / "policy.yaml").write_text(POLICY)
    env = dict(
        os.environ,
        MASK_ENV="development",
        # The deterministic tier, as the targets are set for it: with a spaCy model installed the
        # default (MASK_NER=auto) would turn the NER tier on (bench_detection.py measures that).
        MASK_NER="off",
        MASK_MASTER_KEY="hex:" + "11" * 32,
        MASK_POLICY_FILE=str(tmp / "policy.yaml"),
        MASK_SERVER_DATABASE_URL=f"sqlite:///{tmp / 'events.db'}",
        MASK_SERVER_API_KEYS=json.dumps([{"name": "bench", "key": KEY, "scopes": ["admin"]}]),
    )
    code = f"import mask_server; mask_server.serve('127.0.0.1', {port}, log_level='warning')"
    cmd = [sys.executable, "-c", code]
    cores = _cores()
    if len(cores) >= 2 and shutil.which("taskset"):
        cmd = ["taskset", "-c", str(cores[0]), *cmd]
    proc = subprocess.Popen(cmd, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start")


def server_side_latency(url: str, calls: int) -> dict[str, float]:
    import httpx

    body = {"text": PARAGRAPH}
    headers = {"Authorization": f"Bearer {KEY}"}
    samples, client_side = [], []
    with httpx.Client(base_url=url, headers=headers) as http:
        for i in range(calls + 200):
            start = time.perf_counter()
            r = http.post("/api/v1/governance/pii/detect", json=body)
            took = (time.perf_counter() - start) * 1000
            r.raise_for_status()
            if i >= 200:  # warm-up excluded
                samples.append(float(r.headers["server-timing"].split("dur=")[1]))
                client_side.append(took)
    samples.sort()
    client_side.sort()
    return {
        "p50": statistics.median(samples),
        "p95": samples[int(len(samples) * 0.95)],
        "client_p50": statistics.median(client_side),
    }


def wrk_load(url: str, seconds: int, connections: int) -> dict[str, float]:
    script = Path(tempfile.mkdtemp()) / "post.lua"
    script.write_text(
        textwrap.dedent(
            f"""\
            wrk.method = "POST"
            wrk.body = {json.dumps(json.dumps({"text": PARAGRAPH}))}
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["Authorization"] = "Bearer {KEY}"
            """
        )
    )
    cmd = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "-s",
        str(script),
        url + "/api/v1/governance/pii/detect",
    ]
    cores = _cores()
    if len(cores) >= 2 and shutil.which("taskset"):
        cmd = ["taskset", "-c", str(cores[1]), *cmd]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    lat = float(p50.group(1)) * scale[p50.group(2)] if p50 else float("nan")
    return {"rps": rps, "requests": total, "errors": errors, "client_p50_ms": lat}


def python_load(url: str, seconds: int, connections: int) -> dict[str, float]:
    """Fallback without wrk: keep-alive clients in a separate process (slower than wrk)."""
    code = textwrap.dedent(
        f"""
        import asyncio, json, statistics, time, httpx
        async def main():
            body = {{"text": {PARAGRAPH!r}}}
            headers = {{"Authorization": "Bearer {KEY}"}}
            ok = err = 0
            took = []
            end = time.monotonic() + {seconds}
            async with httpx.AsyncClient(base_url={url!r}, headers=headers) as http:
                async def worker():
                    nonlocal ok, err
                    while time.monotonic() < end:
                        t0 = time.perf_counter()
                        r = await http.post("/api/v1/governance/pii/detect", json=body)
                        took.append(time.perf_counter() - t0)
                        ok, err = (ok + 1, err) if r.status_code == 200 else (ok, err + 1)
                await asyncio.gather(*[worker() for _ in range({connections})])
            p50 = statistics.median(took) * 1000 if took else float("nan")
            print(json.dumps({{"ok": ok, "err": err, "p50_ms": p50}}))
        asyncio.run(main())
        """
    )
    cores = _cores()
    cmd = [sys.executable, "-c", code]
    if len(cores) >= 2 and shutil.which("taskset"):
        cmd = ["taskset", "-c", str(cores[1]), *cmd]
    out = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    return {
        "rps": out["ok"] / seconds,
        "requests": out["ok"] + out["err"],
        "errors": out["err"],
        # Each of the 16 clients waits for its own request: the server's queue, not its speed.
        "client_p50_ms": out["p50_ms"],
    }


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), to cost a request in CPU, not wall time."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json")
    args = parser.parse_args()
    calls, seconds = (500, 5) if args.quick else (2000, 15)
    tmp = Path(tempfile.mkdtemp(prefix="mask-bench-"))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_server(tmp, port)
    try:
        lat = server_side_latency(url, calls)
        cpu_before = cpu_seconds(proc.pid)
        load = wrk_load(url, seconds, 16) if shutil.which("wrk") else python_load(url, seconds, 16)
        cpu_ms = (cpu_seconds(proc.pid) - cpu_before) * 1000 / max(1, load["requests"])
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    tool = "wrk" if shutil.which("wrk") else "python"
    capacity = 1000 / cpu_ms if cpu_ms else 0.0
    rows = [
        Row("/detect 1 KB, server-side p50", lat["p50"], "ms", "<= 2 ms", lat["p50"] <= 2.0),
        Row("/detect 1 KB, server-side p95", lat["p95"], "ms"),
        Row("/detect 1 KB, client-side p50 (sequential, keep-alive)", lat["client_p50"], "ms"),
        Row(
            f"/detect 1 KB under load ({tool}, 16 connections)",
            load["rps"],
            "req/s",
            ">= 500 /s",
            load["rps"] >= 500,
        ),
        Row("  errors during the load run", load["errors"], "", "0", load["errors"] == 0),
        Row("  requests during the load run", load["requests"], ""),
        Row("  client-side p50 under load", load["client_p50_ms"], "ms"),
        # Wall-clock throughput depends on what else runs on the core; CPU time per request does not.
        Row("  server CPU time per request under load", cpu_ms, "ms"),
        Row("  => requests/s one unshared core sustains", capacity, "req/s", ">= 500 /s"),
    ]
    title = "HTTP service, 1 worker, loopback"
    print(f"machine: {machine()}")
    print_table(title, rows)
    if args.json:
        write_json(args.json, title, rows)


if __name__ == "__main__":
    main()
