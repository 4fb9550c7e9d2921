"""Supported LangChain versions, checked once at import (``mask_core.integrations``)."""

from __future__ import annotations

from mask_core.integrations import SupportedRange, require

__all__ = ["LANGCHAIN_CORE_RANGE", "LANGCHAIN_RANGE"]

#: Keep in step with pyproject.toml.
LANGCHAIN_CORE_RANGE = SupportedRange("langchain-core", (1, 0), (1, 8))
LANGCHAIN_RANGE = SupportedRange("langchain", (1, 0), (2, 0))

require("mask-langchain", LANGCHAIN_CORE_RANGE, "langchain_core.tools")
