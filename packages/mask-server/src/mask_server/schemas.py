"""Request and response bodies of the JSON API (they are the OpenAPI spec schemathesis fuzzes).

``/api/v1/governance/pii/detect`` follows the product brief::

    request:  {"text": "My email is jane.smith@company.com ...", "entity_types": ["email", "ssn"]}
    response: {"entities": [{"type": "email", "value": "jane.smith@company.com", "start": 12,
                             "end": 34, "confidence": 0.98, ...}],
               "masked_text": "My email is [EMAIL] and my SSN is [SSN]"}

(the brief's offsets 19/42 are a typo in its example; ours index the text). ``masked_text`` is the text
after the chosen stage of the active policy. Values appear only in the detect response, to the caller
that sent them; other endpoints return types, spans and scores.

``/analyze`` and ``/supportedentities`` follow Presidio's analyzer service instead (see ``presidio.py``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from mask_core.entities import BUILTIN_ENTITIES
from mask_core.policy import ALL, BRIEF_NAMES

__all__ = [
    "DetectRequest",
    "DetectResponse",
    "DetectedEntity",
    "DetokenizeRequest",
    "DetokenizeResponse",
    "FirewallFinding",
    "FirewallRequest",
    "FirewallResponse",
    "TokenizeRequest",
    "TokenizeResponse",
    "TokenizedEntity",
]

Name = Annotated[str, Field(min_length=1, max_length=64)]
_KNOWN = tuple(sorted({ALL, *BRIEF_NAMES, *BUILTIN_ENTITIES, *(n.lower() for n in BUILTIN_ENTITIES)}))
#: A policy name (``email``), a canonical name (``US_SSN``), ``all``, or a custom UPPER_SNAKE type
#: that a custom recognizer registers. The spec lists the known names, so a typo is a 422.
EntityName = Literal[_KNOWN] | Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$", max_length=48)]  # type: ignore[valid-type]
Subject = Annotated[str, Field(min_length=1, max_length=256)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DetectRequest(_Body):
    text: str = Field(description="The text to scan")
    entity_types: list[EntityName] | None = Field(
        default=None,
        max_length=100,
        description="Policy names (email, ssn, ...) to look for; default: the stage's",
    )
    stage: Name | None = Field(default=None, description="Policy stage; default: input-pii-scanner")
    user_id: Subject | None = None
    roles: list[Subject] = Field(default_factory=list, max_length=50)


class DetectedEntity(BaseModel):
    type: str = Field(description="Policy name of the entity type, e.g. email")
    entity_type: str = Field(description="Canonical entity type, e.g. EMAIL_ADDRESS")
    value: str
    start: int
    end: int
    confidence: float
    action: str = Field(
        description="What the stage did: tokenize, mask, redact, pass, block, allowlisted, ..."
    )


class DetectResponse(BaseModel):
    entities: list[DetectedEntity]
    masked_text: str | None = Field(description="The text after the stage; null when the stage blocked it")
    blocked: bool = False
    stage: str
    policy: str = Field(description="Digest of the active policy")


class FirewallRequest(_Body):
    text: str
    stage: Name | None = None
    user_id: Subject | None = None
    roles: list[Subject] = Field(default_factory=list, max_length=50)


class FirewallFinding(BaseModel):
    type: str
    entity_type: str
    start: int
    end: int
    score: float
    action: str
    reason: str | None = None
    new_start: int
    new_end: int


class FirewallResponse(BaseModel):
    text: str | None = Field(description="The text after the stage; null when the stage blocked it")
    blocked: bool
    stage: str
    policy: str
    findings: list[FirewallFinding]


class TokenizeRequest(_Body):
    text: str
    entity_types: list[EntityName] | None = Field(default=None, max_length=100)


class TokenizedEntity(BaseModel):
    entity_type: str
    start: int
    end: int
    score: float
    token: str


class TokenizeResponse(BaseModel):
    text: str
    entities: list[TokenizedEntity]


class DetokenizeRequest(_Body):
    text: str
    allowed_types: list[Name] | None = Field(
        default=None, max_length=100, description="Only restore these canonical types; others stay tokens"
    )
    lenient: bool = Field(default=False, description="Leave unknown tokens as they are instead of failing")


class DetokenizeResponse(BaseModel):
    text: str
