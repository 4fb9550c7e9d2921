"""Supported LangChain versions, checked once at import (``mask_core.integrations``)."""

from __future__ import annotations

from mask_core.integrations import SupportedRange, require

__all__ = ["LANGCHAIN_CORE_RANGE", "LANGCHAIN_RANGE"]

#: Keep in step with pyproject.toml. The floors are the oldest releases whose install works today:
#: older langchain releases pin langgraph<1.1, whose newest langgraph-prebuilt no longer imports, and
#: older langchain-core lacks what the newest langgraph calls. The ceiling is the next major release.
LANGCHAIN_CORE_RANGE = SupportedRange("langchain-core", (1, 2, 10), (2, 0))
LANGCHAIN_RANGE = SupportedRange("langchain", (1, 2, 11), (2, 0))

require("mask-langchain", LANGCHAIN_CORE_RANGE, "langchain_core.tools")
