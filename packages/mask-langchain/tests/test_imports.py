"""The public API is pinned, shares the verbs of every Mask package, and imports alone."""

from __future__ import annotations

from mask_core.testing.imports_suite import ImportConformance


class TestImports(ImportConformance):
    package = "mask_langchain"
    exported = frozenset(
        {
            "MaskCallbackHandler", "MaskInputMiddleware", "MaskMiddleware", "MaskToolWrapper", "MaskToolkit",
            "patched", "protect", "secure_tool",
        }
    )  # fmt: skip
    distribution = "langchain-core"
    framework = ("langchain_core",)
    supported = "langchain-core>=1.2.10,<2.0"
    too_old = "0.3.27"
    lazy = ("langchain.agents",)  # the middleware loads `langchain` on first use only
