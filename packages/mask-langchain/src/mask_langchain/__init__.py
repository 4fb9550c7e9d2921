"""Mask for LangChain: your tools see real values, the model only ever sees tokens.

Protect a tool in three lines::

    from mask_langchain import secure_tool

    @secure_tool
    def send_email(to: str, body: str) -> str: ...

Other ways in, for code you already have:

* ``protect(tool_or_toolkit_or_list)`` / ``MaskToolWrapper(tool)``: wrap existing tools;
* ``create_agent(model, tools, middleware=[MaskMiddleware()])``: every tool of a LangChain v1 agent,
  and with ``MaskMiddleware(scan_input=True)`` the user's messages too;
* ``with mask_langchain.patched(agent): ...``: an agent you cannot change, restored on exit;
* ``MaskCallbackHandler()``: audit events for tool and model runs.

Every entry point takes ``client=`` (a :class:`~mask_core.MaskClient`, e.g. one per tenant; default:
the module default client) and ``decode=`` (the entity types a tool may receive in clear; tokens of
other types stay tokens). A tool never runs on a token Mask could not restore: the model gets an error
message that holds no value. Stream the final answer to your user through
:class:`mask_core.StreamDetokenizer` to show real values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mask_langchain import _compat  # noqa: F401  (checks the langchain-core version first)
from mask_langchain.callbacks import MaskCallbackHandler
from mask_langchain.patch import patched
from mask_langchain.tools import MaskToolkit, MaskToolWrapper, protect, secure_tool

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
