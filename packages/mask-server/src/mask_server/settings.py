"""Settings of the HTTP service, from ``MASK_SERVER_*`` environment variables (pydantic-settings).

=============================  ===========================  ==============================================
Variable                       Default                      Meaning
=============================  ===========================  ==============================================
MASK_SERVER_API_KEYS           (none)                       JSON list of keys: ``[{"name": "gateway",
                                                            "key": "...", "scopes": ["detect"]}]``; a key
                                                            may be given as ``"sha256:<hex>"`` instead.
                                                            Required unless MASK_ENV=development.
MASK_SERVER_DATABASE_URL       sqlite:///mask-events.db     Detection events (SQLAlchemy URL; PostgreSQL:
                                                            ``postgresql+psycopg://user:pw@host/db``).
MASK_SERVER_RECORD_EVENTS      true                         Store detection events for the reports.
MASK_SERVER_EVENT_USER         plain                        ``plain``, ``fingerprint`` (keyed digest) or
                                                            ``none``: how a user id is stored.
MASK_SERVER_MAX_BODY_BYTES     1048576                      Larger request bodies get 413.
MASK_SERVER_POLICY_FILE        MASK_POLICY_FILE             The firewall policy (YAML); none: the default
                                                            policy (tokenize everything).
MASK_SERVER_POLICY_RELOAD      1.0                          Seconds between checks of the policy file.
MASK_SERVER_COOKIE_SECURE      false                        Mark console cookies Secure (behind HTTPS).
MASK_SERVER_SESSION_HOURS      8                            Console session lifetime.
=============================  ===========================  ==============================================

Scopes: ``detect`` (pii/detect, /analyze, /supportedentities), ``firewall`` (firewall/apply),
``tokenize``, ``detokenize`` (never implied by another scope but ``admin``), ``console`` (web
console), ``metrics`` (/metrics), ``admin`` (everything).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["SCOPES", "ApiKey", "ServerSettings"]

SCOPES = frozenset({"detect", "firewall", "tokenize", "detokenize", "console", "metrics", "admin"})


class ApiKey(BaseModel):
    """One bearer key: a name for logs and metrics, the secret (or its SHA-256), and its scopes."""

    name: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
    key: SecretStr
    scopes: frozenset[str] = Field(min_length=1)

    @field_validator("key")
    @classmethod
    def _long_enough(cls, key: SecretStr) -> SecretStr:
        value = key.get_secret_value()
        if not value.startswith("sha256:") and len(value) < 16:
            raise ValueError("API keys are at least 16 characters (use a random value)")
        return key

    @field_validator("scopes")
    @classmethod
    def _known(cls, scopes: frozenset[str]) -> frozenset[str]:
        unknown = scopes - SCOPES
        if unknown:
            raise ValueError(f"unknown scope name(s); known: {', '.join(sorted(SCOPES))}")
        return scopes


class ServerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MASK_SERVER_", extra="ignore", case_sensitive=False)

    # NoDecode: the variable reaches ``_parse_keys`` as written, so a malformed one gets that message
    # instead of pydantic-settings' own SettingsError.
    api_keys: Annotated[list[ApiKey], NoDecode] = Field(default_factory=list)
    database_url: SecretStr = SecretStr("sqlite:///mask-events.db")
    record_events: bool = True
    event_user: Literal["plain", "fingerprint", "none"] = "plain"
    max_body_bytes: int = Field(default=1 << 20, ge=1024)
    policy_file: Path | None = Field(
        default=None,
        validation_alias=AliasChoices("MASK_SERVER_POLICY_FILE", "MASK_POLICY_FILE", "policy_file"),
    )
    policy_reload: float = Field(default=1.0, gt=0)
    cookie_secure: bool = False
    session_hours: float = Field(default=8.0, gt=0)
    #: Texts longer than this are scanned in a worker thread instead of on the event loop.
    inline_scan_chars: int = Field(default=16_384, ge=0)

    @field_validator("api_keys", mode="before")
    @classmethod
    def _parse_keys(cls, value: object) -> object:
        if isinstance(value, str | SecretStr):
            raw = value.get_secret_value() if isinstance(value, SecretStr) else value
            if not raw.strip():
                return []
            try:
                return json.loads(raw)
            except json.JSONDecodeError:
                raise ValueError(
                    "not a JSON list of {name, key, scopes} objects (docs/firewall.md)"
                ) from None
        return value
