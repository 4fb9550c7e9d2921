"""Mask for LangChain: your tools see real values, the model only ever sees tokens.

Protect a tool in three lines::

    from mask_langchain import protect

    tools = protect([send_email, lookup_customer], client=client)

The same verbs as every Mask framework package, all with ``client=``, ``allowed_types=`` and ``firewall=``:

* ``protect(obj)``: a tool, a function, a toolkit, a list of them, or a compiled agent graph;
* ``with patched(agent): ...`` / ``with patched(): ...``: agents you cannot change, or every tool run
  in the block (``ToolNode``, ``invoke``, ``batch``, ``stream``), undone on exit;
* ``create_agent(model, tools, middleware=[MaskMiddleware()])``: the framework-native way for
  LangChain v1 agents; ``MaskMiddleware(scan_input=True)`` tokenizes the user's messages too;
* ``MaskCallbackHandler()``: audit events for tool and model runs (it protects nothing);
* ``@secure_tool`` and ``MaskToolWrapper(tool)``: the original product's names, kept: ``@tool``
  protected, and the protected tool class ``protect`` returns.

``client`` is a :class:`~mask_core.MaskClient` (one per tenant; default: the module default client),
``allowed_types`` the entity types a tool may receive in clear (tokens of other types stay tokens),
``firewall`` a :class:`~mask_core.Firewall` whose policy redacts, masks, blocks or passes values in
results. An unknown option is an error. A tool never runs on a token Mask could not restore, and a
model a protected tool calls (a sub-agent) is sent tokens. Stream the final answer to your user
through :class:`mask_core.StreamDetokenizer` to show real values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mask_langchain import _compat  # noqa: F401  (checks the langchain-core version first)
from mask_langchain.audit import MaskCallbackHandler
from mask_langchain.patch import patched
from mask_langchain.protect import protect
from mask_langchain.tools import MaskToolkit, MaskToolWrapper, secure_tool

if TYPE_CHECKING:
    from mask_langchain.middleware import MaskInputMiddleware, MaskMiddleware

__version__ = "0.1.0"

__all__ = [
    "MaskCallbackHandler",
    "MaskInputMiddleware",
    "MaskMiddleware",
    "MaskToolWrapper",
    "MaskToolkit",
    "patched",
    "protect",
    "secure_tool",
]


def __getattr__(name: str) -> Any:
    # The middleware needs the `langchain` package (agents, langgraph); load it on first use only.
    if name in ("MaskMiddleware", "MaskInputMiddleware"):
        from mask_langchain import middleware

        return getattr(middleware, name)
    raise AttributeError(f"module 'mask_langchain' has no attribute {name!r}")
