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
MASK_POLICY_FILE          (none)          Firewall policy (YAML) for ``mask serve`` and adapters.
MASK_ENTITIES             (all)           Detect only these entity types and categories (comma list).
MASK_DISABLED_ENTITIES    (none)          Never detect these entity types and categories.
MASK_NER                  auto            NER tier: ``auto`` (if a model is installed), ``on``, ``off``.
MASK_NLP_MODEL            (per language)  spaCy model name or path; ``en=...,es=...`` per language.
MASK_LANGUAGES            en              Languages of the texts for the NER tier (``en``, ``es``).
MASK_REPORT_ONLY          DATE_TIME,URL,  Types ``scan`` reports but tokenizing leaves in clear
                          NRP
                                          (empty: protect every type found).
MASK_NER_THREADS          1               Native threads (BLAS, OpenMP) the NER model may use.
========================  ==============  =========================================================

Key providers and the audit trail add ``MASK_KEY_PROVIDER`` (env, file, aws-kms,
hashicorp-vault, azure-key-vault) with each provider's variables, and ``MASK_AUDIT_*``: see
``docs/keys.md`` and ``docs/audit.md``.
Distributed vaults (``MASK_VAULT_TYPE=redis|memcached|dynamodb``; see docs/vaults.md):

============================  ======================  =================================================
MASK_VAULT_TIMEOUT            2.0                     Seconds one vault call may take, retries included;
                                                      then VaultUnavailableError (fail-shut).
MASK_VAULT_RETRIES            2                       Retries of a transient failure, with backoff.
MASK_VAULT_PREFIX             (empty)                 Prepended to every key the vault stores.
MASK_VAULT_FAIL_OPEN_DECODE   false                   Development only: a decode whose vault is down
                                                      returns the tokens unchanged (logged loudly).
MASK_REDIS_URL                redis://localhost:6379  ``redis://`` or ``rediss://``, credentials inside.
MASK_REDIS_CLUSTER            false                   The URL names a node of a Redis Cluster.
MASK_REDIS_MAX_CONNECTIONS    64                      Connection pool size (per node).
MASK_MEMCACHED_SERVERS        (none)                  ``host:port,host:port``; overrides the next two.
MASK_MEMCACHED_HOST / _PORT   127.0.0.1 / 11211       One memcached server.
MASK_DYNAMODB_TABLE           mask-vault              Table name (see ``DynamoDBVault.create_table``).
MASK_DYNAMODB_REGION          (AWS default chain)     AWS region.
MASK_DYNAMODB_ENDPOINT_URL    (none)                  DynamoDB Local, moto, or a VPC endpoint.
============================  ======================  =================================================

Later features add their own variables to :class:`MaskSettings` (vault URLs, NLP models, ...). Key
material is held as ``SecretStr`` and never appears in a repr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import AliasChoices, Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from mask_core.errors import MaskConfigurationError, MaskError

__all__ = ["MaskSettings", "get_settings", "load_settings", "settings_error_message"]


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
    # -- firewall / server --
    policy_file: Path | None = None

    # -- key providers and audit trail (docs/keys.md, docs/audit.md) -----------------------------
    key_provider: str = "env"  # env | file | aws-kms | hashicorp-vault | azure-key-vault (checked on use)
    key_file: Path | None = None
    kms_encrypted_keys: SecretStr | None = None
    kms_key_id: str | None = None
    kms_region: str | None = None
    kms_endpoint_url: str | None = None
    hashicorp_url: str | None = None
    hashicorp_token: SecretStr | None = None
    hashicorp_namespace: str | None = None
    hashicorp_mount: str = "secret"
    hashicorp_path: str = "mask/keys"
    hashicorp_field: str = "keyring"
    azure_vault_url: str | None = None
    azure_secret_name: str = "mask-keyring"  # noqa: S105 - a secret's name, not a secret
    azure_secret_version: str | None = None
    audit_sinks: Annotated[list[Literal["stdout", "logging", "file"]], NoDecode] = []
    audit_file: Path | None = None
    audit_file_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    audit_file_backups: int = Field(default=5, ge=0)
    audit_logger: str = "mask.audit"
    audit_max_buffer_size: int = Field(default=10_000, ge=1)
    audit_flush_interval: float = Field(default=1.0, gt=0)
    audit_chain: bool = False

    @field_validator("master_key", "keyring")
    @classmethod
    def _key_text(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        """A malformed key is an error of its variable when the settings load, not later (the message
        comes from the key parser, which never quotes the key)."""
        if value is None:
            return None
        from mask_core.keys.keyring import Keyring

        try:
            if info.field_name == "keyring":
                Keyring.parse(value.get_secret_value())
            else:
                Keyring.from_master_key(value.get_secret_value())
        except MaskError as exc:
            raise ValueError(str(exc)) from None
        return value

    @field_validator("audit_sinks", mode="before")
    @classmethod
    def _sinks(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("key_provider", mode="before")
    @classmethod
    def _provider_alias(cls, value: object) -> object:
        return value.strip().lower().replace("_", "-") if isinstance(value, str) else value

    # -- distributed vaults: read by mask_core.vault.from_settings and MaskClient -------------
    vault_timeout: float = Field(default=2.0, gt=0)
    vault_retries: int = Field(default=2, ge=0, le=10)
    vault_prefix: str = ""
    vault_fail_open_decode: bool = False
    redis_url: SecretStr = SecretStr("redis://localhost:6379/0")
    redis_cluster: bool = False
    redis_max_connections: int = Field(default=64, ge=1)
    memcached_servers: Annotated[list[str], NoDecode] = []
    memcached_host: str = "127.0.0.1"
    memcached_port: int = Field(default=11211, ge=1, le=65535)
    dynamodb_table: str = "mask-vault"
    dynamodb_region: str | None = None
    dynamodb_endpoint_url: str | None = None

    @field_validator("memcached_servers", mode="before")
    @classmethod
    def _memcached_servers(cls, value: object) -> object:
        return _split_csv(value)

    # -- end of distributed vaults ------------------------------------------------------------------------
    # -- detection engine --
    entities: Annotated[list[str] | None, NoDecode] = None
    disabled_entities: Annotated[list[str], NoDecode] = []
    ner: Literal["auto", "on", "off"] = "auto"
    nlp_model: str | None = None
    languages: Annotated[list[str], NoDecode] = ["en"]
    report_only: Annotated[list[str], NoDecode] = ["DATE_TIME", "URL", "NRP"]
    ner_threads: int = Field(default=1, ge=1)

    @field_validator("entities", "disabled_entities", "languages", "report_only", mode="before")
    @classmethod
    def _detection_lists(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("entities", "disabled_entities", "report_only")
    @classmethod
    def _entity_names(cls, value: list[str] | None, info: ValidationInfo) -> list[str] | None:
        """Brief names, catalogue names and categories, as everywhere (mask_core.entity_names).

        Each name becomes the catalogue types it stands for; an UPPER_SNAKE name nobody knows yet is
        kept (a custom recognizer may register it, and the client checks it then); anything else is an
        error with close matches.
        """
        from mask_core.entity_names import canonical_types

        if value is None:
            return None
        out: list[str] = []
        for name in value:
            try:
                types = canonical_types(name)
            except MaskError as exc:
                raise ValueError(str(exc)) from None
            if types is None and info.field_name == "report_only":
                raise ValueError("'all' would leave every value in clear; list the types to report only")
            out += sorted(types) if types is not None else [name.strip().lower()]
        return list(dict.fromkeys(out))

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
    """Read settings from the environment now (not cached: tests and reloads see changes).

    A value that does not validate is a ``MaskConfigurationError`` naming the variables and what is
    wrong with them, never their values (pydantic's own message quotes each input, and a malformed
    ``MASK_MASTER_KEY`` or ``MASK_REDIS_URL`` is still a secret).
    """
    return load_settings(MaskSettings, prefix="MASK_")


_S = TypeVar("_S", bound=BaseSettings)


def load_settings(cls: type[_S], *, prefix: str) -> _S:
    """``cls()`` from the environment, or a ``MaskConfigurationError`` that names each bad variable and
    its problem without its value (for every settings class: the core's, the server's)."""
    try:
        return cls()
    except ValidationError as exc:
        message = settings_error_message(exc, prefix=prefix)
    except SettingsError as exc:  # a source could not decode a variable (complex fields are JSON)
        message = "invalid settings: " + _settings_error_field(exc, prefix) + ": could not be parsed"
    # Raised outside the handler, so the error (which may hold the inputs) is not its context.
    raise MaskConfigurationError(message)


def _settings_error_field(exc: SettingsError, prefix: str) -> str:
    # pydantic-settings says 'error parsing value for field "api_keys" from source "EnvSettingsSource"'
    import re

    match = re.search(r'field "([A-Za-z0-9_]+)"', str(exc))
    return (prefix + match.group(1)).upper() if match else f"a {prefix}* variable"


def settings_error_message(exc: ValidationError, *, prefix: str) -> str:
    """What a settings ``ValidationError`` says, per variable, without the input values."""
    problems = []
    for err in exc.errors(include_input=False, include_url=False, include_context=False):
        field = str(err["loc"][0]) if err["loc"] else "?"
        name = field if field.upper().startswith(prefix) else prefix + field
        problems.append(f"{name.upper()}: {str(err['msg']).removeprefix('Value error, ')}")
    return "invalid settings: " + "; ".join(problems)
