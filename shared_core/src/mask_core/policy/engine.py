"""The firewall: apply a policy stage to text (or to every string of a JSON-like payload).

Usage::

    from mask_core import MaskClient
    from mask_core.policy import Firewall, PolicyFile

    firewall = Firewall(PolicyFile("policy.yaml").start(), client=MaskClient(...))
    result = firewall.apply(prompt, stage="input-pii-scanner", user="ana@corp.example", roles=["support"])
    result.text          # what the model may see
    result.findings      # Finding(entity_type, name, start, end, score, action, ...) per finding

One call scans the text once (at the stage's ``confidence_threshold``, for the stage's types only,
live tokens excluded), decides each finding (:meth:`Policy.decide`), tokenizes every ``tokenize``
finding in one vault round trip, and splices the replacements in. If any finding's action is
``block``, it raises :class:`~mask_core.errors.FirewallBlockedError` and returns nothing.

Framework adapters use :meth:`Firewall.apply_deep` / :meth:`Firewall.aapply_deep` where they would
call ``client.deep_encode``: same walk over a tool result, but each finding handled as the policy
says (``tokenize`` findings still decode with ``client.deep_decode`` before the next tool runs).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from mask_core._leaves import Leaves
from mask_core._plan import Plan, run_async, run_sync
from mask_core._textops import Hint
from mask_core.audit.events import AuditEvent, AuditSink, current_context
from mask_core.client import MaskClient
from mask_core.errors import FirewallBlockedError, InvalidInputError, UnsupportedTypeError, ValueTooLargeError
from mask_core.fields import FieldRules
from mask_core.policy.compiled import CompiledStage, Decision, Policy
from mask_core.policy.names import brief_name, canonical_types
from mask_core.policy.source import PolicyFile, PolicySource, StaticPolicy
from mask_core.tokens.formats import Parsed, TokenFormat
from mask_core.types import Clock, Entity
from mask_core.walk import UnknownPolicy

__all__ = ["DEFAULT_STAGE", "Finding", "Firewall", "FirewallResult"]

#: The stage ``apply`` uses when none is named.
DEFAULT_STAGE = "input-pii-scanner"


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class Finding:
    """One finding and what the firewall did with it. ``text`` and ``replacement`` never show in reprs.

    ``start``/``end`` index the input text; ``new_start``/``new_end`` index the output text (where the
    replacement, or the untouched value, now is).
    """

    entity_type: str  # canonical, e.g. EMAIL_ADDRESS
    name: str  # brief name, e.g. email
    start: int
    end: int
    score: float
    action: Decision
    reason: str | None
    recognizer: str
    text: str
    replacement: str | None
    new_start: int
    new_end: int

    def __repr__(self) -> str:
        return (
            f"Finding(entity_type={self.entity_type!r}, start={self.start}, end={self.end}, "
            f"score={self.score:.2f}, action={self.action.value!r}, text=<{self.end - self.start} chars>)"
        )

    __str__ = __repr__

    @property
    def false_positive(self) -> bool:
        """Allowlisted or exempted: detected, but not PII in this context (the reports' FP rate)."""
        return self.action in (Decision.ALLOWLISTED, Decision.EXEMPTED)


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class FirewallResult:
    """The text after the stage, and every finding with the action taken."""

    text: str
    findings: tuple[Finding, ...]
    stage: str
    policy_digest: str

    def __repr__(self) -> str:
        return (
            f"FirewallResult(stage={self.stage!r}, text=<{len(self.text)} chars>, "
            f"findings={list(self.findings)!r})"
        )

    @property
    def changed(self) -> bool:
        return any(f.replacement is not None for f in self.findings)


def _as_source(policy: Policy | PolicySource | str | Path | None) -> PolicySource:
    if policy is None:
        return StaticPolicy(Policy.default())
    if isinstance(policy, Policy):
        return StaticPolicy(policy)
    if isinstance(policy, str | Path):
        return PolicyFile(policy)
    if isinstance(policy, PolicySource):
        return policy
    raise UnsupportedTypeError("policy must be a Policy, a PolicySource (e.g. PolicyFile) or a file path")


def _restrict(stage_types: tuple[str, ...] | None, only: Collection[str] | None) -> tuple[str, ...] | None:
    if only is None:
        return stage_types
    if isinstance(only, str):
        raise InvalidInputError("only is a collection of entity type names, not one string")
    wanted: set[str] = set()
    for name in only:
        types = canonical_types(name)
        if types is None:
            return stage_types
        wanted |= types
    return tuple(sorted(wanted if stage_types is None else wanted & set(stage_types)))


class Firewall:
    """Applies the stages of a policy with a :class:`MaskClient` (its scanner, vault and tokens).

    ``policy``: a :class:`Policy`, a :class:`PolicySource` (such as a watched :class:`PolicyFile`), a
    path to a YAML file, or None for the default policy (tokenize everything). ``clock`` decides when
    passthrough rules expire (seconds since the epoch; inject one in tests). ``audit`` receives one
    :class:`AuditEvent` per finding (``action="policy"``, outcome ``denied`` for a block and ``ok``
    otherwise, ``detail="<stage>:<decision>"``); it defaults to the client's sink.
    """

    def __init__(
        self,
        policy: Policy | PolicySource | str | Path | None = None,
        *,
        client: MaskClient | None = None,
        clock: Clock = time.time,
        audit: AuditSink | None = None,
    ) -> None:
        if client is None:
            from mask_core._default import get_default_client

            client = get_default_client()
        self.client = client
        self.source = _as_source(policy)
        self.clock = clock
        self.audit = audit if audit is not None else client.audit
        self._rules: tuple[Policy, FieldRules, FieldRules] | None = None

    def __repr__(self) -> str:
        return f"Firewall({self.source!r}, client={self.client!r})"

    @property
    def policy(self) -> Policy:
        """The active policy (re-read on every call: a reload takes effect at the next call)."""
        return self.source.policy

    # -- the plan shared by the sync and async APIs --------------------------------------------------
    def _check(self, text: object) -> str:
        if not isinstance(text, str):
            raise UnsupportedTypeError(f"text must be a str, not {type(text).__name__}")
        limit = self.client.settings.max_text_length
        if len(text) > limit:
            raise ValueTooLargeError(f"text is longer than the limit of {limit} characters")
        return text

    def _plan(
        self,
        texts: Sequence[str],
        contexts: Sequence[Hint] | None,
        stage_name: str,
        user: str | None,
        roles: Collection[str],
        only: Collection[str] | None = None,
    ) -> Plan[list[FirewallResult]]:
        results, _ = yield from self._plan_with(texts, contexts, (), stage_name, user, roles, only)
        return results

    def _plan_with(
        self,
        texts: Sequence[str],
        contexts: Sequence[Hint] | None,
        numbers: Sequence[tuple[str, str, TokenFormat, Parsed]],
        stage_name: str,
        user: str | None,
        roles: Collection[str],
        only: Collection[str] | None = None,
        policy: Policy | None = None,
    ) -> Plan[tuple[list[FirewallResult], list[str | None]]]:
        """:meth:`_plan`, and what becomes of ``numbers`` (the numbers under typed fields of a
        structure): a number token, a mask or redaction string, or None (left as it is)."""
        if policy is None:
            policy = self.policy  # one policy for the whole call, whatever reloads meanwhile
        stage = policy.stage(stage_name)
        wanted = _restrict(stage.scan_entities, only)
        if isinstance(roles, str):
            raise InvalidInputError("roles is a collection of role names, not one string")
        roles = frozenset(roles)
        if not stage.enabled:
            return [FirewallResult(t, (), stage.name, policy.digest) for t in texts], [None] * len(numbers)
        ops = self.client.pipeline  # token claims, one vault batch per call
        found = yield from ops.scan_plan(texts, contexts, wanted, stage.threshold, self._field_rules(policy))
        now = self.clock()
        report_only = ops.scanner.report_only
        decided: list[list[tuple[Entity, Decision, str | None]]] = []
        to_tokenize: list[Entity] = []
        for per_text in found:
            row = []
            for e in per_text:
                if not stage.detects(e.entity_type) or (wanted is not None and e.entity_type not in wanted):
                    continue
                if e.entity_type in report_only and not stage.names(e.entity_type):
                    continue  # reported by scans, acted on only where a stage names the type
                decision, reason = policy.decide(
                    stage, e.entity_type, e.text, user=user, roles=roles, now=now
                )
                row.append((e, decision, reason))
                if decision is Decision.TOKENIZE:
                    to_tokenize.append(e)
            decided.append(row)
        number_decisions = []
        for text, entity_type, _fmt, _parsed in numbers:
            if not stage.detects(entity_type) or (wanted is not None and entity_type not in wanted):
                number_decisions.append(Decision.PASS)
                continue
            decision, _ = policy.decide(stage, entity_type, text, user=user, roles=roles, now=now)
            number_decisions.append(decision)
        blocked = any(d is Decision.BLOCK for row in decided for _, d, _ in row) or any(
            d is Decision.BLOCK for d in number_decisions
        )
        tokens: list[str] = []
        number_items = [n for n, d in zip(numbers, number_decisions, strict=True) if d is Decision.TOKENIZE]
        if (to_tokenize or number_items) and not blocked:
            items = [ops.encode_item(e) for e in to_tokenize] + number_items
            tokens = yield from self.client.engine.encode_plan(items, self.client.ttl)
        number_tokens = iter(tokens[len(to_tokenize) :])
        number_out: list[str | None] = []
        for (text, entity_type, _fmt, _parsed), decision in zip(numbers, number_decisions, strict=True):
            if decision is Decision.TOKENIZE:
                number_out.append(next(number_tokens, None))
            elif decision is Decision.MASK:
                number_out.append(stage.mask(text, entity_type))
            elif decision in (Decision.REDACT, Decision.BLOCK):
                number_out.append(stage.redaction_for(entity_type))
            else:
                number_out.append(None)
        results = self._assemble(texts, decided, stage, iter(tokens[: len(to_tokenize)]), policy.digest)
        self._emit(results, user)
        if blocked:  # the error keeps types, spans and actions; the values stay out of it
            bare = tuple(
                dataclasses.replace(f, text="", replacement=None) for r in results for f in r.findings
            )
            raise FirewallBlockedError(stage.name, bare)
        return results, number_out

    @staticmethod
    def _assemble(
        texts: Sequence[str],
        decided: list[list[tuple[Entity, Decision, str | None]]],
        stage: CompiledStage,
        tokens: Any,
        digest: str,
    ) -> list[FirewallResult]:
        out = []
        for text, row in zip(texts, decided, strict=True):
            parts: list[str] = []
            findings: list[Finding] = []
            pos = 0
            new_len = 0
            for e, decision, reason in row:
                if decision is Decision.TOKENIZE:
                    replacement: str | None = next(tokens, None)
                elif decision is Decision.MASK:
                    replacement = stage.mask(e.text, e.entity_type)
                elif decision in (Decision.REDACT, Decision.BLOCK):
                    replacement = stage.redaction_for(e.entity_type)
                else:
                    replacement = None
                gap = text[pos : e.start]
                parts.append(gap)
                new_start = new_len + len(gap)
                shown = e.text if replacement is None else replacement
                parts.append(shown)
                new_len = new_start + len(shown)
                pos = e.end
                findings.append(
                    Finding(
                        e.entity_type,
                        brief_name(e.entity_type),
                        e.start,
                        e.end,
                        e.score,
                        decision,
                        reason,
                        e.recognizer,
                        e.text,
                        replacement,
                        new_start,
                        new_len,
                    )
                )
            parts.append(text[pos:])
            out.append(FirewallResult("".join(parts), tuple(findings), stage.name, digest))
        return out

    def _emit(self, results: list[FirewallResult], user: str | None) -> None:
        if self.audit is None:
            return
        ctx = current_context()
        for r in results:
            for f in r.findings:
                self.audit.emit(
                    AuditEvent(
                        "policy",
                        self.client.tenant,
                        f.entity_type,
                        outcome="denied" if f.action is Decision.BLOCK else "ok",
                        tool=ctx.get("tool"),
                        agent=ctx.get("agent"),
                        detail=f"{r.stage}:{f.action.value}",
                    )
                )

    # -- text ----------------------------------------------------------------------------------------
    def apply(
        self,
        text: str,
        *,
        stage: str = DEFAULT_STAGE,
        user: str | None = None,
        roles: Collection[str] = (),
        only: Collection[str] | None = None,
    ) -> FirewallResult:
        """Apply ``stage`` to ``text`` for ``user`` with ``roles``.

        ``only`` (policy names such as ``email`` or canonical names) narrows the stage's types for
        this call; it never widens them. Raises :class:`FirewallBlockedError` when a ``block`` action
        fires, :class:`InvalidInputError` for an unknown stage or type name, and the client's errors
        (vault, size limits) as they are.
        """
        plan = self._plan([self._check(text)], None, stage, user, roles, only)
        return run_sync(plan, self.client.vault)[0]

    async def aapply(
        self,
        text: str,
        *,
        stage: str = DEFAULT_STAGE,
        user: str | None = None,
        roles: Collection[str] = (),
        only: Collection[str] | None = None,
    ) -> FirewallResult:
        plan = self._plan([self._check(text)], None, stage, user, roles, only)
        return (await run_async(plan, self.client.vault))[0]

    # -- payloads (framework adapters) ---------------------------------------------------------------
    def _field_rules(self, policy: Policy) -> FieldRules:
        """The client's field rules with the policy's ``fields`` added (built once per policy and
        client rules: a reload or another client builds them again)."""
        if not policy.fields:
            return self.client.fields
        cached = self._rules
        if cached is not None and cached[0] is policy and cached[1] is self.client.fields:
            return cached[2]
        rules = self.client.fields.with_extra(policy.fields)
        self._rules = (policy, self.client.fields, rules)
        return rules

    def _deep_plan(
        self,
        obj: Any,
        stage: str,
        user: str | None,
        roles: Collection[str],
        keys: bool,
        unknown: UnknownPolicy,
    ) -> Plan[tuple[Any, list[FirewallResult]]]:
        policy = self.policy  # one policy for the whole call, whatever reloads meanwhile
        leaves = Leaves.of(obj, self._field_rules(policy), keys=keys, unknown=unknown)
        texts = [self._check(s) for s in leaves.texts]
        numbers = leaves.number_items(None)
        results, number_out = yield from self._plan_with(
            texts, leaves.hints, numbers, stage, user, roles, policy=policy
        )
        return leaves.rebuild([r.text for r in results], number_out), results

    def apply_deep(
        self,
        obj: Any,
        *,
        stage: str = DEFAULT_STAGE,
        user: str | None = None,
        roles: Collection[str] = (),
        keys: bool = True,
        unknown: UnknownPolicy = "error",
    ) -> Any:
        """A copy of ``obj`` (dicts, lists, dataclasses, pydantic models ...) with the stage applied to
        every string leaf, as ``client.deep_encode`` does with tokens (see :mod:`mask_core.walk`)."""
        return run_sync(self._deep_plan(obj, stage, user, roles, keys, unknown), self.client.vault)[0]

    async def aapply_deep(
        self,
        obj: Any,
        *,
        stage: str = DEFAULT_STAGE,
        user: str | None = None,
        roles: Collection[str] = (),
        keys: bool = True,
        unknown: UnknownPolicy = "error",
    ) -> Any:
        plan = self._deep_plan(obj, stage, user, roles, keys, unknown)
        return (await run_async(plan, self.client.vault))[0]
