"""``dev.py``: the README's two commands on a machine with only ``python3``, ensurepip or not."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import venv
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _dev(boot: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev_under_test", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.BOOT, module.BIN = boot, boot / "bin"
    return module


def test_without_ensurepip_pip_comes_from_the_package_index(tmp_path: Path) -> None:
    # What Debian's python3 without python3-venv gets: a virtualenv without pip, then pip's wheel.
    dev = _dev(tmp_path / "boot")
    venv.EnvBuilder(with_pip=False).create(dev.BOOT)
    python = dev.BIN / "python"
    assert subprocess.run([python, "-m", "pip", "--version"], capture_output=True).returncode != 0
    try:
        dev._pip_from_index(python)
    except OSError as exc:  # no route to the package index from this machine
        pytest.skip(f"the package index is unreachable: {type(exc).__name__}")
    done = subprocess.run([python, "-m", "pip", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("pip ")
    assert not list(dev.BOOT.glob("*.whl")), "the downloaded wheel is removed"


def test_a_python_without_ensurepip_is_recognised(tmp_path: Path) -> None:
    dev = _dev(tmp_path / "boot")
    assert dev._has_ensurepip() is (importlib.util.find_spec("ensurepip") is not None)
    # A stand-in for Debian's stub: an ensurepip that exits with an install hint.
    stub = tmp_path / "stub"
    (stub / "ensurepip").mkdir(parents=True)
    (stub / "ensurepip" / "__init__.py").write_text("raise SystemExit('apt install python3-venv')\n")
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import ensurepip", stub],
        capture_output=True,
    )
    assert probe.returncode != 0


def test_the_readme_says_python3_and_how_long_the_tests_take() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 dev.py demo" in readme and "python3 dev.py test" in readme
    assert "python dev.py" not in readme
    assert "minutes" in readme.split("python3 dev.py test", 1)[1][:600]
    assert "python3 dev.py" in (ROOT / "dev.py").read_text(encoding="utf-8")
