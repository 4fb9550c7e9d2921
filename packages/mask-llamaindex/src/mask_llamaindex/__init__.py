"""Mask for LlamaIndex: your tools see real values, the model only ever sees tokens.

Protect a tool in three lines::

    from llama_index.core.tools import FunctionTool
    from mask_llamaindex import MaskToolWrapper

    tool = FunctionTool.from_defaults(fn=MaskToolWrapper(send_email), name="send_email")

Other ways in:

* ``protect(tool)``: a protected copy of an existing tool (any ``FunctionTool``, query engine tool,
  tool spec tool, or a list of them) with the same metadata;
* ``with mask_llamaindex_hooks(): ...``: every tool that ``FunctionAgent``, ``ReActAgent`` or
  ``AgentWorkflow`` calls inside the block, without changing the agent.

Every entry point takes ``client=`` (a :class:`~mask_core.MaskClient`, e.g. one per tenant) and
``decode=`` (the entity types a tool may receive in clear; tokens of other types stay tokens). A tool
never runs on a token Mask could not restore: the model gets an error message that holds no value.
Stream the final answer to your user through :class:`mask_core.StreamDetokenizer`.
"""

from __future__ import annotations

from mask_llamaindex import _compat  # noqa: F401  (checks the llama-index-core version first)
from mask_llamaindex.patch import mask_llamaindex_hooks
from mask_llamaindex.tools import MaskTool, MaskToolWrapper, protect

__version__ = "0.1.0"

__all__ = ["MaskTool", "MaskToolWrapper", "mask_llamaindex_hooks", "protect"]
