#!/usr/bin/env python3
"""One command for each thing a newcomer does, on a machine with only Python 3.11+.

    python3 dev.py demo     # run examples/quickstart.py
    python3 dev.py test     # run the whole test suite (what CI runs)
    python3 dev.py <nox session> [args]   # lint, typecheck, bench, wheels, ... (see noxfile.py)

The first run creates ``.bootstrap/`` (a private virtualenv holding uv and nox, installed with pip);
nox then builds each session's environment from the lock file with uv. Nothing is installed globally.
Debian and Ubuntu ship ``python3`` without ``ensurepip`` unless ``python3-venv`` is installed: then the
virtualenv is created without pip, and pip's own wheel, fetched from the package index and checked
against the index's SHA-256, installs pip into it (``python pip.whl/pip install pip``, what ensurepip
does with the wheel it bundles).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import urllib.parse
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
BOOT = ROOT / ".bootstrap"
BIN = BOOT / ("Scripts" if os.name == "nt" else "bin")
TOOLS = ("uv>=0.5", "nox>=2024.4")
ALIASES = {"test": "tests"}


PYPI_JSON = "https://pypi.org/pypi/pip/json"


def _has_ensurepip() -> bool:
    # Debian's python3 without python3-venv has an ensurepip that only prints how to install it.
    probe = [sys.executable, "-c", "import ensurepip, sys; sys.exit(0 if ensurepip.version() else 1)"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


def _pip_from_index(python: Path) -> None:
    """Install pip into ``python``'s environment from pip's wheel on the package index."""
    with urllib.request.urlopen(PYPI_JSON, timeout=60) as response:
        release = json.load(response)
    wheel = next(
        f
        for f in release["urls"]
        if f["packagetype"] == "bdist_wheel" and f["filename"].endswith("-none-any.whl")
    )
    target = BOOT / wheel["filename"]
    url = urllib.parse.urljoin(PYPI_JSON, wheel["url"])  # a mirror may answer with relative addresses
    with urllib.request.urlopen(url, timeout=120) as response:
        data = response.read()
    if hashlib.sha256(data).hexdigest() != wheel["digests"]["sha256"]:
        raise SystemExit("dev.py: pip's wheel does not match the package index's SHA-256; try again")
    target.write_bytes(data)
    subprocess.run([str(python), f"{target}/pip", "install", "-q", "--no-index", str(target)], check=True)
    target.unlink()


def _bootstrap() -> None:
    stamp = BOOT / ".tools"
    if stamp.exists() and stamp.read_text() == "\n".join(TOOLS):
        return
    print("dev.py: installing uv and nox into .bootstrap/ (first run only)", flush=True)
    python = BIN / ("python.exe" if os.name == "nt" else "python")
    if _has_ensurepip():
        venv.EnvBuilder(with_pip=True, clear=True).create(BOOT)
    else:
        print("dev.py: this Python has no ensurepip (Debian: python3-venv); fetching pip's wheel", flush=True)
        venv.EnvBuilder(with_pip=False, clear=True).create(BOOT)
        _pip_from_index(python)
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, *TOOLS], check=True)
    stamp.write_text("\n".join(TOOLS))


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script is what tells an old Python so
        print("Mask needs Python 3.11 or newer", file=sys.stderr)
        return 2
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    _bootstrap()
    session, rest = ALIASES.get(argv[0], argv[0]), argv[1:]
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    cmd = [str(BIN / "nox"), "-f", str(ROOT / "noxfile.py"), "-s", session]
    if rest:
        cmd += ["--", *rest]
    return subprocess.call(cmd, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
