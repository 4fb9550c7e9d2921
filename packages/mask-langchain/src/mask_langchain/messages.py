"""Tokenize the text of LangChain messages (what a user typed, what a sub-agent's model is sent).

Shared by :class:`~mask_langchain.MaskMiddleware` (``scan_input=True``) and the sub-agent guard in
``subagents.py``. Only text is touched: a ``str`` content, and the ``text`` of text blocks; other
blocks (images, tool calls) and every other field stay as they are. A message whose text holds
nothing sensitive is returned as the same object, so callers can tell what changed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from langchain_core.messages import BaseMessage

__all__ = ["atokenize_messages", "tokenize_messages"]


def _texts(message: BaseMessage) -> list[str]:
    content = message.content
    if isinstance(content, str):
        return [content]
    out = []
    for block in content:
        if isinstance(block, str):
            out.append(block)
        elif isinstance(block, dict) and isinstance(block.get("text"), str):
            out.append(block["text"])
    return out


def _rewrite(message: BaseMessage, tokenized: Callable[[str], str]) -> BaseMessage:
    content = message.content
    if isinstance(content, str):
        new: Any = tokenized(content)
    else:
        new = [
            tokenized(b)
            if isinstance(b, str)
            else {**b, "text": tokenized(b["text"])}
            if isinstance(b, dict) and isinstance(b.get("text"), str)
            else b
            for b in content
        ]
    return message if new == content else message.model_copy(update={"content": new})


def tokenize_messages(messages: Sequence[BaseMessage], tokenize: Callable[[str], str]) -> list[BaseMessage]:
    """``messages`` with their text tokenized (unchanged messages are the same objects)."""
    return [_rewrite(m, tokenize) for m in messages]


async def atokenize_messages(
    messages: Sequence[BaseMessage], atokenize: Callable[[str], Awaitable[str]]
) -> list[BaseMessage]:
    """The async twin of :func:`tokenize_messages`: each distinct text is tokenized once."""
    done: dict[str, str] = {}
    for message in messages:
        for text in _texts(message):
            if text not in done:
                done[text] = await atokenize(text)
    return [_rewrite(m, done.__getitem__) for m in messages]
