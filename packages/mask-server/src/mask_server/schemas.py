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

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

from mask_core.entities import BUILTIN_ENTITIES, Category
from mask_core.entity_names import ALL, BRIEF_NAMES, canonical_types
from mask_core.errors import MaskError

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
_KNOWN = sorted({ALL, *BRIEF_NAMES, *BUILTIN_ENTITIES, *(c.value for c in Category)})


def _entity_name(name: str) -> str:
    try:
        canonical_types(name)  # a brief, catalogue or category name, 'all', or an UPPER_SNAKE custom type
    except MaskError as exc:  # a short message with close matches, never the name itself
        raise ValueError(str(exc)) from None
    return name


#: A brief name (``email``), a catalogue name (``US_SSN``, any case), a category (``HEALTH``) or ``all``;
#: the spec lists those. A custom recognizer's UPPER_SNAKE type is accepted as well when the service's
#: client knows it. A typo is a 422 whose message names a few close matches, never the whole list.
EntityName = Annotated[
    str,
    Field(min_length=1, max_length=64),
    AfterValidator(_entity_name),
    WithJsonSchema(
        {
            "type": "string",
            "enum": _KNOWN,
            "description": "An entity type: brief name, catalogue name, category or 'all' (or a custom type)",
        }
    ),
]


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
    allowed_types: list[EntityName] | None = Field(
        default=None,
        max_length=100,
        description="Only restore these entity types (email, US_SSN, HEALTH, ...); others stay tokens",
    )
    lenient: bool = Field(default=False, description="Leave unknown tokens as they are instead of failing")


class DetokenizeResponse(BaseModel):
    text: str
