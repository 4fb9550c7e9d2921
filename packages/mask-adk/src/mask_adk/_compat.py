"""Supported Google ADK versions, checked once at import (``mask_core.integrations``)."""

from __future__ import annotations

from mask_core.integrations import SupportedRange, require

__all__ = ["ADK_RANGE"]

#: Keep in step with pyproject.toml.
ADK_RANGE = SupportedRange("google-adk", (1, 15), (3, 0))

require("mask-adk", ADK_RANGE, "google.adk.plugins")
