"""Typed settings from ``MASK_*`` environment variables (pydantic-settings).

========================  ==============  =========================================================
Variable                  Default         Meaning
========================  ==============  =========================================================
MASK_ENV                  production      ``production``: fail-shut (a master key is required).
                                          ``development``: an ephemeral key may be generated, loudly.
MASK_TENANT               default         Tenant id of the default client.
MASK_MASTER_KEY           (none)          32+ random bytes as ``base64:...`` or ``hex:...``.
                                          ``MASK_ENCRYPTION_KEY`` is read as an alias.
MASK_KEYRING              (none)          ``id1:key1,id2:key2`` (primary first); overrides the above.
MASK_TTL                  (none)          Seconds a token stays decodable; none means no expiry.
MASK_VAULT_TYPE           memory          Which vault backend the default client uses.
MASK_VAULT_MAX_ENTRIES    1000000         Memory vault bound (0: unbounded).
MASK_VAULT_EVICTION       lru             Memory vault policy when full: lru, fifo or reject.
MASK_LENIENT_DECODE       false           Leave unknown tokens as they are instead of raising.
MASK_SCORE_THRESHOLD      0.5             Minimum score of a finding.
MASK_PHONE_REGIONS        US              Regions whose national phone formats are recognised.
MASK_MAX_VALUE_LENGTH     65536           Longest value ``encode`` accepts (characters).
MASK_MAX_TEXT_LENGTH      16777216        Longest text scanned in one piece (characters).
MASK_ENTITIES             (all)           Detect only these entity types and categories (comma list).
MASK_DISABLED_ENTITIES    (none)          Never detect these entity types and categories.
MASK_NER                  auto            NER tier: ``auto`` (if a model is installed), ``on``, ``off``.
MASK_NLP_MODEL            (per language)  spaCy model name or path; ``en=...,es=...`` per language.
MASK_LANGUAGES            en              Languages of the texts for the NER tier (``en``, ``es``).
========================  ==============  =========================================================

Later features add their own variables to :class:`MaskSettings` (vault URLs, NLP models, ...). Key
material is held as ``SecretStr`` and never appears in a repr.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["MaskSettings", "get_settings"]


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class MaskSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MASK_", extra="ignore", case_sensitive=False)

    env: Literal["production", "development"] = "production"
    tenant: str = "default"
    master_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("MASK_MASTER_KEY", "MASK_ENCRYPTION_KEY")
    )
    keyring: SecretStr | None = None
    ttl: float | None = Field(default=None, gt=0)
    vault_type: str = "memory"
    vault_max_entries: int = Field(default=1_000_000, ge=0)
    vault_eviction: Literal["lru", "fifo", "reject"] = "lru"
    lenient_decode: bool = False
    score_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    phone_regions: Annotated[list[str], NoDecode] = ["US"]
    max_value_length: int = Field(default=65_536, ge=1)
    max_text_length: int = Field(default=16 * 1024 * 1024, ge=1)
    # -- detection engine (issue 3) --
    entities: Annotated[list[str] | None, NoDecode] = None
    disabled_entities: Annotated[list[str], NoDecode] = []
    ner: Literal["auto", "on", "off"] = "auto"
    nlp_model: str | None = None
    languages: Annotated[list[str], NoDecode] = ["en"]

    @field_validator("entities", "disabled_entities", "languages", mode="before")
    @classmethod
    def _detection_lists(cls, value: object) -> object:
        return _split_csv(value)

    # -- end detection engine --

    @field_validator("env", mode="before")
    @classmethod
    def _env_alias(cls, value: object) -> object:
        if isinstance(value, str):
            low = value.strip().lower()
            if low in ("prod", "production", "staging"):
                return "production"
            if low in ("dev", "development", "local", "test"):
                return "development"
        return value

    @field_validator("phone_regions", mode="before")
    @classmethod
    def _regions(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("ttl", mode="before")
    @classmethod
    def _empty_ttl(cls, value: object) -> object:
        return None if isinstance(value, str) and value.strip().lower() in ("", "none", "0") else value

    @property
    def is_development(self) -> bool:
        return self.env == "development"


def get_settings() -> MaskSettings:
    """Read settings from the environment now (not cached: tests and reloads see changes)."""
    return MaskSettings()
