"""Real servers for tests and benchmarks: redis-server (one node or a cluster), memcached, moto.

Each server runs as a child process on a free loopback port, is polled until it answers, and is
stopped by whoever started it (``with start_redis(tmp) as server: ...``; an ``atexit`` hook catches
what a crashed test left behind). Fault tests use :meth:`ServerProcess.kill`, :meth:`~ServerProcess.start`
(same port), :meth:`~ServerProcess.freeze` and :meth:`~ServerProcess.thaw`.

A missing binary raises :class:`ServerMissing`; the test suite turns it into a skip, or a failure when
``MASK_REQUIRE_SERVERS=1`` (CI). Only the standard library is used here: no client library is needed
to start a server.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Self

__all__ = [
    "RedisCluster",
    "ServerMissing",
    "ServerProcess",
    "free_port",
    "require_binary",
    "start_memcached",
    "start_moto",
    "start_redis",
    "start_redis_cluster",
]

_LIVE: set[ServerProcess] = set()


class ServerMissing(RuntimeError):
    """The server binary is not installed (``apt-get install redis-server memcached``)."""


def require_binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ServerMissing(
            f"'{name}' is not installed (Debian/Ubuntu: apt-get install {_PACKAGE.get(name, name)})"
        )
    return path


_PACKAGE = {"redis-server": "redis-server", "redis-cli": "redis-tools", "memcached": "memcached"}


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _ephemeral_ports() -> range:
    """The kernel's range for the source ports of outgoing connections (Linux; IANA's elsewhere)."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            low, high = (int(n) for n in f.read().split())
    except (OSError, ValueError):
        low, high = 49152, 65535
    return range(low, high + 1)


def free_port(*, cluster_bus: bool = False) -> int:
    """A free loopback port (and, for a cluster node, its bus port ``port + 10000`` free too).

    Never one the kernel may pick as a source port: a client connecting to a port where nothing
    listens can, in that range, be given that very port as its own and connect to itself (a TCP
    self-connect), reading its own request back as the answer. A "server down" test then sees a
    reply instead of a refused connection.
    """
    ephemeral = _ephemeral_ports()
    candidates = [p for p in range(20000, 32000) if p not in ephemeral and p + 10000 not in ephemeral]
    if not candidates:  # an unusual kernel setting: any port, as before
        candidates = list(range(20000, 45000))
    for _ in range(200):
        port = random.choice(candidates)  # noqa: S311 - not security relevant
        if _port_free(port) and (not cluster_bus or _port_free(port + 10000)):
            return port
    raise RuntimeError("no free loopback port found")


def _ask(port: int, request: bytes, expect: bytes) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.sendall(request)
            return expect in s.recv(4096)
    except OSError:
        return False


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=0.5) as response:  # noqa: S310 - loopback only
            return bool(response.status == 200)
    except OSError:
        return False


class ServerProcess:
    """One server child process on a fixed port, restartable on that port."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        port: int,
        ready: Callable[[], bool],
        *,
        env: dict[str, str] | None = None,
        stop_signal: int = signal.SIGTERM,
    ) -> None:
        self.name = name
        self._stop_signal = stop_signal
        self.argv = list(argv)
        self.port = port
        self._ready = ready
        self._env = None if env is None else {**os.environ, **env}
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def __repr__(self) -> str:
        return f"ServerProcess({self.name!r}, port={self.port}, running={self.running})"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, *, timeout: float = 30.0) -> Self:
        """Start (or restart, on the same port) and wait until the server answers."""
        # Output goes to a file, never a pipe: a chatty server (moto logs every request) would fill the
        # pipe and block.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv of a test server
            self.argv, env=self._env, stdout=self._log, stderr=subprocess.STDOUT
        )
        _LIVE.add(self)
        deadline = time.monotonic() + timeout
        while not self._ready():
            if self.process.poll() is not None:
                self._log.seek(0)
                err = self._log.read()[-500:].decode(errors="replace")
                self.stop()
                raise RuntimeError(f"{self.name} exited with an error: {err}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self.name} did not answer on port {self.port} within {timeout}s")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        """Terminate and wait (SIGKILL after 5 s)."""
        proc, self.process = self.process, None
        _LIVE.discard(self)
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGCONT)  # a frozen process cannot act on SIGTERM
            proc.send_signal(self._stop_signal)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def output(self) -> str:
        """What the server has written to stdout and stderr so far (e.g. ``memcached -vv`` commands)."""
        if self._log is None:
            return ""
        self._log.flush()
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def kill(self) -> None:
        """Crash the server (SIGKILL): what a fault test does mid-run."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
        self.stop()

    def freeze(self) -> None:
        """SIGSTOP: the server keeps its port but never answers (an unreachable server)."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


@atexit.register
def _stop_leftovers() -> None:
    for server in list(_LIVE):
        with contextlib.suppress(Exception):
            server.stop()


def _redis_argv(directory: Path, port: int, extra: Sequence[str]) -> list[str]:
    return [
        require_binary("redis-server"),
        "--port", str(port), "--bind", "127.0.0.1", "--protected-mode", "no", "--daemonize", "no",
        "--save", "", "--appendonly", "no", "--dir", str(directory), "--loglevel", "warning",
        *extra,
    ]  # fmt: skip


def start_redis(directory: Path, *, port: int | None = None, persistent: bool = False) -> ServerProcess:
    """A single redis-server. ``persistent``: an append-only file fsynced on every write survives kill -9."""
    port = port or free_port()
    directory.mkdir(parents=True, exist_ok=True)
    extra = ["--appendonly", "yes", "--appendfsync", "always"] if persistent else []
    server = ServerProcess(
        "redis-server",
        _redis_argv(directory, port, extra),
        port,
        lambda: _ask(port, b"PING\r\n", b"+PONG"),
    )
    return server.start()


class RedisCluster:
    """A Redis Cluster of ``masters`` nodes (no replicas) on loopback ports."""

    def __init__(self, nodes: list[ServerProcess]) -> None:
        self.nodes = nodes

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.nodes[0].port}/0"

    def wait_ok(self, timeout: float = 30.0) -> None:
        """Wait until every node reports ``cluster_state:ok``."""
        deadline = time.monotonic() + timeout
        while not all(_ask(n.port, b"CLUSTER INFO\r\n", b"cluster_state:ok") for n in self.nodes):
            if time.monotonic() > deadline:
                raise RuntimeError(f"the Redis Cluster did not reach cluster_state:ok within {timeout}s")
            time.sleep(0.05)

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_redis_cluster(directory: Path, *, masters: int = 3, persistent: bool = False) -> RedisCluster:
    """Start ``masters`` cluster-enabled nodes and join them with ``redis-cli --cluster create``.

    A node restarted with :meth:`ServerProcess.start` rejoins with its identity and slots (its
    ``nodes.conf``); with ``persistent`` it also keeps its data.
    """
    cli = require_binary("redis-cli")
    require_binary("redis-server")
    nodes: list[ServerProcess] = []
    try:
        for _ in range(masters):
            port = free_port(cluster_bus=True)
            node_dir = directory / f"node-{port}"
            node_dir.mkdir(parents=True, exist_ok=True)
            extra = ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"]
            extra += ["--cluster-node-timeout", "2000"]
            extra += ["--appendonly", "yes", "--appendfsync", "always"] if persistent else []
            ready = functools.partial(_ask, port, b"PING\r\n", b"+PONG")
            nodes.append(
                ServerProcess("redis-server", _redis_argv(node_dir, port, extra), port, ready).start()
            )
        addresses = [f"127.0.0.1:{n.port}" for n in nodes]
        subprocess.run(  # noqa: S603
            [cli, "--cluster", "create", *addresses, "--cluster-replicas", "0", "--cluster-yes"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        cluster = RedisCluster(nodes)
        cluster.wait_ok()
    except BaseException:
        for node in nodes:
            node.stop()
        raise
    return cluster


def start_memcached(*, port: int | None = None, memory_mb: int = 64, verbose: bool = False) -> ServerProcess:
    """memcached; ``verbose`` logs every command it receives (``-vv``, read with ``output()``)."""
    port = port or free_port()
    argv = [require_binary("memcached"), "-l", "127.0.0.1", "-p", str(port), "-U", "0", "-m", str(memory_mb)]
    argv += ["-vv"] if verbose else []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv += ["-u", "root"]  # memcached refuses to run as root without naming a user
    ready = functools.partial(_ask, port, b"version\r\n", b"VERSION")
    # SIGKILL: memcached keeps nothing worth a graceful stop, which takes it a second
    return ServerProcess("memcached", argv, port, ready, stop_signal=signal.SIGKILL).start()


def start_moto(*, port: int | None = None, env: dict[str, str] | None = None) -> ServerProcess:
    """moto's standalone server (``python -m moto.server``) in its own process, over real HTTP."""
    port = port or free_port()
    argv = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    ready = lambda: _http_ok(f"http://127.0.0.1:{port}/moto-api/")  # noqa: E731
    server = ServerProcess("moto_server", argv, port, ready, env=env, stop_signal=signal.SIGKILL)
    return server.start(timeout=60)
