"""The public API is pinned; the package imports alone, and says clearly when LlamaIndex is missing."""

from __future__ import annotations

import subprocess
import sys

import mask_llamaindex

EXPECTED = {"MaskTool", "MaskToolWrapper", "mask_llamaindex_hooks", "protect"}


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


def test_all_is_pinned() -> None:
    assert set(mask_llamaindex.__all__) == EXPECTED
    for name in EXPECTED:
        assert getattr(mask_llamaindex, name) is not None


def test_imports_no_other_framework() -> None:
    code = (
        "import sys, mask_llamaindex; "
        "print([m for m in ('langchain_core', 'google.adk', 'mask_langchain', 'mask_adk')"
        " if m in sys.modules])"
    )
    out = _run(code)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


BLOCK = """
import importlib.metadata, sys
real = importlib.metadata.version
def version(name):
    if name == "llama-index-core":
        {action}
    return real(name)
importlib.metadata.version = version
try:
    import mask_llamaindex
except ImportError as exc:
    from mask_core import MissingDependencyError
    print(type(exc).__name__, isinstance(exc, MissingDependencyError), exc)
"""


def test_missing_framework_raises_missing_dependency_error() -> None:
    out = _run(BLOCK.format(action="raise importlib.metadata.PackageNotFoundError(name)"))
    assert out.stdout.startswith("MissingDependencyError True"), out.stderr
    assert "llama-index-core>=0.12,<0.15" in out.stdout
    assert "pip install" in out.stdout


def test_too_old_framework_is_refused() -> None:
    out = _run(BLOCK.format(action='return "0.10.68"'))
    assert out.stdout.startswith("MissingDependencyError True"), out.stderr
    assert "too old" in out.stdout
