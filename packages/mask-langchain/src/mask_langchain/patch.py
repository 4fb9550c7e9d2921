"""``patched()``: protect the tools of agents you did not write, and undo it all on exit.

Two forms, both context managers, both idempotent, lock-guarded and fully undone on exit:

* ``patched(agent, ...)``: for each compiled agent graph (what ``create_agent`` or
  ``create_react_agent`` returns) or ``ToolNode`` given, the tools in its ``ToolNode`` are swapped
  for :class:`~mask_langchain.MaskToolWrapper` s of themselves; on exit the originals are put back.
  Entering again for the same object while it is patched only counts a reference, so nesting is
  harmless and only the outermost exit restores.
* ``patched()`` with no objects: ``BaseTool.run`` / ``BaseTool.arun`` are patched, so *every* tool
  that runs inside the block (in this thread or task, and tasks it starts) is protected; code running
  outside the block in other threads is not affected, because the active policy is a context
  variable. The class is restored when the last block exits.

Usage::

    with mask_langchain.patched(agent, client=client):
        agent.invoke({"messages": [("user", "refund customer C-1001")]})
"""

from __future__ import annotations

import contextlib
import contextvars
import threading
from collections.abc import Iterator
from typing import Any

from langchain_core.tools import BaseTool

from mask_core import MaskClient, UnsupportedTypeError
from mask_core.guard import DecodePolicy
from mask_langchain.tools import MaskToolWrapper

__all__ = ["patched"]

_lock = threading.RLock()
_objects: dict[int, tuple[Any, int, dict[str, BaseTool]]] = {}  # id -> (object, refs, originals)
_class_refs = 0
_originals: dict[str, Any] = {}
_policy: contextvars.ContextVar[tuple[MaskClient | None, DecodePolicy] | None] = contextvars.ContextVar(
    "mask_langchain_policy", default=None
)


def _tool_nodes(target: Any) -> list[Any]:
    from langgraph.prebuilt import ToolNode

    if isinstance(target, ToolNode):
        return [target]
    nodes = getattr(target, "nodes", None)
    if isinstance(nodes, dict):
        found = [getattr(n, "bound", n) for n in nodes.values()]
        return [n for n in found if isinstance(n, ToolNode)]
    raise UnsupportedTypeError(
        f"patched() takes compiled agent graphs or ToolNodes, not {type(target).__name__}; "
        "wrap single tools with mask_langchain.protect()"
    )


def _patch_object(target: Any, client: MaskClient | None, decode: DecodePolicy) -> None:
    key = id(target)
    with _lock:
        if key in _objects:
            obj, refs, kept = _objects[key]
            _objects[key] = (obj, refs + 1, kept)
            return
        originals: dict[str, BaseTool] = {}
        for node in _tool_nodes(target):
            tools = node.tools_by_name
            for name, tool in list(tools.items()):
                if isinstance(tool, MaskToolWrapper):
                    continue
                originals[f"{id(node)}:{name}"] = tool
                tools[name] = MaskToolWrapper(tool, client=client, decode=decode)
        _objects[key] = (target, 1, originals)


def _unpatch_object(target: Any) -> None:
    key = id(target)
    with _lock:
        obj, refs, originals = _objects[key]
        if refs > 1:
            _objects[key] = (obj, refs - 1, originals)
            return
        del _objects[key]
        for node in _tool_nodes(target):
            tools = node.tools_by_name
            for name in list(tools):
                original = originals.get(f"{id(node)}:{name}")
                if original is not None:
                    tools[name] = original


def _protected_run(self: BaseTool, *args: Any, **kwargs: Any) -> Any:
    policy = _policy.get()
    if policy is None or isinstance(self, MaskToolWrapper):
        return _originals["run"](self, *args, **kwargs)
    return MaskToolWrapper(self, client=policy[0], decode=policy[1]).run(*args, **kwargs)


async def _protected_arun(self: BaseTool, *args: Any, **kwargs: Any) -> Any:
    policy = _policy.get()
    if policy is None or isinstance(self, MaskToolWrapper):
        return await _originals["arun"](self, *args, **kwargs)
    return await MaskToolWrapper(self, client=policy[0], decode=policy[1]).arun(*args, **kwargs)


def _patch_class() -> None:
    global _class_refs
    with _lock:
        _class_refs += 1
        if _class_refs == 1:
            _originals["run"], _originals["arun"] = BaseTool.run, BaseTool.arun
            BaseTool.run = _protected_run  # type: ignore[method-assign]
            BaseTool.arun = _protected_arun  # type: ignore[method-assign]


def _unpatch_class() -> None:
    global _class_refs
    with _lock:
        _class_refs -= 1
        if _class_refs == 0:
            BaseTool.run = _originals.pop("run")  # type: ignore[method-assign]
            BaseTool.arun = _originals.pop("arun")  # type: ignore[method-assign]


@contextlib.contextmanager
def patched(*targets: Any, client: MaskClient | None = None, decode: DecodePolicy = None) -> Iterator[None]:
    """Protect the tools of ``targets`` (or of every tool run in the block) until the block exits.

    Args:
        *targets: compiled agent graphs or ``ToolNode`` s; none means every tool run in the block.
        client: the :class:`~mask_core.MaskClient` to use (default: the module default client).
        decode: entity types tools may receive in clear, or a mapping from tool name to types.

    Returns:
        A context manager that restores every tool (or ``BaseTool``) when exited.
    """
    done: list[Any] = []
    token = None
    try:
        if targets:
            for target in targets:
                _patch_object(target, client, decode)
                done.append(target)
        else:
            token = _policy.set((client, decode))
            _patch_class()
            done.append(None)
        yield
    finally:
        for target in reversed(done):
            if target is None:
                _unpatch_class()
            else:
                _unpatch_object(target)
        if token is not None:
            _policy.reset(token)
