"""Supported Google ADK versions, checked once at import (``mask_core.integrations``)."""

from __future__ import annotations

from mask_core.integrations import SupportedRange, require

__all__ = ["ADK_RANGE"]

#: Keep in step with pyproject.toml. 1.18 is the first release with ``on_tool_error_callback`` (agents
#: and plugins), which Mask uses to tokenize a raising tool's message.
ADK_RANGE = SupportedRange("google-adk", (1, 18, 0), (3, 0))

require("mask-adk", ADK_RANGE, "google.adk.plugins")
