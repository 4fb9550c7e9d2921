"""Restore tokens in a streamed answer, chunk by chunk, without ever showing half a token.

A model streams its final answer in small chunks, and a token can arrive split across them
(``"u.6pu25"`` then ``"hflxi@mask.example.net"``). :class:`StreamDetokenizer` restores the real values
for the *end user* as the chunks arrive:

* it holds back the last ``max_token_length`` characters (plus a small margin for the character
  after a token, which decides where a token ends), because a token that may still be growing can
  only be there;
* it never cuts through a token-shaped span: when the cut would fall inside one, the cut moves to
  the start of that span, so a token is emitted whole (restored) or not yet;
* it keeps the last committed characters as left context, so a token right after a cut is found
  exactly as in the whole text.

The result is the same as detokenizing the whole text at once, for every way of cutting it into
chunks (a property test checks this). By default it is *lenient*: an answer is text for a person,
so a token-shaped string that the vault does not know (the model invented or mangled it) is shown as
written instead of failing the whole stream. Pass ``lenient=False`` to raise
:class:`~mask_core.errors.TokenNotFoundError` instead.

Usage::

    detok = StreamDetokenizer(client)
    for chunk in model_stream:
        print(detok.feed(chunk), end="")
    print(detok.flush())

    # or, for iterators of chunks:
    for text in detok.stream(model_stream): ...
    async for text in detok.astream(async_model_stream): ...

Zero-width characters inside a token make it longer than ``max_token_length`` in the original text;
such a token is still restored when it arrives in one chunk, but not when split (it is then shown as
the model wrote it, never half-restored).
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Collection, Iterable, Iterator

from mask_core._default import get_default_client
from mask_core._plan import Plan, run_async, run_sync
from mask_core._restore import TokenSpans
from mask_core.client import MaskClient
from mask_core.errors import InvalidInputError, TokenNotFoundError, UnsupportedTypeError

__all__ = ["StreamDetokenizer"]

#: Characters after a token that can change where it ends (a following digit, dot or letter).
_RIGHT_MARGIN = 8


class StreamDetokenizer:
    """Feed chunks of a streamed text; get back text with every token restored, never a partial token.

    Not thread-safe: use one per stream. ``allowed_types`` restricts which entity types are restored
    (others stay tokens), as in :meth:`MaskClient.detokenize_text`.
    """

    def __init__(
        self,
        client: MaskClient | None = None,
        *,
        lenient: bool = True,
        allowed_types: Collection[str] | None = None,
    ) -> None:
        self.client = client if client is not None else get_default_client()
        self.lenient = lenient
        self.allowed_types = allowed_types
        #: Characters held back at most (besides a token-shaped span the cut may not split).
        self.hold = self.client.max_token_length + _RIGHT_MARGIN
        self._context = ""  # committed text kept as left context; never emitted again
        self._pending = ""  # received, not yet emitted
        self._closed = False

    def __repr__(self) -> str:
        return f"StreamDetokenizer(hold={self.hold}, pending={len(self._pending)} chars)"

    @property
    def pending(self) -> int:
        """How many received characters are held back right now."""
        return len(self._pending)

    # -- sync ---------------------------------------------------------------------------------------
    def feed(self, chunk: str) -> str:
        """Add a chunk; return the text that is now final (possibly empty)."""
        if not self._accept(chunk):
            return ""
        text, plan = self._plan()
        return self._commit(text, run_sync(plan, self.client.vault), final=False)

    def flush(self) -> str:
        """End of stream: return everything still held back, restored."""
        if self._closed:
            return ""
        self._closed = True
        if not self._pending:
            return ""
        text, plan = self._plan()
        return self._commit(text, run_sync(plan, self.client.vault), final=True)

    def stream(self, chunks: Iterable[str]) -> Iterator[str]:
        """Restore a whole stream of chunks; yields only non-empty pieces."""
        for chunk in chunks:
            if out := self.feed(chunk):
                yield out
        if out := self.flush():
            yield out

    # -- async --------------------------------------------------------------------------------------
    async def afeed(self, chunk: str) -> str:
        if not self._accept(chunk):
            return ""
        text, plan = self._plan()
        return self._commit(text, await run_async(plan, self.client.vault), final=False)

    async def aflush(self) -> str:
        if self._closed:
            return ""
        self._closed = True
        if not self._pending:
            return ""
        text, plan = self._plan()
        return self._commit(text, await run_async(plan, self.client.vault), final=True)

    async def astream(self, chunks: AsyncIterable[str]) -> AsyncIterator[str]:
        async for chunk in chunks:
            if out := await self.afeed(chunk):
                yield out
        if out := await self.aflush():
            yield out

    # -- the cut --------------------------------------------------------------------------------------
    def _accept(self, chunk: str) -> bool:
        if not isinstance(chunk, str):
            raise UnsupportedTypeError(f"stream chunks must be str, not {type(chunk).__name__}")
        if self._closed:
            raise InvalidInputError("this stream was flushed; start a new StreamDetokenizer")
        self._pending += chunk
        return len(self._pending) > self.hold

    def _plan(self) -> tuple[str, Plan[list[TokenSpans]]]:
        text = self._context + self._pending
        ops = self.client.pipeline
        return text, ops.token_spans_plan([text], allowed_types=self.allowed_types)

    def _commit(self, text: str, result: list[TokenSpans], *, final: bool) -> str:
        spans = result[0]
        offset = len(self._context)
        cut = len(text) if final else len(text) - self.hold
        if not final:
            moved = True
            while moved:  # spans may chain (overlapping digit windows): move left until none straddles
                moved = False
                for start, end in spans.candidates:
                    if start < cut < end:
                        cut, moved = start, True
        if cut <= offset:
            return ""
        hits = [(s, e, r) for s, e, r in spans.hits if s >= offset and e <= cut]
        if not self.lenient:
            for start, end, miss in spans.misses:
                if start >= offset and end <= cut:
                    raise TokenNotFoundError(
                        f"a {miss.entity_type} token in the stream is unknown, expired or another "
                        "tenant's; nothing more was decoded",
                        fingerprint=self.client.engine.fingerprint(miss.token),
                    )
        parts, pos = [], offset
        for start, end, replacement in sorted(hits):
            parts.append(text[pos:start])
            parts.append(replacement)
            pos = end
        parts.append(text[pos:cut])
        self._context = text[max(0, cut - self.hold) : cut]
        self._pending = text[cut:]
        return "".join(parts)
