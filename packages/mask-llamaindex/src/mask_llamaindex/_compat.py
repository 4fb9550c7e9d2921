"""Supported LlamaIndex versions, checked once at import (``mask_core.integrations``)."""

from __future__ import annotations

from mask_core.integrations import SupportedRange, require

__all__ = ["LLAMA_INDEX_CORE_RANGE"]

#: Keep in step with pyproject.toml. 0.14.12 is the first release with ``ToolCallBlock`` messages, which
#: ``mask_llamaindex.testing`` (and the agents' function-calling path it drives) use.
LLAMA_INDEX_CORE_RANGE = SupportedRange("llama-index-core", (0, 14, 12), (0, 15))

require("mask-llamaindex", LLAMA_INDEX_CORE_RANGE, "llama_index.core.tools")
