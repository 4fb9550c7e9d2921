"""Text-level plans: scan (with token claims), tokenize and detokenize many texts in one go (the
detokenizing side, which this module's :class:`TextOps` inherits, is ``_restore.py``).

Every plan here takes a batch of texts, so a whole JSON payload costs one ``GetMany`` (are these
token-shaped strings live tokens?) and one ``PutMany`` (store the new tokens), whatever its size.

Idempotence without a "looks like a token, skip it" shortcut: a token-shaped string is treated as a
token only when the vault holds it for this tenant. A real value that merely looks like a token is
therefore always tokenized, and re-tokenizing text that holds live tokens changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from mask_core._plan import OFFLOAD_CHARS, Compute, Plan
from mask_core._restore import TokenRestorer, splice
from mask_core.fields import FieldHint, FieldRules
from mask_core.fields.layouts import NUMBER_LITERAL, with_layouts
from mask_core.fields.values import code_like, field_finding, phone_shaped, split_around
from mask_core.scan.normalize import Normalized, normalize
from mask_core.scan.scanner import Scanner, resolve_reported, to_original
from mask_core.scan.spans import Taken
from mask_core.scan.view import ScanView
from mask_core.tokens.engine import Lookup, TokenEngine
from mask_core.tokens.formats import Parsed, TokenFormat
from mask_core.tokens.formats.number import NUMBER_FORMAT, may_be_token, number_namespace
from mask_core.tokens.registry import Candidate, TokenFinder
from mask_core.types import Entity

__all__ = ["Hint", "TextOps", "Tokenized"]


class Tokenized(NamedTuple):
    """A tokenized text, the findings (original coordinates) and the token that replaced each."""

    text: str
    entities: list[Entity]
    tokens: list[str]


class _Prepared(NamedTuple):
    norm: Normalized
    findings: list[Entity]
    candidates: list[Candidate]
    #: The findings protect a typed field's whole value: live tokens inside it are cut out of them
    #: instead of dropping them (``split_around``).
    field: bool = False


#: A text's hint: a :class:`FieldHint`, or just the key it sits under, or nothing.
Hint = FieldHint | str | None
# A dict key is scanned only when it can hold something: an '@', a digit or a space (names as keys).
_KEY_WORTH_SCANNING = re.compile(r"[@0-9\s]")


def _number_claims(findings: Sequence[Entity]) -> list[Candidate]:
    """The number literals of a serialised record among ``findings`` (``NUMBER_LITERAL``, from the
    layout step) that may be number tokens: one tokenized again is a live token and stays as it is.
    Read from the findings, not from the text again: the layout step has read its objects already."""
    out = []
    for e in findings:
        if e.metadata.get(NUMBER_LITERAL) and may_be_token(e.text):
            parsed = NUMBER_FORMAT.parse(e.text)
            if parsed is not None:
                namespace = number_namespace(e.entity_type, e.text)
                out.append(Candidate(e.start, e.end, namespace, NUMBER_FORMAT, parsed))
    return out


def _hint(h: Hint) -> FieldHint:
    return h if isinstance(h, FieldHint) else FieldHint(key=h)


class TextOps(TokenRestorer):
    """A client's text pipeline: scans, token claims and restores as plans, one vault batch per call.

    Reached as :attr:`MaskClient.pipeline` by the parts of the core that build their own plans (the
    policy firewall, the stream detokenizer).
    """

    def __init__(
        self, engine: TokenEngine, scanner: Scanner, finder: TokenFinder, fields: FieldRules | None = None
    ) -> None:
        super().__init__(engine, finder, fields)
        self.scanner = scanner

    # -- scanning ------------------------------------------------------------------------------------
    def _prepare(
        self,
        texts: Sequence[str],
        hints: Sequence[FieldHint],
        entities: Sequence[str] | None,
        threshold: float | None = None,
        protected_only: bool = False,
        fields: FieldRules | None = None,
        structure: bool = False,
    ) -> list[_Prepared]:
        norms = [normalize(text) for text in texts]
        # One candidate index per text, shared by recognizers and the token finder. Each text is one
        # of three kinds: a value the field rules type (protected whole, nothing to scan), a code or a
        # dict key that cannot hold anything (left alone), or content (both tiers; the NER tier over
        # all content texts in one batch, blind to live-token spans).
        enabled = self.scanner.enabled_for(entities)
        views = [ScanView(n.text, h.key) for n, h in zip(norms, hints, strict=True)]
        out: list[_Prepared | None] = [None] * len(texts)
        content: list[int] = []
        # The texts of a structure are one tool result: what its typed fields hold is looked for in
        # the others (``scan/mentions.py``). Separate texts are read on their own.
        record: list[Entity] | None = [] if structure else None
        for i, (view, hint) in enumerate(zip(views, hints, strict=True)):
            typed = hint.entity_type
            if hint.party and typed is None and phone_shaped(view.text):
                typed = "PHONE_NUMBER"
            if (hint.never and code_like(view.text)) or (
                hint.is_key and _KEY_WORTH_SCANNING.search(view.text) is None
            ):
                out[i] = _Prepared(norms[i], [], [])
            elif typed is not None and (enabled is None or typed in enabled):
                finding = field_finding(view.text, typed)
                if finding is None:
                    # No value of its type ("N/A", "**** 4242", a card field's "card_1NXy...", a
                    # pwd field's path): read as any other text, for what else it may hold.
                    content.append(i)
                else:
                    out[i] = _Prepared(norms[i], [finding], self.finder.find(view), True)
                    if record is not None:
                        record.append(finding)
            else:
                content.append(i)
        if content:
            scanned = [views[i] for i in content]
            if self.scanner.ner_runs(entities):
                cands = [self.finder.find(v) if v.text else [] for v in scanned]
                found = self._with_layouts(
                    scanned,
                    entities,
                    threshold,
                    record,
                    fields,
                    protected_only=False,  # the NER tier's scan holds the report-only findings
                    found=self.scanner.find_many(
                        scanned,
                        entities=entities,
                        claimed=[[(c.start, c.end) for c in cs] for cs in cands],
                        threshold=threshold,
                        quiet=[
                            not hints[i].names or (hints[i].is_key and " " not in views[i].text)
                            for i in content
                        ],
                        record=record,
                        labels=[hints[i].is_key for i in content],
                    ),
                )
            else:
                # Without the NER tier, a live token matters only where it overlaps a finding (that
                # finding is then dropped, ``scan_plan``): look for tokens there only. A text without
                # findings needs no token search at all.
                found = self._with_layouts(
                    scanned,
                    entities,
                    threshold,
                    record,
                    fields,
                    protected_only=protected_only,
                    found=self.scanner.find_many(
                        scanned,
                        entities=entities,
                        threshold=threshold,
                        protected_only=protected_only,
                        record=record,
                    ),
                )
                cands = [
                    self.finder.find(v, within=[(e.start, e.end) for e in f]) if f else []
                    for v, f in zip(scanned, found, strict=True)
                ]
            for i, f, c in zip(content, found, cands, strict=True):
                numbers = _number_claims(f)
                out[i] = _Prepared(norms[i], f, c + numbers if numbers else c)
        return out  # type: ignore[return-value]  # every slot is filled above

    def _with_layouts(
        self,
        views: Sequence[ScanView],
        entities: Sequence[str] | None,
        threshold: float | None,
        record: list[Entity] | None,
        fields: FieldRules | None,
        *,
        protected_only: bool,
        found: list[list[Entity]],
    ) -> list[list[Entity]]:
        """``found`` with what the texts' tables, serialised records and forms say
        (``fields/layouts.py``), read with ``fields`` or else this pipeline's field rules; and then
        with the other mentions of what those name (a login in a profile's URLs)."""
        rules = fields or self.fields
        if rules is None:
            return found
        reported = self.scanner.report_only
        enabled = self.scanner.enabled_for(entities)
        laid = [with_layouts(v.text, rules, enabled, f, reported) for v, f in zip(views, found, strict=True)]
        if all(len(a) == len(b) for a, b in zip(laid, found, strict=True)):
            return laid
        limit = self.scanner.threshold if threshold is None else threshold
        return self.scanner.mentions(
            views, laid, entities, limit, reported_skipped=protected_only, record=record
        )

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
        contexts: Sequence[Hint] | None = None,
        entities: Sequence[str] | None = None,
        threshold: float | None = None,
        fields: FieldRules | None = None,
    ) -> Plan[list[list[Entity]]]:
        """Resolved findings per text, in original coordinates, excluding live tokens.

        ``contexts`` gives each text its position in a structure (a :class:`FieldHint` from the
        walker, or the dict key it sits under). ``threshold`` replaces the scanner's score threshold
        for this call (the firewall's per-stage ``confidence_threshold`` and Presidio's
        ``score_threshold``). ``fields`` replaces the pipeline's field rules for the tables written as
        text (the firewall's, with its policy's ``fields:`` added).
        """
        results, _ = yield from self._scan_with_plan(texts, contexts, entities, threshold, (), fields=fields)
        return results

    def _scan_with_plan(
        self,
        texts: Sequence[str],
        contexts: Sequence[Hint] | None,
        entities: Sequence[str] | None,
        threshold: float | None,
        extra: Sequence[Lookup],
        protected_only: bool = False,
        fields: FieldRules | None = None,
    ) -> Plan[tuple[list[list[Entity]], list[bool]]]:
        """:meth:`scan_plan`, and whether each ``extra`` lookup is a live token (same vault batch).
        ``protected_only``: the caller drops report-only findings (``Scanner.find_many``)."""
        hints = [_hint(c) for c in contexts] if contexts is not None else [FieldHint()] * len(texts)
        weight = sum(map(len, texts))
        if self.scanner.heavy:  # model inference or network I/O: never on the event loop
            weight = max(weight, OFFLOAD_CHARS)
        prepared: list[_Prepared] = yield Compute(
            lambda: self._prepare(
                texts, hints, entities, threshold, protected_only, fields, structure=contexts is not None
            ),
            weight=weight,
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
        live = (yield from self.engine.exists_plan([*lookups, *extra])) if lookups or extra else []
        extra_live = live[len(lookups) :]
        del live[len(lookups) :]
        claimed: list[list[tuple[int, int]]] = [[] for _ in texts]
        for (ti, start, end), is_live in zip(owners, live, strict=True):
            if is_live:
                claimed[ti].append((start, end))
        report_only = self.scanner.report_only
        results = []
        for prep, spans in zip(prepared, claimed, strict=True):
            kept = prep.findings
            if spans and prep.field:
                spans.sort()
                kept = [piece for e in kept for piece in split_around(e, prep.norm.text, spans)]
            elif spans:
                taken = Taken(spans)
                kept = [e for e in kept if not taken.overlaps(e.start, e.end)]
            results.append(to_original(prep.norm, resolve_reported(kept, report_only)))
        return results, extra_live

    # -- tokenize ------------------------------------------------------------------------------------
    def encode_item(self, e: Entity) -> tuple[str, str, TokenFormat, Parsed]:
        """What :meth:`TokenEngine.encode_plan` takes to store the finding ``e``."""
        if e.metadata.get(NUMBER_LITERAL):  # a number of a serialised object: its token is a number
            number = NUMBER_FORMAT.parse(e.text)
            if number is not None:
                return (e.text, e.entity_type, NUMBER_FORMAT, number)
        fmt: TokenFormat = self.registry.format_for(e.entity_type)
        parsed = fmt.parse(e.text)
        if parsed is None:  # found by a recognizer but outside the token format: protect it anyway
            fmt = self.registry.placeholder_for(e.entity_type)
            parsed = fmt.parse_value(e.text)
        return (e.text, e.entity_type, fmt, parsed)

    def tokenize_plan(
        self,
        texts: Sequence[str],
        contexts: Sequence[Hint] | None,
        ttl: float | None,
        entities: Sequence[str] | None = None,
        extra: Sequence[tuple[str, str, TokenFormat, Parsed]] = (),
    ) -> Plan[tuple[list[Tokenized], list[str]]]:
        """Each text with its findings tokenized, and the tokens of ``extra`` items (numbers of a
        structure), all stored in one batch. Findings of report-only types stay in clear; an extra
        item that is itself a live token stays as it is (``deep_encode`` twice changes nothing)."""
        # An item that may itself be a token (``TokenFormat.is_token``: a negative or long number) and
        # is live is left as it is; any other is a real value and always encoded.
        maybe = [i for i, (value, _, fmt, parsed) in enumerate(extra) if fmt.is_token(parsed)]
        claims = [
            Lookup(extra[i][0], extra[i][2].namespace(extra[i][1], extra[i][3]), extra[i][2], extra[i][3])
            for i in maybe
        ]
        scanned, claimed_live = yield from self._scan_with_plan(
            texts, contexts, entities, None, claims, protected_only=True
        )
        extra_live = [False] * len(extra)
        for i, is_live in zip(maybe, claimed_live, strict=True):
            extra_live[i] = is_live
        report_only = self.scanner.report_only
        found = [[e for e in per_text if e.entity_type not in report_only] for per_text in scanned]
        items = [self.encode_item(e) for per_text in found for e in per_text]
        fresh = [item for item, is_live in zip(extra, extra_live, strict=True) if not is_live]
        items.extend(fresh)
        tokens = (yield from self.engine.encode_plan(items, ttl)) if items else []
        new_tokens = iter(tokens[len(tokens) - len(fresh) :] if fresh else [])
        extra_tokens = [
            item[0] if is_live else next(new_tokens) for item, is_live in zip(extra, extra_live, strict=True)
        ]
        out, i = [], 0
        for text, per_text in zip(texts, found, strict=True):
            toks = tokens[i : i + len(per_text)]
            i += len(per_text)
            new = splice(text, [(e.start, e.end, t) for e, t in zip(per_text, toks, strict=True)])
            out.append(Tokenized(new, per_text, toks))
        return out, extra_tokens
