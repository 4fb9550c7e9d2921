"""The package's public API is pinned, and importing it does not start anything."""

from __future__ import annotations

import subprocess
import sys

import mask_server

EXPECTED = {"SCOPES", "ApiKey", "ServerSettings", "create_app", "serve"}


def test_all_is_pinned() -> None:
    assert set(mask_server.__all__) == EXPECTED
    for name in EXPECTED:
        assert hasattr(mask_server, name)


def test_importing_creates_no_app_and_no_database(tmp_path: object) -> None:
    code = "import mask_server, sys; print('uvicorn.server' in sys.modules, 'psycopg' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=str(tmp_path)
    )
    assert out.stdout.split() == ["False", "False"]
    assert not list(__import__("pathlib").Path(str(tmp_path)).iterdir())  # no mask-events.db appeared
