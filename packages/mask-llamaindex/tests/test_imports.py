"""The public API is pinned, shares the verbs of every Mask package, and imports alone."""

from __future__ import annotations

from mask_core.testing.imports_suite import ImportConformance


class TestImports(ImportConformance):
    package = "mask_llamaindex"
    exported = frozenset({"MaskToolWrapper", "mask_llamaindex_hooks", "patched", "protect"})
    distribution = "llama-index-core"
    framework = ("llama_index",)
    supported = "llama-index-core>=0.14.12,<0.15"
    too_old = "0.12.52"
