"""Test helpers for the service: a live uvicorn server on loopback, keys, settings, a PostgreSQL cluster.

Used by this package's tests and by other packages that drive the service (the ``mask`` CLI).
Importing this module needs uvicorn (installed with the service); ``Running.http`` needs httpx.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import uvicorn
from pydantic import SecretStr

from mask_core import MaskClient, MemoryVault, PatternRecognizer
from mask_core.keys import generate_key
from mask_server.settings import ApiKey, ServerSettings

if TYPE_CHECKING:
    import httpx

__all__ = [
    "KEYS",
    "POLICY",
    "LiveServer",
    "Running",
    "free_port",
    "make_client",
    "postgres_cluster",
    "settings_for",
]

KEYS = {
    "admin": ("admin-key-0123456789abcdef", {"admin"}),
    "detect": ("detect-key-0123456789abcdef", {"detect", "firewall", "tokenize"}),
    "detok": ("detok-key-0123456789abcdef", {"detokenize"}),
    "console": ("console-key-0123456789abcdef", {"console"}),
    "metrics": ("metrics-key-0123456789abcdef", {"metrics"}),
}

POLICY = """\
firewall:
  stages:
    - name: input-pii-scanner
      config:
        entity_types: [email, ssn, credit_card, phone, api_key, ip_address]
        action: redact
        redaction_tokens: {credit_card: "[CC]"}
        user_exemptions:
          - user_id: support_agent@company.com
            skip_entity_types: [email]
    - name: output-pii-scanner
      config:
        action: mask
        mask_percentage: 75
        entity_actions: {api_key: block}
  pii-masking:
    allowlist:
      - pattern: "^4111-1111-1111-1111$"
        reason: Example credit card
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn in a thread, serving an app on 127.0.0.1:<free port> (lifespan included)."""

    def __init__(self, app: object) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False)  # type: ignore[arg-type]
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def make_client() -> MaskClient:
    client = MaskClient(tenant="acme", master_key=generate_key(), vault=MemoryVault())
    # Until the full catalogue lands, the brief's API keys are found by a custom recognizer.
    client.add_recognizer(PatternRecognizer("API_KEY", r"\bsk_live_[0-9a-zA-Z]{24,}\b", score=0.99))
    return client


def settings_for(tmp_path: Path, **overrides: object) -> ServerSettings:
    policy = tmp_path / "policy.yaml"
    if not policy.exists():
        policy.write_text(POLICY)
    values: dict[str, object] = {
        "api_keys": [ApiKey(name=n, key=SecretStr(k), scopes=frozenset(s)) for n, (k, s) in KEYS.items()],
        "database_url": f"sqlite:///{tmp_path / 'events.db'}",
        "policy_file": policy,
        "policy_reload": 0.05,
    }
    values.update(overrides)
    return ServerSettings(**values)  # type: ignore[arg-type]


@dataclass
class Running:
    url: str
    app: Any
    client: MaskClient
    tmp_path: Path

    def http(self, key: str | None = "admin") -> httpx.Client:
        import httpx  # a test dependency, not one of the service

        headers = {"Authorization": f"Bearer {KEYS[key][0]}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)

    def flush(self) -> None:
        self.app.state.service.recorder.flush()


# -- PostgreSQL ----------------------------------------------------------------------------------------
def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for base in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (base / name).exists():
            return str(base / name)
    return None


@contextlib.contextmanager
def postgres_cluster() -> Iterator[str | None]:
    """A throwaway PostgreSQL cluster in a temp dir (initdb + pg_ctl), on a Unix socket only."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        yield None
        return
    root = Path(tempfile.mkdtemp(prefix="mask-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    env = dict(os.environ)
    run_as: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: use an unprivileged account
        user = "postgres" if _user_exists("postgres") else "nobody"
        shutil.chown(root, user)
        shutil.chown(sock, user)
        run_as = ["runuser", "-u", user, "--"]
    subprocess.run(  # noqa: S603 - fixed argv: PostgreSQL's own tools
        [*run_as, initdb, "-D", str(data), "-A", "trust", "-U", "mask", "--no-sync", "-E", "UTF8"],
        check=True,
        capture_output=True,
        env=env,
    )
    opts = f"-k {sock} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    subprocess.run(  # noqa: S603
        [*run_as, pg_ctl, "-D", str(data), "-o", opts, "-w", "-l", str(root / "log"), "start"],
        check=True,
        capture_output=True,
        env=env,
    )
    try:
        yield f"postgresql+psycopg://mask@/postgres?host={sock}"
    finally:
        subprocess.run(  # noqa: S603
            [*run_as, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            env=env,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
