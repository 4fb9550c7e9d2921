"""Text-level plans: scan (with token claims), tokenize and detokenize many texts in one go.

Every plan here takes a batch of texts, so a whole JSON payload costs one ``GetMany`` (are these
token-shaped strings live tokens?) and one ``PutMany`` (store the new tokens), whatever its size.

Idempotence without a "looks like a token, skip it" shortcut: a token-shaped string is treated as a
token only when the vault holds it for this tenant. A real value that merely looks like a token is
therefore always tokenized, and re-tokenizing text that holds live tokens changes nothing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import NamedTuple

from mask_core._plan import OFFLOAD_CHARS, Compute, Plan
from mask_core.errors import TokenNotFoundError
from mask_core.scan.normalize import Normalized, normalize
from mask_core.scan.scanner import Scanner, resolve_overlaps, to_original
from mask_core.scan.view import ScanView
from mask_core.tokens.engine import Lookup, TokenEngine
from mask_core.tokens.formats import Parsed, TokenFormat
from mask_core.tokens.registry import Candidate, TokenFinder, may_hold_token
from mask_core.types import Entity

__all__ = ["TextOps", "TokenSpans", "Tokenized"]


class Tokenized(NamedTuple):
    """A tokenized text, the findings (original coordinates) and the token that replaced each."""

    text: str
    entities: list[Entity]
    tokens: list[str]


class TokenSpans(NamedTuple):
    """Where the tokens of one text are (original coordinates); see :meth:`TextOps.token_spans_plan`."""

    hits: list[tuple[int, int, str]]  # (start, end, replacement) of live tokens, non-overlapping
    candidates: list[tuple[int, int]]  # every token-shaped span, live or not (may overlap)
    misses: list[tuple[int, int, Lookup]]  # unknown tokens a strict decode refuses
    restored: list[tuple[str, str, bool]]  # (entity type, token, restored?) for audit, batch order


class _Prepared(NamedTuple):
    norm: Normalized
    findings: list[Entity]
    candidates: list[Candidate]


class _Spans:
    """Disjoint spans kept sorted, so each overlap test is a bisection (megabyte texts stay linear)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        return (i > 0 and self.ends[i - 1] > start) or (i < len(self.starts) and self.starts[i] < end)

    def add(self, start: int, end: int) -> None:  # only called with spans that overlap nothing
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _splice(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    if not spans:
        return text
    parts, pos = [], 0
    for start, end, replacement in sorted(spans):
        parts.append(text[pos:start])
        parts.append(replacement)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


class TextOps:
    def __init__(self, engine: TokenEngine, scanner: Scanner, finder: TokenFinder) -> None:
        self.engine = engine
        self.scanner = scanner
        self.finder = finder
        self.registry = engine.registry
        self._whole_max = self.registry.max_token_length

    # -- scanning ------------------------------------------------------------------------------------
    def _prepare(
        self,
        texts: Sequence[str],
        contexts: Sequence[str | None],
        entities: Sequence[str] | None,
        threshold: float | None = None,
    ) -> list[_Prepared]:
        norms = [normalize(text) for text in texts]
        # One candidate index per text, shared by recognizers and the token finder; the scanner runs
        # tier 1 per text and the NER tier over all texts in one batch, blind to live-token spans.
        views = [ScanView(n.text, c) for n, c in zip(norms, contexts, strict=True)]
        if self.scanner.ner_runs(entities):
            cands = [self.finder.find(v) if v.text else [] for v in views]
            found = self.scanner.find_many(
                views,
                entities=entities,
                claimed=[[(c.start, c.end) for c in cs] for cs in cands],
                threshold=threshold,
            )
        else:
            # Without the NER tier, a live token matters only where it overlaps a finding (that
            # finding is then dropped, ``scan_plan``): look for tokens there only. A text without
            # findings needs no token search at all.
            found = self.scanner.find_many(views, entities=entities, threshold=threshold)
            cands = [
                self.finder.find(v, within=[(e.start, e.end) for e in f]) if f else []
                for v, f in zip(views, found, strict=True)
            ]
        return [_Prepared(n, f, c) for n, f, c in zip(norms, found, cands, strict=True)]

    def _finding_lookup(self, e: Entity) -> Lookup | None:
        """A finding of a type whose tokens are not in a reserved range may itself be a live token.

        Formats whose every token is in a reserved range are left to the token finder, which looks
        around every finding: no recognizer validates a value in those ranges, except e-mail and IP
        addresses, whose recognizers and token formats share their candidate extractors."""
        fmt = self.registry.dedicated_format(e.entity_type)
        if fmt is None or fmt.reserved:
            return None
        parsed = fmt.token_key(e.text)
        return None if parsed is None else Lookup(e.text, e.entity_type, fmt, parsed)

    def scan_plan(
        self,
        texts: Sequence[str],
        contexts: Sequence[str | None] | None = None,
        entities: Sequence[str] | None = None,
        threshold: float | None = None,
    ) -> Plan[list[list[Entity]]]:
        """Resolved findings per text, in original coordinates, excluding live tokens.

        ``threshold`` replaces the scanner's score threshold for this call (the firewall's per-stage
        ``confidence_threshold`` and Presidio's ``score_threshold``).
        """
        ctx = contexts if contexts is not None else [None] * len(texts)
        weight = sum(map(len, texts))
        if self.scanner.heavy:  # model inference or network I/O: never on the event loop
            weight = max(weight, OFFLOAD_CHARS)
        prepared: list[_Prepared] = yield Compute(
            lambda: self._prepare(texts, ctx, entities, threshold), weight=weight
        )
        lookups: list[Lookup] = []
        owners: list[tuple[int, int, int]] = []  # (text index, start, end) in scan-view coordinates
        for ti, prep in enumerate(prepared):
            offered = set()
            for c in prep.candidates:
                lookups.append(Lookup(prep.norm.text[c.start : c.end], c.entity_type, c.fmt, c.parsed))
                owners.append((ti, c.start, c.end))
                offered.add((c.start, c.end, c.entity_type))
            for e in prep.findings:
                if (e.start, e.end, e.entity_type) in offered:
                    continue
                lk = self._finding_lookup(e)
                if lk is not None:
                    lookups.append(lk)
                    owners.append((ti, e.start, e.end))
        live = (yield from self.engine.exists_plan(lookups)) if lookups else []
        claimed: list[list[tuple[int, int]]] = [[] for _ in texts]
        for (ti, start, end), is_live in zip(owners, live, strict=True):
            if is_live:
                claimed[ti].append((start, end))
        results = []
        for prep, spans in zip(prepared, claimed, strict=True):
            kept = prep.findings
            if spans:
                taken = _Spans(spans)
                kept = [e for e in kept if not taken.overlaps(e.start, e.end)]
            results.append(to_original(prep.norm, resolve_overlaps(kept)))
        return results

    # -- tokenize ------------------------------------------------------------------------------------
    def _item(self, e: Entity) -> tuple[str, str, TokenFormat, Parsed]:
        fmt: TokenFormat = self.registry.format_for(e.entity_type)
        parsed = fmt.parse(e.text)
        if parsed is None:  # found by a recognizer but outside the token format: protect it anyway
            fmt = self.registry.placeholder_for(e.entity_type)
            parsed = fmt.parse_value(e.text)
        return (e.text, e.entity_type, fmt, parsed)

    def tokenize_plan(
        self,
        texts: Sequence[str],
        contexts: Sequence[str | None] | None,
        ttl: float | None,
        entities: Sequence[str] | None = None,
    ) -> Plan[list[Tokenized]]:
        found = yield from self.scan_plan(texts, contexts, entities)
        items = [self._item(e) for per_text in found for e in per_text]
        tokens = (yield from self.engine.encode_plan(items, ttl)) if items else []
        out, i = [], 0
        for text, per_text in zip(texts, found, strict=True):
            toks = tokens[i : i + len(per_text)]
            i += len(per_text)
            new = _splice(text, [(e.start, e.end, t) for e, t in zip(per_text, toks, strict=True)])
            out.append(Tokenized(new, per_text, toks))
        return out

    # -- detokenize ----------------------------------------------------------------------------------
    def detokenize_plan(
        self,
        texts: Sequence[str],
        *,
        allowed_types: Collection[str] | None,
        strict: bool,
        on_restore: Callable[[str, str, bool], None] | None = None,  # audit: (type, token, restored)
    ) -> Plan[list[str]]:
        spans = yield from self.token_spans_plan(texts, allowed_types=allowed_types)
        if strict:
            for per_text in spans:
                for _start, _end, miss in per_text.misses:
                    raise TokenNotFoundError(
                        f"a {miss.entity_type} token in the text is unknown, expired or another tenant's; "
                        "nothing was decoded",
                        fingerprint=self.engine.fingerprint(miss.token),
                    )
        if on_restore is not None:  # only once nothing can fail any more
            for per_text in spans:
                for entity_type, token, ok in per_text.restored:
                    on_restore(entity_type, token, ok)
        return [_splice(t, s.hits) for t, s in zip(texts, spans, strict=True)]

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
        return self.finder.find_all(text)

    # -- token spans (issue 4: streaming needs to know where tokens are, not only the result) -------
    def token_spans_plan(
        self, texts: Sequence[str], *, allowed_types: Collection[str] | None
    ) -> Plan[list[TokenSpans]]:
        """Per text: live tokens with their replacement, and unknown tokens (original coordinates).

        ``candidates`` holds every token-shaped span, live or not, so a caller that cuts the text
        (a stream) can avoid cutting through one. ``misses`` holds the unknown ones a strict decode
        refuses (in a reserved range, not overlapping a live token).
        """

        def find_all() -> list[tuple[Normalized, list[Candidate]]]:
            return [(n, self._candidates(n.text)) for n in map(normalize, texts)]

        prepared = yield Compute(find_all, weight=sum(map(len, texts)))
        lookups: list[Lookup] = []
        spans: list[tuple[int, int]] = []  # per lookup, its span in original coordinates
        for norm, cands in prepared:
            for c in cands:
                start, end = (c.start, c.end) if norm.removed is None else norm.to_original(c.start, c.end)
                lookups.append(Lookup(norm.original[start:end], c.entity_type, c.fmt, c.parsed))
                spans.append((start, end))
        if not lookups:  # no token-shaped span anywhere (most tool arguments)
            return [TokenSpans([], [], [], []) for _ in texts]
        # Records first, opened only for the live tokens kept below: a shorter candidate inside a
        # longer live one (a phone number's national part) costs no decryption.
        results = yield from self.engine.fetch_plan(lookups)
        restored: list[tuple[str, str, bool]] = []  # audit, in text order; on the first text's spans
        out: list[TokenSpans] = []
        k = 0
        for _norm, cands in prepared:
            n = len(cands)
            hits: list[tuple[int, int, str]] = []
            misses: list[tuple[int, int, Lookup]] = []
            if n == 1:  # a tool argument that is a token, or a text with one: nothing can overlap
                start, end = spans[k]
                fetched = results[k]
                if fetched is None:
                    if lookups[k].fmt.strict(lookups[k].parsed):
                        misses.append((start, end, lookups[k]))
                else:
                    self._restore(lookups[k], fetched, start, end, allowed_types, hits, restored)
            elif n:
                self._resolve(lookups, results, spans, range(k, k + n), allowed_types, hits, misses, restored)
            out.append(TokenSpans(hits, spans[k : k + n], misses, restored if not out else []))
            k += n
        return out

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
    ) -> None:
        """The candidates ``ks`` of one text: live ones restored longest first, never overlapping a
        longer live one; unknown ones in a reserved range that overlap no live token are misses."""
        kept: _Spans | None = None
        dead = []
        for k in sorted(ks, key=lambda k: (spans[k][0] - spans[k][1], spans[k][0])):
            start, end = spans[k]
            result = results[k]
            if result is None:
                dead.append(k)
                continue
            if kept is None:
                kept = _Spans(((start, end),))
            elif kept.overlaps(start, end):
                continue
            else:
                kept.add(start, end)
            self._restore(lookups[k], result, start, end, allowed_types, hits, restored)
        for k in dead:
            start, end = spans[k]
            lk = lookups[k]
            if lk.fmt.strict(lk.parsed) and (kept is None or not kept.overlaps(start, end)):
                misses.append((start, end, lk))
