"""Restoring tokens in texts: where the live tokens are, what each stands for, which to refuse.

The read side of :class:`~mask_core._textops.TextOps` (which adds scanning and tokenizing to it):
a batch of texts costs one vault ``GetMany`` whatever its size. A token-shaped string the vault does
not hold is either real data of the same shape (left as it is) or a dead token (refused by a strict
decode): :meth:`TokenEngine.refuses` decides, with the evidence gathered here (the field a text sits
under, or words before the string).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import NamedTuple

from mask_core._plan import Compute, Plan
from mask_core.errors import TokenNotFoundError
from mask_core.fields import FieldRules
from mask_core.fields.objects import may_hold_object, object_numbers
from mask_core.fields.sql import insert_numbers, may_hold_insert
from mask_core.scan.normalize import Normalized, normalize
from mask_core.scan.spans import Taken
from mask_core.scan.view import fold_lower
from mask_core.scan.words import ContextWords
from mask_core.tokens.engine import Lookup, TokenEngine
from mask_core.tokens.formats.number import NUMBER_FORMAT, number_namespace
from mask_core.tokens.registry import Candidate, TokenFinder, may_hold_token

__all__ = ["TokenRestorer", "TokenSpans", "splice"]


class TokenSpans(NamedTuple):
    """Where the tokens of one text are (original coordinates); see :meth:`TextOps.token_spans_plan`."""

    hits: list[tuple[int, int, str]]  # (start, end, replacement) of live tokens, non-overlapping
    candidates: list[tuple[int, int]]  # every token-shaped span, live or not (may overlap)
    misses: list[tuple[int, int, Lookup]]  # unknown tokens a strict decode refuses
    restored: list[tuple[str, str, bool]]  # (entity type, token, restored?) for audit, batch order


#: Words that say a bare run of digits is of a type (``TokenEngine.refuses``): a dead token written
#: without separators is refused only next to them, or under a field of its type.
_EVIDENCE: dict[str, ContextWords] = {
    "US_SSN": ContextWords(("ssn", "ssns", "social security", "ss#", "ss no", "itin", "taxpayer", "tax id")),
    "PHONE_NUMBER": ContextWords(
        (
            "phone",
            "tel",
            "telephone",
            "mobile",
            "cell",
            "call",
            "fax",
            "sms",
            "text",
            "whatsapp",
            "dial",
            "contact",
            "number",
            "teléfono",
            "telefono",
            "móvil",
            "movil",
        )
    ),
    "CREDIT_CARD": ContextWords(("card", "visa", "mastercard", "amex", "credit", "debit", "pan", "cc")),
    "ABA_ROUTING_NUMBER": ContextWords(("routing", "aba", "transit", "rtn")),
}
_EVIDENCE_BEFORE = 48


def _evident(entity_type: str, text: str, start: int, types: frozenset[str]) -> bool:
    """Whether a field of ``types`` holds ``text``, or words before ``start`` name ``entity_type``."""
    if entity_type in types:
        return True
    words = _EVIDENCE.get(entity_type)
    return (
        words is not None
        and words.search(fold_lower(text[max(0, start - _EVIDENCE_BEFORE) : start]), folded=True) is not None
    )


def splice(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    if not spans:
        return text
    parts, pos = [], 0
    for start, end, replacement in sorted(spans):
        parts.append(text[pos:start])
        parts.append(replacement)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


class TokenRestorer:
    """Token claims and restores over batches of texts, as plans (one vault batch per call)."""

    def __init__(self, engine: TokenEngine, finder: TokenFinder, fields: FieldRules | None = None) -> None:
        self.engine = engine
        self.finder = finder
        self.registry = engine.registry
        self._whole_max = self.registry.max_token_length
        #: The field rules that read the records serialised in texts (``fields/objects.py``): the
        #: number literals under their typed keys may be number tokens.
        self.fields = fields

    def _number_candidates(self, text: str) -> list[Candidate]:
        """The number literals of the objects serialised in ``text`` that may be number tokens, as
        ``deep_decode`` reads a structure's numbers (``object_numbers``), and those of its SQL rows
        (``insert_numbers``), each in its vault namespace."""
        rules = self.fields
        if rules is None:
            return []
        cells = object_numbers(text, rules) if may_hold_object(text) else []
        if may_hold_insert(text):
            cells += insert_numbers(text, rules)
        out = []
        for cell in cells:
            literal = text[cell.start : cell.end]
            parsed = NUMBER_FORMAT.parse(literal)
            if parsed is not None:
                namespace = number_namespace(cell.hint.entity_type or "", literal)
                out.append(Candidate(cell.start, cell.end, namespace, NUMBER_FORMAT, parsed))
        return out

    # -- detokenize -----------------------------------------------------------------------------------
    def detokenize_plan(
        self,
        texts: Sequence[str],
        *,
        allowed_types: Collection[str] | None,
        strict: bool,
        on_restore: Callable[[str, str, bool], None] | None = None,  # audit: (type, token, restored)
    ) -> Plan[list[str]]:
        decoded, _ = yield from self.detokenize_with_plan(
            texts, (), allowed_types=allowed_types, strict=strict, on_restore=on_restore
        )
        return decoded

    def detokenize_with_plan(
        self,
        texts: Sequence[str],
        extra: Sequence[Lookup],
        *,
        allowed_types: Collection[str] | None,
        strict: bool,
        on_restore: Callable[[str, str, bool], None] | None = None,
        types: Sequence[frozenset[str]] | None = None,
    ) -> Plan[tuple[list[str], list[str | None]]]:
        """:meth:`detokenize_plan`, also reading ``extra`` whole-value lookups (the numbers of a
        structure) in the same vault batch: the value each stands for, or None (not a live token, or
        of a type not in ``allowed_types``). ``types`` gives per text the entity types of the fields
        it sits under (evidence for :meth:`TokenEngine.refuses`)."""
        spans, fetched = yield from self._spans_plan(texts, extra, allowed_types=allowed_types, types=types)
        if strict:
            for per_text in spans:
                for _start, _end, miss in per_text.misses:
                    raise TokenNotFoundError(
                        f"a {miss.entity_type} token in the text is unknown, expired or another tenant's; "
                        "nothing was decoded",
                        fingerprint=self.engine.fingerprint(miss.token),
                    )
        values: list[str | None] = []
        restored_extra: list[tuple[str, str, bool]] = []
        for lk, found in zip(extra, fetched, strict=True):
            if found is None:
                values.append(None)
                continue
            entity_type, value = self.engine.open_fetched(lk, found)
            keep = allowed_types is not None and entity_type not in allowed_types
            values.append(None if keep else value)
            restored_extra.append((entity_type, lk.token, not keep))
        if on_restore is not None:  # only once nothing can fail any more
            for per_text in spans:
                for entity_type, token, ok in per_text.restored:
                    on_restore(entity_type, token, ok)
            for entity_type, token, ok in restored_extra:
                on_restore(entity_type, token, ok)
        return [splice(t, s.hits) for t, s in zip(texts, spans, strict=True)], values

    def _candidates(self, text: str) -> list[Candidate]:
        """Token candidates of one (normalised) text.

        A short string that is, as a whole, a token of a reserved format (what tool arguments usually
        hold: an email or placeholder token, an SSN or card token) gets that reading, found in a
        microsecond, instead of the full finder. Only reserved formats qualify: such a string cannot
        also hold another token, while a vault-only shape (a ``+cc`` phone, an IBAN) may be a real
        value with a token inside it (``+44 45 6175 9978 2024``), which only the finder sees.
        """
        if not text or not may_hold_token(text):
            return []
        if len(text) <= self._whole_max:
            whole = self.engine.lookups_for(text)
            if whole and all(lk.fmt.strict(lk.parsed) for lk in whole):
                return [Candidate(0, len(text), lk.entity_type, lk.fmt, lk.parsed) for lk in whole]
        found = self.finder.find_all(text)
        numbers = self._number_candidates(text)
        return found + numbers if numbers else found

    # -- token spans (streaming needs to know where tokens are, not only the result) -------
    def token_spans_plan(
        self, texts: Sequence[str], *, allowed_types: Collection[str] | None
    ) -> Plan[list[TokenSpans]]:
        """Per text: live tokens with their replacement, and unknown tokens (original coordinates).

        ``candidates`` holds every token-shaped span, live or not, so a caller that cuts the text
        (a stream) can avoid cutting through one. ``misses`` holds the unknown ones a strict decode
        refuses (in a reserved range, not overlapping a live token).
        """
        spans, _ = yield from self._spans_plan(texts, (), allowed_types=allowed_types)
        return spans

    def _spans_plan(
        self,
        texts: Sequence[str],
        extra: Sequence[Lookup],
        *,
        allowed_types: Collection[str] | None,
        types: Sequence[frozenset[str]] | None = None,
    ) -> Plan[tuple[list[TokenSpans], list[tuple[str, bytes] | None]]]:
        """:meth:`token_spans_plan`, and the fetched records of ``extra`` lookups (same batch)."""

        def find_all() -> list[tuple[Normalized, list[Candidate]]]:
            return [(n, self._candidates(n.text)) for n in map(normalize, texts)]

        prepared = yield Compute(find_all, weight=sum(map(len, texts)))
        lookups: list[Lookup] = []
        spans: list[tuple[int, int]] = []  # per lookup, its span in original coordinates
        for norm, cands in prepared:
            for c in cands:
                start, end = (c.start, c.end) if norm.same_offsets else norm.to_original(c.start, c.end)
                lookups.append(Lookup(norm.original[start:end], c.entity_type, c.fmt, c.parsed))
                spans.append((start, end))
        if not lookups and not extra:  # no token-shaped span anywhere (most tool arguments)
            return [TokenSpans([], [], [], []) for _ in texts], []
        # Records first, opened only for the live tokens kept below: a shorter candidate inside a
        # longer live one (a phone number's national part) costs no decryption.
        results = yield from self.engine.fetch_plan([*lookups, *extra])
        fetched_extra = results[len(lookups) :]
        del results[len(lookups) :]
        restored: list[tuple[str, str, bool]] = []  # audit, in text order; on the first text's spans
        out: list[TokenSpans] = []
        k = 0
        no_types: frozenset[str] = frozenset()
        for ti, (norm, cands) in enumerate(prepared):
            n = len(cands)
            hits: list[tuple[int, int, str]] = []
            misses: list[tuple[int, int, Lookup]] = []
            text_types = types[ti] if types is not None else no_types

            def refuses(
                lk: Lookup, start: int, text: str = norm.original, tt: frozenset[str] = text_types
            ) -> bool:
                return self.engine.refuses(lk, _evident(lk.entity_type, text, start, tt))

            if n == 1:  # a tool argument that is a token, or a text with one: nothing can overlap
                start, end = spans[k]
                fetched = results[k]
                if fetched is None:
                    if refuses(lookups[k], start):
                        misses.append((start, end, lookups[k]))
                else:
                    self._restore(lookups[k], fetched, start, end, allowed_types, hits, restored)
            elif n:
                self._resolve(
                    lookups, results, spans, range(k, k + n), allowed_types, hits, misses, restored, refuses
                )
            out.append(TokenSpans(hits, spans[k : k + n], misses, restored if not out else []))
            k += n
        return out, fetched_extra

    def _restore(
        self,
        lk: Lookup,
        fetched: tuple[str, bytes],
        start: int,
        end: int,
        allowed_types: Collection[str] | None,
        hits: list[tuple[int, int, str]],
        restored: list[tuple[str, str, bool]],
    ) -> None:
        """A live token's replacement: its value, or the token itself for a type not allowed."""
        entity_type, value = self.engine.open_fetched(lk, fetched)
        keep = allowed_types is not None and entity_type not in allowed_types
        hits.append((start, end, lk.token if keep else value))
        restored.append((entity_type, lk.token, not keep))

    def _resolve(
        self,
        lookups: list[Lookup],
        results: list[tuple[str, bytes] | None],
        spans: list[tuple[int, int]],
        ks: range,
        allowed_types: Collection[str] | None,
        hits: list[tuple[int, int, str]],
        misses: list[tuple[int, int, Lookup]],
        restored: list[tuple[str, str, bool]],
        refuses: Callable[[Lookup, int], bool],
    ) -> None:
        """The candidates ``ks`` of one text: live ones restored longest first, never overlapping a
        longer live one; unknown ones in a reserved range that overlap no live token are misses."""
        kept: Taken | None = None
        dead = []
        for k in sorted(ks, key=lambda k: (spans[k][0] - spans[k][1], spans[k][0])):
            start, end = spans[k]
            result = results[k]
            if result is None:
                dead.append(k)
                continue
            if kept is None:
                kept = Taken(((start, end),))
            elif kept.take(start, end) is None:
                continue
            self._restore(lookups[k], result, start, end, allowed_types, hits, restored)
        for k in dead:
            start, end = spans[k]
            lk = lookups[k]
            if (kept is None or not kept.overlaps(start, end)) and refuses(lk, start):
                misses.append((start, end, lk))
