"""The public API is pinned, shares the verbs of every Mask package, and imports alone."""

from __future__ import annotations

from mask_core.testing.imports_suite import ImportConformance


class TestImports(ImportConformance):
    package = "mask_adk"
    exported = frozenset(
        {
            "MaskPlugin", "MaskToolCallbacks", "MaskToolWrapper", "ToolCallbacks", "decrypt_before_tool",
            "encrypt_after_tool", "mask_tool_callbacks", "mask_tool_error", "patched", "protect",
        }
    )  # fmt: skip
    distribution = "google-adk"
    framework = ("google.adk",)
    supported = "google-adk>=1.18.0,<3.0"
    too_old = "1.17.0"
