"""StreamDetokenizer: any chunking of a streamed answer restores exactly what whole-text decoding does."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mask_core import InvalidInputError, MaskClient, MemoryVault, StreamDetokenizer, TokenNotFoundError
from mask_core.keys import generate_key
from mask_core.testing import PII_CORPUS

CLIENT = MaskClient(tenant="stream", master_key=generate_key(), vault=MemoryVault())
STRANGER = MaskClient(tenant="stranger", master_key=generate_key(), vault=MemoryVault())
REAL = [item.value for item in PII_CORPUS]
TOKENS = [CLIENT.encode(v, item.entity_type) for v, item in zip(REAL, PII_CORPUS, strict=True)]
UNKNOWN = [STRANGER.encode(v, item.entity_type) for v, item in zip(REAL, PII_CORPUS, strict=True)]

segment = st.one_of(
    st.sampled_from(TOKENS),
    st.sampled_from(UNKNOWN),
    st.text(alphabet="abcxyz ,.:-@()+0123456789\n", max_size=12),
)


def _chunks(text: str, cuts: list[int]) -> list[str]:
    points = sorted({c % (len(text) + 1) for c in cuts})
    bounds = [0, *points, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(segment, max_size=8), st.lists(st.integers(min_value=0, max_value=10_000), max_size=40))
def test_any_chunking_matches_whole_text(parts: list[str], cuts: list[int]) -> None:
    text = "".join(parts)
    expected = CLIENT.detokenize_text(text, lenient=True)
    pieces = list(StreamDetokenizer(CLIENT).stream(_chunks(text, cuts)))
    assert "".join(pieces) == expected


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.text(alphabet="abcxyz ", max_size=6), st.integers(0, len(TOKENS) - 1)), max_size=6),
    st.lists(st.integers(min_value=0, max_value=10_000), max_size=30),
)
def test_never_emits_a_partial_token(items: list[tuple[str, int]], cuts: list[int]) -> None:
    text = "".join(f"{word} [{TOKENS[i]}] " for word, i in items)
    detok = StreamDetokenizer(CLIENT)
    emitted = ""
    for chunk in _chunks(text, cuts):
        emitted += detok.feed(chunk)
        # an emitted prefix never ends inside a bracketed value: no token or value is ever half shown
        open_at = emitted.rfind("[")
        if open_at > emitted.rfind("]"):
            tail = emitted[open_at + 1 :]
            assert tail == "" or tail in REAL, "part of a token was emitted before the token was complete"
    emitted += detok.flush()
    assert emitted == "".join(f"{word} [{REAL[i]}] " for word, i in items)


def test_holds_back_only_the_longest_token() -> None:
    detok = StreamDetokenizer(CLIENT)
    assert detok.hold < CLIENT.max_token_length + 10
    out = detok.feed("x" * 500)
    assert len(out) == 500 - detok.hold and detok.pending == detok.hold


def test_split_token_restored_whole() -> None:
    token = CLIENT.encode("alice.johnson@example.com")
    text = f"Write to {token} today."
    detok = StreamDetokenizer(CLIENT)
    out = [detok.feed(text[:12]), detok.feed(text[12:20]), detok.feed(text[20:]), detok.flush()]
    assert "".join(out) == "Write to alice.johnson@example.com today."


def test_strict_mode_raises_for_unknown_tokens() -> None:
    detok = StreamDetokenizer(CLIENT, lenient=False)
    with pytest.raises(TokenNotFoundError) as info:
        list(detok.stream([f"mail {UNKNOWN[0]} now"]))
    assert REAL[0] not in str(info.value)


def test_allowed_types_keep_other_tokens() -> None:
    text = f"{TOKENS[0]} and {TOKENS[3]}"  # an email and a phone
    out = "".join(StreamDetokenizer(CLIENT, allowed_types={"EMAIL_ADDRESS"}).stream([text]))
    assert out == f"{REAL[0]} and {TOKENS[3]}"


def test_async_stream_and_errors() -> None:
    token = CLIENT.encode("+1 (415) 555-2671")
    text = f"Call {token} back."

    async def chunks() -> AsyncIterator[str]:
        for i in range(0, len(text), 3):
            yield text[i : i + 3]

    async def run() -> str:
        return "".join([piece async for piece in StreamDetokenizer(CLIENT).astream(chunks())])

    assert asyncio.run(run()) == "Call +1 (415) 555-2671 back."
    detok = StreamDetokenizer(CLIENT)
    detok.flush()
    with pytest.raises(InvalidInputError):
        detok.feed("more")
    with pytest.raises(TypeError):
        StreamDetokenizer(CLIENT).feed(b"bytes")  # type: ignore[arg-type]
