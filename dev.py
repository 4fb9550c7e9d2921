#!/usr/bin/env python3
"""One command for each thing a newcomer does, on a machine with only Python 3.11+ and pip.

    python dev.py demo     # run examples/quickstart.py
    python dev.py test     # run the whole test suite (what CI runs)
    python dev.py <nox session> [args]   # lint, typecheck, bench, ... (see noxfile.py)

The first run creates ``.bootstrap/`` (a private virtualenv holding uv and nox, installed with pip);
nox then builds each session's environment from the lock file with uv. Nothing is installed globally.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
BOOT = ROOT / ".bootstrap"
BIN = BOOT / ("Scripts" if os.name == "nt" else "bin")
TOOLS = ("uv>=0.5", "nox>=2024.4")
ALIASES = {"test": "tests"}


def _bootstrap() -> None:
    stamp = BOOT / ".tools"
    if stamp.exists() and stamp.read_text() == "\n".join(TOOLS):
        return
    print("dev.py: installing uv and nox into .bootstrap/ (first run only)", flush=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(BOOT)
    python = BIN / ("python.exe" if os.name == "nt" else "python")
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
