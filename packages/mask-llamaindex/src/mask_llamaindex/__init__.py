"""Mask for LlamaIndex: your tools see real values, the model only ever sees tokens.

Protect tools in three lines::

    from mask_llamaindex import protect

    agent = FunctionAgent(tools=protect([send_email, lookup_customer], client=client), llm=llm)

The same verbs as every Mask framework package, all with ``client=``, ``allowed_types=`` and ``firewall=``:

* ``protect(obj)``: a tool (function, query engine, tool spec), a plain function, a list of them, or
  an agent / ``AgentWorkflow`` (its tools, for good);
* ``with patched(): ...`` / ``with patched(agent): ...``: every tool call in the block (agents of
  every kind, ``tool.call`` / ``acall`` / ``tool(...)``, ``llm.predict_and_call``), undone on exit;
  ``mask_llamaindex_hooks()`` is the original product's name for it;
* ``MaskToolWrapper(tool)``: the protected tool class ``protect`` returns (a ``FunctionTool``).

``client`` is a :class:`~mask_core.MaskClient` (one per tenant), ``allowed_types`` the entity types a tool
may receive in clear (tokens of other types stay tokens), ``firewall`` a :class:`~mask_core.Firewall`
whose policy redacts, masks, blocks or passes values in results. An unknown option is an error. A
tool never runs on a token Mask could not restore; a model a protected tool calls (a sub-agent, a
query engine, its own ``llm.chat``) is sent tokens.
Stream the final answer to your user through :class:`mask_core.StreamDetokenizer`.
"""

from __future__ import annotations

from mask_llamaindex import _compat  # noqa: F401  (checks the llama-index-core version first)
from mask_llamaindex.patch import mask_llamaindex_hooks, patched
from mask_llamaindex.protect import protect
from mask_llamaindex.tools import MaskToolWrapper

__version__ = "0.1.0"

__all__ = ["MaskToolWrapper", "mask_llamaindex_hooks", "patched", "protect"]
