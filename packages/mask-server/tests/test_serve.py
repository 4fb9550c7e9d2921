"""``serve()`` as ``mask serve`` runs it: a real process, its access log, and nothing sensitive in it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from mask_core.testing import assert_no_pii
from mask_server.testing import free_port

EMAIL = "alice.johnson@example.com"
SSN = "536-22-8745"


def test_serve_runs_the_service_and_logs_no_pii(tmp_path: Path) -> None:
    port = free_port()
    key = "serve-key-0123456789abcdef"
    env = dict(
        os.environ,
        MASK_ENV="development",
        MASK_MASTER_KEY="hex:" + "22" * 32,
        MASK_SERVER_DATABASE_URL=f"sqlite:///{tmp_path / 'events.db'}",
        MASK_SERVER_API_KEYS=json.dumps([{"name": "ops", "key": key, "scopes": ["admin"]}]),
    )
    code = f"import mask_server; mask_server.serve('127.0.0.1', {port})"
    proc = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "serve() did not come up"
            time.sleep(0.1)
        headers = {"Authorization": f"Bearer {key}"}
        r = httpx.post(
            f"{url}/api/v1/governance/pii/detect?email={EMAIL}",
            json={"text": f"{EMAIL} {SSN}"},
            headers=headers,
        )
        assert r.status_code == 200 and r.json()["masked_text"] != f"{EMAIL} {SSN}"
        assert "server" not in r.headers  # no server banner
        assert httpx.get(f"{url}/missing/{SSN}?ssn={SSN}").status_code == 404
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    log = out.decode() + err.decode()
    assert "POST /api/v1/governance/pii/detect 200" in log and "key=ops" in log
    assert "GET <unmatched> 404" in log
    assert_no_pii(log)
    assert SSN not in log and EMAIL not in log


def test_uvicorns_own_access_log_is_scrubbed(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """Started without serve(), e.g. ``uvicorn --factory`` with its access log on: still no PII."""
    import uvicorn

    from mask_server import create_app
    from mask_server.testing import KEYS, make_client, settings_for

    app = create_app(settings_for(tmp_path), client=make_client())
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, access_log=True, log_level="info")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    url = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {KEYS['admin'][0]}"}
    httpx.post(f"{url}/api/v1/tokenize?email={EMAIL}", json={"text": SSN}, headers=headers)
    httpx.get(f"{url}/nowhere/{SSN}")
    httpx.get(f"{url}/console/static/console.css?x={SSN}")
    server.should_exit = True
    thread.join(timeout=15)
    out, err = capfd.readouterr()  # uvicorn's access logger does not propagate: read what it printed
    lines = [line for line in (out + err).splitlines() if "HTTP/1.1" in line]
    assert any('"POST /api/v1/tokenize HTTP/1.1" 200' in line for line in lines), lines
    assert any('"GET <unmatched> HTTP/1.1" 404' in line for line in lines), lines
    assert any('"GET /console/static HTTP/1.1" 200' in line for line in lines), lines
    assert_no_pii(*lines)
    assert all(EMAIL not in line and SSN not in line for line in lines)


def test_a_malformed_server_setting_is_a_configuration_error_without_its_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mask_core import MaskConfigurationError
    from mask_server import create_app

    monkeypatch.setenv("MASK_ENV", "development")
    monkeypatch.setenv("MASK_SERVER_MAX_BODY_BYTES", "bytes-4e1d2b")
    with pytest.raises(MaskConfigurationError) as caught:
        create_app()
    assert "MASK_SERVER_MAX_BODY_BYTES" in str(caught.value)
    assert "4e1d2b" not in str(caught.value)
    assert caught.value.__context__ is None
