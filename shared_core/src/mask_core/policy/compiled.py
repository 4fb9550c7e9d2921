"""A validated policy compiled into lookup tables, and the decision for one finding.

The decision for a finding of type ``T`` with value ``v`` in stage ``S`` for a user ``u`` with roles
``R``, first rule that applies wins:

1. **allowlisted**: an allowlist pattern (for ``T`` or ``all``) matches the whole of ``v``;
2. **exempted**: ``S`` has a user exemption for ``u`` (or one of ``R``) that skips ``T``;
3. **passthrough**: a passthrough rule for ``u`` (or one of ``R``) covers ``T`` and has not expired
   at the time of the call (the firewall's clock, injectable for tests);
4. otherwise the stage's action for ``T`` (``entity_actions`` override, else ``action``).

Allowlisted and exempted findings are the "false positives" of the reports; passthrough findings are
deliberate disclosures and are counted apart.

A :class:`Policy` is immutable: reloading builds a new one and swaps a single reference, so a request
always runs against one whole policy, never half of an old one and half of a new one.
"""

from __future__ import annotations

import enum
import hashlib
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from mask_core.errors import InvalidInputError
from mask_core.policy.loader import document_from_data, dump_document, parse_document, read_policy_file
from mask_core.policy.model import Action, PolicyDocument, StageConfig
from mask_core.policy.names import canonical_types, redaction_label

__all__ = ["CompiledStage", "Decision", "Policy"]


class Decision(enum.StrEnum):
    """The action taken on one finding: a stage action, or the rule that let it through."""

    TOKENIZE = "tokenize"
    MASK = "mask"
    REDACT = "redact"
    PASS = "pass"  # noqa: S105 - an action name, not a password
    BLOCK = "block"
    ALLOWLISTED = "allowlisted"
    EXEMPTED = "exempted"
    PASSTHROUGH = "passthrough"


def _types(names: Collection[str]) -> frozenset[str] | None:
    """Union of the canonical types of ``names``; ``None`` if any of them is ``all``."""
    out: set[str] = set()
    for name in names:
        found = canonical_types(name)
        if found is None:
            return None
        out |= found
    return frozenset(out)


def _covers(types: frozenset[str] | None, entity_type: str) -> bool:
    return types is None or entity_type in types


def mask_value(value: str, mask_char: str, visible_tail: int) -> str:
    """Replace letters and digits with ``mask_char``, keeping separators and the last ``visible_tail``.

    ``jane.smith@company.com`` -> ``XXXX.XXXXX@XXXXXXX.XXX``; with a tail of 4,
    ``4532-1234-5678-9010`` -> ``XXXX-XXXX-XXXX-9010``.
    """
    slots = [i for i, ch in enumerate(value) if ch.isalnum()]
    keep = set(slots[len(slots) - visible_tail :]) if visible_tail > 0 else set()
    return "".join(ch if (i in keep or not ch.isalnum()) else mask_char for i, ch in enumerate(value))


@dataclass(frozen=True, slots=True)
class _Subjects:
    """Entity types granted per user id and per role (``None``: every type)."""

    users: Mapping[str, frozenset[str] | None]
    roles: Mapping[str, frozenset[str] | None]

    def covers(self, entity_type: str, user: str | None, roles: Collection[str]) -> bool:
        if user is not None and user in self.users and _covers(self.users[user], entity_type):
            return True
        return any(r in self.roles and _covers(self.roles[r], entity_type) for r in roles)


def _merge(table: dict[str, frozenset[str] | None], key: str, types: frozenset[str] | None) -> None:
    if key in table:
        old = table[key]
        table[key] = None if old is None or types is None else old | types
    else:
        table[key] = types


class CompiledStage:
    """One stage of a policy, ready to decide: canonical types, actions, masks and exemptions."""

    def __init__(self, name: str, enabled: bool, cfg: StageConfig) -> None:
        self.name = name
        self.enabled = enabled
        self.action = cfg.action
        self.actions: Mapping[str, Action] = MappingProxyType(
            {t: a for name_, a in cfg.entity_actions.items() for t in (canonical_types(name_) or ())}
        )
        all_override = next((a for n, a in cfg.entity_actions.items() if canonical_types(n) is None), None)
        if all_override is not None:
            self.action = all_override
        detected = _types(cfg.entity_types)
        if detected is not None and self.actions:
            detected = detected | frozenset(self.actions)  # a type given an action is also detected
        self.types = detected
        #: The ``entities`` argument for the scanner (``None``: every type).
        self.scan_entities: tuple[str, ...] | None = None if detected is None else tuple(sorted(detected))
        self.threshold = cfg.confidence_threshold
        self.mask_char = cfg.mask_char
        self.mask_percentage = cfg.mask_percentage
        self.tail_types = _types(cfg.mask_tail_types)
        self.redaction: Mapping[str, str] = MappingProxyType(
            {t: token for n, token in cfg.redaction_tokens.items() for t in (canonical_types(n) or ())}
        )
        self._redact_all = next(
            (tok for n, tok in cfg.redaction_tokens.items() if canonical_types(n) is None), None
        )
        users: dict[str, frozenset[str] | None] = {}
        roles: dict[str, frozenset[str] | None] = {}
        for ex in cfg.user_exemptions:
            table, key = (users, ex.user_id) if ex.user_id is not None else (roles, ex.role or "")
            _merge(table, key, _types(ex.skip_entity_types))
        self.exemptions = _Subjects(MappingProxyType(users), MappingProxyType(roles))

    def __repr__(self) -> str:
        return f"CompiledStage({self.name!r}, enabled={self.enabled}, action={self.action.value!r})"

    def detects(self, entity_type: str) -> bool:
        return _covers(self.types, entity_type)

    def names(self, entity_type: str) -> bool:
        """Whether the stage names this type (in ``entity_types`` or ``entity_actions``), rather than
        covering it by naming none."""
        return self.types is not None and entity_type in self.types

    def action_for(self, entity_type: str) -> Action:
        return self.actions.get(entity_type, self.action)

    def redaction_for(self, entity_type: str) -> str:
        return self.redaction.get(entity_type) or self._redact_all or redaction_label(entity_type)

    def mask(self, value: str, entity_type: str) -> str:
        tail = 0
        if _covers(self.tail_types, entity_type):
            alnum = sum(ch.isalnum() for ch in value)
            tail = math.floor(alnum * (100 - self.mask_percentage) / 100 + 1e-9)
        return mask_value(value, self.mask_char, tail)


@dataclass(frozen=True, slots=True)
class _Allow:
    pattern: re.Pattern[str]
    reason: str
    types: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class _Passthrough:
    user_id: str | None
    role: str | None
    types: frozenset[str] | None
    expires: float
    reason: str | None
    stages: frozenset[str] | None

    def grants(
        self, entity_type: str, stage: str, user: str | None, roles: Collection[str], now: float
    ) -> bool:
        if now >= self.expires or not _covers(self.types, entity_type):
            return False
        if self.stages is not None and stage not in self.stages:
            return False
        return (self.user_id is not None and self.user_id == user) or (
            self.role is not None and self.role in roles
        )


class Policy:
    """An immutable, compiled firewall policy. Build one with :meth:`load`, :meth:`from_yaml`, ..."""

    def __init__(
        self, document: PolicyDocument, *, source: str = "<policy>", text: str | None = None
    ) -> None:
        self.document = document
        self.source = source
        #: The policy as a person wrote it (or a rendering of it), for the console's Policy page.
        self.text = text if text is not None else dump_document(document)
        self.digest = hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        fw = document.firewall
        self.stages: Mapping[str, CompiledStage] = MappingProxyType(
            {s.name: CompiledStage(s.name, s.enabled, s.config) for s in fw.stages}
        )
        self.allowlist = tuple(
            _Allow(re.compile(a.pattern), a.reason, _types(a.entity_types)) for a in fw.pii_masking.allowlist
        )
        self.passthrough = tuple(
            _Passthrough(
                p.user_id,
                p.role,
                _types(p.entity_types),
                p.expires_ts(),
                p.reason,
                frozenset(p.stages) if p.stages is not None else None,
            )
            for p in fw.pii_masking.passthrough
        )
        #: Field rules for structures, added to the client's own (``firewall.fields``).
        self.fields: Mapping[str, str] = MappingProxyType(dict(fw.fields))

    def __repr__(self) -> str:
        return f"Policy(source={self.source!r}, stages={list(self.stages)!r}, digest={self.digest!r})"

    # -- construction --------------------------------------------------------------------------------
    @classmethod
    def from_yaml(cls, text: str, *, source: str = "<policy>") -> Policy:
        """Parse and validate YAML; :class:`~mask_core.errors.PolicyError` names file, line and field."""
        return cls(parse_document(text, source=source), source=source, text=text)

    @classmethod
    def load(cls, path: str | Path) -> Policy:
        """Read and validate a policy file."""
        text, _ = read_policy_file(path)
        return cls.from_yaml(text, source=str(path))

    @classmethod
    def from_dict(cls, data: object, *, source: str = "<policy>") -> Policy:
        return cls(document_from_data(data, source=source), source=source)

    @classmethod
    def default(cls) -> Policy:
        """Tokenize every detected type in ``input-pii-scanner`` and ``output-pii-scanner``."""
        return cls(PolicyDocument.default(), source="<default policy>")

    # -- decisions -----------------------------------------------------------------------------------
    def stage(self, name: str) -> CompiledStage:
        try:
            return self.stages[name]
        except (KeyError, TypeError):
            raise InvalidInputError(
                f"unknown firewall stage; this policy has: {', '.join(self.stages)}"
            ) from None

    def decide(
        self,
        stage: CompiledStage,
        entity_type: str,
        value: str,
        *,
        user: str | None,
        roles: Collection[str],
        now: float,
    ) -> tuple[Decision, str | None]:
        """The decision for one finding and the policy's reason for it (reasons come from the policy)."""
        for allow in self.allowlist:
            if _covers(allow.types, entity_type) and allow.pattern.fullmatch(value):
                return Decision.ALLOWLISTED, allow.reason
        if stage.exemptions.covers(entity_type, user, roles):
            return Decision.EXEMPTED, "user exemption"
        for rule in self.passthrough:
            if rule.grants(entity_type, stage.name, user, roles, now):
                return Decision.PASSTHROUGH, rule.reason or "passthrough rule"
        return Decision(stage.action_for(entity_type).value), None

    def next_expiry(self, now: float) -> float | None:
        """When the next passthrough rule expires after ``now`` (for caches keyed on decisions)."""
        future = [r.expires for r in self.passthrough if now < r.expires < math.inf]
        return min(future) if future else None
