"""The public API is pinned; the package imports alone, and says clearly when LangChain is missing."""

from __future__ import annotations

import subprocess
import sys

import mask_langchain

EXPECTED = {
    "MaskCallbackHandler", "MaskInputMiddleware", "MaskMiddleware", "MaskToolWrapper", "MaskToolkit",
    "patched", "protect", "secure_tool",
}  # fmt: skip


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


def test_all_is_pinned() -> None:
    assert set(mask_langchain.__all__) == EXPECTED
    for name in EXPECTED:
        assert getattr(mask_langchain, name) is not None


def test_imports_no_other_framework_and_no_agents_until_needed() -> None:
    code = (
        "import sys, mask_langchain; "
        "print([m for m in ('llama_index', 'google.adk', 'mask_llamaindex', 'mask_adk', 'langchain.agents')"
        " if m in sys.modules])"
    )
    out = _run(code)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


BLOCK = """
import importlib.metadata, sys
real = importlib.metadata.version
def version(name):
    if name == "langchain-core":
        {action}
    return real(name)
importlib.metadata.version = version
try:
    import mask_langchain
except ImportError as exc:
    from mask_core import MissingDependencyError
    print(type(exc).__name__, isinstance(exc, MissingDependencyError), exc)
"""


def test_missing_framework_raises_missing_dependency_error() -> None:
    out = _run(BLOCK.format(action="raise importlib.metadata.PackageNotFoundError(name)"))
    assert out.stdout.startswith("MissingDependencyError True"), out.stderr
    assert "langchain-core>=1.0,<1.8" in out.stdout
    assert "pip install" in out.stdout


def test_too_old_framework_is_refused() -> None:
    out = _run(BLOCK.format(action='return "0.3.27"'))
    assert out.stdout.startswith("MissingDependencyError True"), out.stderr
    assert "too old" in out.stdout
