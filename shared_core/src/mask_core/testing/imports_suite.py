"""The import-conformance suite: every framework package exports the same verbs and imports alone.

Each package's ``tests/test_imports.py`` is a few lines::

    class TestImports(ImportConformance):
        package = "mask_langchain"
        exported = {"MaskMiddleware", "MaskToolWrapper", "patched", "protect", ...}
        distribution = "langchain-core"
        framework = ("langchain_core",)
        supported = "langchain-core>=1.2.2,<2"
        too_old = "0.3.27"

The scenarios: ``__all__`` is pinned and every name resolves; the package exports the shared verbs
``protect(obj, *, client, allowed_types, firewall)`` and ``patched(*targets, client, allowed_types,
firewall)`` with exactly those options, and both refuse an unknown one; importing it loads no other
framework (and none of ``lazy``); without its framework, or with one older than supported, ``import`` raises
:class:`~mask_core.MissingDependencyError` (an ``ImportError``) naming the range and the install line.
"""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from typing import Any, ClassVar

import pytest

from mask_core.adapters.options import OPTIONS, UnknownOptionError

__all__ = ["VERBS", "ImportConformance"]

#: What every framework package exports, with the same signature.
VERBS = ("protect", "patched")

_FRAMEWORKS = ("langchain_core", "llama_index", "google.adk", "mask_langchain", "mask_llamaindex", "mask_adk")

_BLOCK = """
import importlib.metadata
real = importlib.metadata.version
def version(name):
    if name == {distribution!r}:
        {action}
    return real(name)
importlib.metadata.version = version
try:
    import {package}
except ImportError as exc:
    from mask_core import MissingDependencyError
    print(type(exc).__name__, isinstance(exc, MissingDependencyError), exc)
"""


def _python(code: str) -> subprocess.CompletedProcess[str]:
    # A fresh interpreter: what `import` loads is only visible before anything else imported it.
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)  # noqa: S603


class ImportConformance:
    """What a framework package's public surface must look like. See the module docstring."""

    package: ClassVar[str]
    exported: ClassVar[frozenset[str] | set[str]]
    distribution: ClassVar[str]  # the framework distribution the version gate checks
    supported: ClassVar[str]  # the range as the error message spells it
    too_old: ClassVar[str]  # a version below the range
    framework: ClassVar[tuple[str, ...]]  # the framework's own top-level modules
    lazy: ClassVar[tuple[str, ...]] = ()  # modules the package must not import until used

    def _module(self) -> Any:
        return importlib.import_module(self.package)

    def test_all_is_pinned(self) -> None:
        module = self._module()
        assert set(module.__all__) == set(self.exported), "update `exported` with the public API change"
        for name in module.__all__:
            assert getattr(module, name) is not None, name

    @pytest.mark.parametrize("verb", VERBS)
    def test_the_shared_verbs_have_one_signature(self, verb: str) -> None:
        """If this fails, the package's protect/patched differ from the other frameworks' ones."""
        fn = getattr(self._module(), verb)
        params = list(inspect.signature(fn).parameters.values())
        first = params[0]
        kind = (
            inspect.Parameter.POSITIONAL_OR_KEYWORD if verb == "protect" else inspect.Parameter.VAR_POSITIONAL
        )
        assert first.kind is kind, f"{verb}'s first parameter should be {kind.description}"
        options = [p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY]
        assert options == list(OPTIONS), f"{verb} takes exactly {OPTIONS} as keyword-only options"
        assert all(p.default is None for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY)

    def test_an_unknown_option_is_refused(self) -> None:
        module = self._module()
        with pytest.raises(UnknownOptionError, match="allowed_types"):
            module.protect([], allowed_type={"EMAIL_ADDRESS"})
        with pytest.raises(UnknownOptionError, match="did you mean 'allowed_types'"):
            module.protect([], decode={"EMAIL_ADDRESS"})  # the option's first name
        with pytest.raises(UnknownOptionError, match="firewall"), module.patched(policy=object()):
            pass

    def test_imports_no_other_framework(self) -> None:
        others = [m for m in _FRAMEWORKS if not self.package.startswith(m) and m not in self._own()]
        code = (
            f"import sys, {self.package}; print([m for m in {[*others, *self.lazy]!r} if m in sys.modules])"
        )
        out = _python(code)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == "[]"

    def _own(self) -> tuple[str, ...]:
        return tuple(
            m for m in _FRAMEWORKS if self.distribution.replace("-", "_").startswith(m.replace(".", "_"))
        )

    def test_missing_framework_raises_missing_dependency_error(self) -> None:
        action = "raise importlib.metadata.PackageNotFoundError(name)"
        out = _python(_BLOCK.format(distribution=self.distribution, action=action, package=self.package))
        assert out.stdout.startswith("MissingDependencyError True"), out.stderr
        assert self.supported in out.stdout
        assert "pip install" in out.stdout

    def test_too_old_framework_is_refused(self) -> None:
        action = f"return {self.too_old!r}"
        out = _python(_BLOCK.format(distribution=self.distribution, action=action, package=self.package))
        assert out.stdout.startswith("MissingDependencyError True"), out.stderr
        assert "too old" in out.stdout
