"""The schema of a firewall policy file (pydantic): what a valid policy is, checked once at load.

A policy in YAML, as in the product brief::

    firewall:
      stages:
        - name: input-pii-scanner
          enabled: true
          config:
            entity_types: [email, ssn, credit_card, phone, api_key, passport]
            action: mask                 # tokenize (default) | mask | redact | pass | block
            mask_char: "X"
            mask_percentage: 75          # mask 75%, show the last 25% (of credit_card, bank_account, iban)
            confidence_threshold: 0.85
            user_exemptions:
              - user_id: support_agent@company.com
                skip_entity_types: [email, phone]
        - name: output-pii-scanner
          config:
            entity_types: [ssn, credit_card, api_key, database_password]
            action: redact
            redaction_tokens: {credit_card: "[CC]"}
            entity_actions: {api_key: block}   # per-type override of the stage's action
      pii-masking:
        allowlist:
          - pattern: "^999-99-9999$"       # must match the whole finding; ^ and $ are optional
            reason: Test SSN fixture
        passthrough:
          - role: security_audit
            entity_types: [ssn, credit_card, api_key]
            expires_at: "2025-06-30"       # a date: valid through that day (UTC)
            reason: Q2 compliance audit
          - user_id: admin@company.com
            entity_types: [all]
            expires_at: null
      fields:                          # field rules for structures (tool arguments and results)
        patient_ref: MEDICAL_RECORD_NUMBER   # a key (any style) or a parent.key path -> one type
        order.notes: never                   # never sensitive, never scanned

Every model forbids unknown keys, so a typo (``confidence_treshold``) fails at load with its line
instead of silently meaning the default. Entity names are checked against :mod:`mask_core.policy.names`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from mask_core.fields import NEVER_SENSITIVE as NEVER
from mask_core.policy.names import canonical_types

__all__ = [
    "Action",
    "AllowlistEntry",
    "FirewallSection",
    "PassthroughRule",
    "PiiMaskingSection",
    "PolicyDocument",
    "Stage",
    "StageConfig",
    "UserExemption",
]


class Action(enum.StrEnum):
    """What a stage does with a finding."""

    TOKENIZE = "tokenize"  # reversible token (format-preserving, vault-backed): the Mask default
    MASK = "mask"  # mask_char over letters and digits, the configured tail left visible
    REDACT = "redact"  # a placeholder such as [EMAIL]
    PASS = "pass"  # noqa: S105 - detect and audit only
    BLOCK = "block"  # refuse the whole text (FirewallBlockedError)


def _entity_name(name: str) -> str:
    canonical_types(name)  # raises InvalidInputError (a ValueError): pydantic reports it with its location
    return name


def _stage_name(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", name):
        raise ValueError("stage names are 1-64 letters, digits, '.', '_' or '-'")
    return name


def _regex(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc.msg})") from None
    return pattern


def _iso_date(value: object) -> object:
    # "2025-06-30" is a date (valid through that day), not midnight at its start.
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return dt.date.fromisoformat(value.strip())
    return value


EntityName = Annotated[str, AfterValidator(_entity_name)]
StageName = Annotated[str, AfterValidator(_stage_name)]
Regex = Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(_regex)]
Expiry = Annotated[dt.datetime | dt.date | None, BeforeValidator(_iso_date)]
Subject = Annotated[str, Field(min_length=1, max_length=256)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _one_subject(user_id: str | None, role: str | None) -> None:
    if (user_id is None) == (role is None):
        raise ValueError("give exactly one of 'user_id' or 'role'")


class UserExemption(_Model):
    """A user (or everyone with a role) for whom a stage skips some entity types."""

    user_id: Subject | None = None
    role: Subject | None = None
    skip_entity_types: tuple[EntityName, ...] = Field(min_length=1)
    reason: str | None = None

    @model_validator(mode="after")
    def _subject(self) -> UserExemption:
        _one_subject(self.user_id, self.role)
        return self


class StageConfig(_Model):
    """What one stage detects and what it does with each finding."""

    entity_types: tuple[EntityName, ...] = Field(default=("all",), min_length=1)
    action: Action = Action.TOKENIZE
    #: Per-type override of ``action``, e.g. ``{api_key: block}``.
    entity_actions: dict[EntityName, Action] = Field(default_factory=dict)
    mask_char: str = Field(default="X", min_length=1, max_length=1)
    #: Share of a value's letters and digits that ``mask`` hides, from the left. The visible tail
    #: applies to ``mask_tail_types`` only; every other type is masked completely (the brief's
    #: examples: an email, a phone number or a birth date keep no characters, a card keeps its last 4).
    mask_percentage: float = Field(default=100, ge=0, le=100)
    mask_tail_types: tuple[EntityName, ...] = ("credit_card", "bank_account", "iban")
    #: Minimum score of a finding; ``None`` uses the client's threshold (``MASK_SCORE_THRESHOLD``).
    confidence_threshold: float | None = Field(default=None, ge=0, le=1)
    #: Placeholder per type for ``redact`` (default ``[EMAIL]``, ``[SSN]``, ``[CREDIT_CARD]`` ...).
    redaction_tokens: dict[EntityName, Annotated[str, Field(max_length=200)]] = Field(default_factory=dict)
    user_exemptions: tuple[UserExemption, ...] = ()


class Stage(_Model):
    name: StageName
    enabled: bool = True
    config: StageConfig = Field(default_factory=StageConfig)


class AllowlistEntry(_Model):
    """A pattern whose whole-finding matches are not PII in context (test fixtures, documentation)."""

    pattern: Regex
    reason: str = Field(min_length=1, max_length=500)
    entity_types: tuple[EntityName, ...] = Field(default=("all",), min_length=1)


class PassthroughRule(_Model):
    """A user or role that sees some entity types unmasked, until ``expires_at`` (``null``: never)."""

    user_id: Subject | None = None
    role: Subject | None = None
    entity_types: tuple[EntityName, ...] = Field(min_length=1)
    expires_at: Expiry = None
    reason: str | None = Field(default=None, max_length=500)
    #: Stages the rule applies to (default: every stage).
    stages: tuple[StageName, ...] | None = None

    @model_validator(mode="after")
    def _subject(self) -> PassthroughRule:
        _one_subject(self.user_id, self.role)
        return self

    def expires_ts(self) -> float:
        """The POSIX time at which the rule stops applying (``inf`` without expiry).

        A date means "through that day": the rule ends at the next midnight UTC. A datetime without a
        time zone is read as UTC.
        """
        exp = self.expires_at
        if exp is None:
            return float("inf")
        if isinstance(exp, dt.datetime):
            return (exp if exp.tzinfo else exp.replace(tzinfo=dt.UTC)).timestamp()
        end = dt.datetime.combine(exp + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        return end.timestamp()


class PiiMaskingSection(_Model):
    allowlist: tuple[AllowlistEntry, ...] = ()
    passthrough: tuple[PassthroughRule, ...] = ()


def _field_rule(name: str) -> str:
    """One entity type (or ``never``) for a field rule: a name standing for several types (``passport``
    is two, ``HEALTH`` a category) cannot say which type the field's values are."""
    if name.strip().lower() == NEVER:
        return NEVER
    types = canonical_types(name, custom=True)
    if types is None or len(types) != 1:
        raise ValueError(f"a field rule names one entity type (or '{NEVER}'), not a group of types")
    (entity_type,) = types
    return entity_type


FieldKey = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^.]+(\.[^.]+)?$")]
FieldRule = Annotated[str, AfterValidator(_field_rule)]


class FirewallSection(_Model):
    stages: tuple[Stage, ...] = Field(min_length=1)
    pii_masking: PiiMaskingSection = Field(default_factory=PiiMaskingSection, alias="pii-masking")
    #: Field rules added to the client's (:class:`mask_core.fields.FieldRules`): a key or a
    #: ``parent.key`` path mapped to the entity type of its values, or to ``never``.
    fields: dict[FieldKey, FieldRule] = Field(default_factory=dict)

    @field_validator("stages")
    @classmethod
    def _unique_stages(cls, stages: tuple[Stage, ...]) -> tuple[Stage, ...]:
        names = [s.name for s in stages]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"stage names must be unique; repeated: {', '.join(dupes)}")
        return stages


class PolicyDocument(_Model):
    """The whole file: one ``firewall`` section."""

    firewall: FirewallSection

    @classmethod
    def default(cls) -> PolicyDocument:
        """Tokenize every detected type on input and output: what Mask does without a policy."""
        data: dict[str, Any] = {
            "firewall": {"stages": [{"name": "input-pii-scanner"}, {"name": "output-pii-scanner"}]}
        }
        return cls.model_validate(data)
