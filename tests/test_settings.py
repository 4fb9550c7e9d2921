"""MaskSettings: one group per concern, every ``MASK_*`` variable read as before, keywords in code
named after the variables, and configuration errors that name variables and never their values."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import SecretStr, ValidationError

from mask_core.errors import MaskConfigurationError
from mask_core.keys import format_key, generate_key
from mask_core.settings import (
    AuditSettings,
    AwsKmsSettings,
    DetectionSettings,
    KeySettings,
    MaskSettings,
    VaultSettings,
    get_settings,
    settings_error_message,
)

SECRET = "alice.johnson@example.com"  # stands for any value a variable may hold: never in a message

#: Every variable the core reads. Renaming one breaks deployments: this list changes only on purpose.
VARIABLES = {
    "MASK_ENV", "MASK_TENANT", "MASK_TTL", "MASK_LENIENT_DECODE", "MASK_MAX_VALUE_LENGTH",
    "MASK_MAX_TEXT_LENGTH", "MASK_POLICY_FILE",
    "MASK_MASTER_KEY", "MASK_ENCRYPTION_KEY", "MASK_KEYRING", "MASK_KEY_PROVIDER", "MASK_KEY_FILE",
    "MASK_KMS_ENCRYPTED_KEYS", "MASK_KMS_KEY_ID", "MASK_KMS_REGION", "MASK_KMS_ENDPOINT_URL",
    "MASK_HASHICORP_URL", "MASK_HASHICORP_TOKEN", "MASK_HASHICORP_NAMESPACE", "MASK_HASHICORP_MOUNT",
    "MASK_HASHICORP_PATH", "MASK_HASHICORP_FIELD",
    "MASK_AZURE_VAULT_URL", "MASK_AZURE_SECRET_NAME", "MASK_AZURE_SECRET_VERSION",
    "MASK_VAULT_TYPE", "MASK_VAULT_MAX_ENTRIES", "MASK_VAULT_EVICTION", "MASK_VAULT_TIMEOUT",
    "MASK_VAULT_RETRIES", "MASK_VAULT_PREFIX", "MASK_VAULT_FAIL_OPEN_DECODE",
    "MASK_REDIS_URL", "MASK_REDIS_CLUSTER", "MASK_REDIS_MAX_CONNECTIONS",
    "MASK_MEMCACHED_SERVERS", "MASK_MEMCACHED_HOST", "MASK_MEMCACHED_PORT",
    "MASK_DYNAMODB_TABLE", "MASK_DYNAMODB_REGION", "MASK_DYNAMODB_ENDPOINT_URL",
    "MASK_AUDIT_SINKS", "MASK_AUDIT_FILE", "MASK_AUDIT_FILE_MAX_BYTES", "MASK_AUDIT_FILE_BACKUPS",
    "MASK_AUDIT_LOGGER", "MASK_AUDIT_MAX_BUFFER_SIZE", "MASK_AUDIT_FLUSH_INTERVAL", "MASK_AUDIT_CHAIN",
    "MASK_ENTITIES", "MASK_DISABLED_ENTITIES", "MASK_NER", "MASK_NLP_MODEL", "MASK_LANGUAGES",
    "MASK_REPORT_ONLY", "MASK_NER_THREADS", "MASK_SCORE_THRESHOLD", "MASK_PHONE_REGIONS",
}  # fmt: skip


def _at(settings: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        settings = getattr(settings, name)
    return settings


def _plain(value: Any) -> Any:
    return value.get_secret_value() if isinstance(value, SecretStr) else value


def test_the_variables_are_the_ones_deployments_set() -> None:
    assert set(MaskSettings.variables()) == VARIABLES


# -- each group reads its own variables ----------------------------------------------------------------
KEY = format_key(b"k" * 32)


@pytest.mark.parametrize(
    ("variable", "value", "path", "expected"),
    [
        ("MASK_ENV", "dev", ("env",), "development"),
        ("MASK_TTL", "", ("ttl",), None),
        ("MASK_MASTER_KEY", KEY, ("keys", "master_key"), KEY),
        ("MASK_ENCRYPTION_KEY", KEY, ("keys", "master_key"), KEY),
        ("MASK_KEY_PROVIDER", "AWS_KMS", ("keys", "provider"), "aws-kms"),
        ("MASK_KMS_REGION", "eu-west-1", ("keys", "kms", "region"), "eu-west-1"),
        ("MASK_HASHICORP_TOKEN", "s.token", ("keys", "hashicorp", "token"), "s.token"),
        ("MASK_AZURE_SECRET_NAME", "ring", ("keys", "azure", "secret_name"), "ring"),
        ("MASK_VAULT_TIMEOUT", "0.5", ("vault", "timeout"), 0.5),
        ("MASK_REDIS_URL", "rediss://cache:6380/1", ("redis", "url"), "rediss://cache:6380/1"),
        ("MASK_MEMCACHED_SERVERS", "a:1, b:2", ("memcached", "servers"), ["a:1", "b:2"]),
        ("MASK_DYNAMODB_TABLE", "tokens", ("dynamodb", "table"), "tokens"),
        ("MASK_AUDIT_SINKS", "stdout, logging", ("audit", "sinks"), ["stdout", "logging"]),
        ("MASK_NER", "on", ("detection", "ner"), "on"),
        ("MASK_ENTITIES", "email", ("detection", "entities"), ["EMAIL_ADDRESS"]),
        ("mask_phone_regions", "us,es", ("detection", "phone_regions"), ["us", "es"]),  # any case
    ],
)
def test_each_group_reads_its_variables(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, path: tuple[str, ...], expected: object
) -> None:
    monkeypatch.setenv(variable, value)
    assert _plain(_at(get_settings(), path)) == expected
    assert _plain(_at(MaskSettings(), path)) == expected


def test_a_group_alone_reads_its_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_VAULT_TYPE", "redis")
    monkeypatch.setenv("MASK_KMS_KEY_ID", "alias/mask")
    assert VaultSettings().type == "redis"
    assert AwsKmsSettings().key_id == "alias/mask" and KeySettings().kms.key_id == "alias/mask"


def test_variables_of_other_components_and_group_names_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # The service's variables, the test suite's switches, and variables named like a group: none is a
    # setting of the core, and none may break (or configure) it.
    monkeypatch.setenv("MASK_SERVER_MAX_BODY_BYTES", "not-a-number")
    monkeypatch.setenv("MASK_SERVER_API_KEYS", "[")
    monkeypatch.setenv("MASK_REQUIRE_SERVERS", "1")
    monkeypatch.setenv("MASK_VAULT", '{"type": "redis"}')
    monkeypatch.setenv("MASK_KEYS", "not json")
    monkeypatch.setenv("MASK_DETECTION", '{"ner": "on"}')
    monkeypatch.setenv("MASK_KMS", "x")
    settings = get_settings()
    assert settings.vault.type == "memory" and settings.detection.ner == "off"


# -- keywords in code ---------------------------------------------------------------------------------
def test_a_keyword_is_the_variable_name_without_the_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_VAULT_TIMEOUT", "7")
    settings = MaskSettings(
        ner="on",
        vault_type="redis",
        kms_key_id="alias/mask",
        key_provider="aws_kms",
        encryption_key=KEY,
        audit_sinks="file",
        max_value_length=100,
    )
    assert settings.detection.ner == "on"
    assert settings.vault.type == "redis" and settings.vault.timeout == 7  # the rest from the environment
    assert settings.keys.kms.key_id == "alias/mask" and settings.keys.provider == "aws-kms"
    assert _plain(settings.keys.master_key) == KEY
    assert settings.audit.sinks == ["file"] and settings.max_value_length == 100


def test_a_keyword_wins_over_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_VAULT_TYPE", "dynamodb")
    monkeypatch.setenv("MASK_ENCRYPTION_KEY", format_key(generate_key()))
    settings = MaskSettings(vault_type="redis", master_key=KEY)
    assert settings.vault.type == "redis" and _plain(settings.keys.master_key) == KEY


def test_every_variable_has_its_keyword(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MASK_NER")
    defaults = MaskSettings()
    for variable, path in MaskSettings.variables().items():
        keyword = variable.removeprefix("MASK_").lower()
        settings = MaskSettings(**{keyword: _at(defaults, path)})
        owner = _at(settings, path[:-1])
        assert owner.model_fields_set == {path[-1]}, (variable, owner.model_fields_set)


def test_groups_are_accepted_whole_or_as_keywords() -> None:
    settings = MaskSettings(
        detection=DetectionSettings(ner="on"), vault={"type": "memcached"}, audit=AuditSettings(chain=True)
    )
    assert settings.detection.ner == "on" and settings.vault.type == "memcached" and settings.audit.chain
    assert MaskSettings(keys={"kms_region": "eu-west-1"}).keys.kms.region == "eu-west-1"


@pytest.mark.parametrize(
    "keywords",
    [{"vault_tyep": "redis"}, {"type": "redis"}, {"vault": {"typ": "redis"}}, {"nonsense": 1}],
    ids=["misspelt", "a-group-field-at-the-top", "misspelt-in-a-group", "unknown"],
)
def test_an_unknown_keyword_is_an_error(keywords: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="extra_forbidden"):
        MaskSettings(**keywords)


@pytest.mark.parametrize(
    "keywords",
    [
        {"vault": VaultSettings(), "vault_type": "redis"},
        {"vault": {"type": "redis"}, "vault_timeout": 1},
        {"master_key": KEY, "encryption_key": KEY},
    ],
    ids=["group-and-its-keyword", "group-dict-and-its-keyword", "variable-and-its-alias"],
)
def test_one_setting_given_twice_is_an_error(keywords: dict[str, Any]) -> None:
    with pytest.raises(TypeError, match="pass one"):
        MaskSettings(**keywords)


def test_updated_follows_groups_validates_and_does_not_read_the_environment_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MASK_ENTITIES", "email")
    monkeypatch.setenv("MASK_MASTER_KEY", KEY)
    settings = get_settings()
    monkeypatch.setenv("MASK_VAULT_TYPE", "redis")
    assert settings.updated() == settings
    changed = settings.updated(audit_sinks=[], score_threshold=0.3, kms_region="eu-west-1", tenant="t")
    assert changed.detection.score_threshold == 0.3 and changed.keys.kms.region == "eu-west-1"
    assert changed.tenant == "t" and changed.vault.type == "memory"  # not the variable set since
    assert changed.detection.entities == ["EMAIL_ADDRESS"]
    assert changed.keys.master_key == settings.keys.master_key
    assert settings.detection.score_threshold == 0.5  # a copy
    with pytest.raises(ValidationError):
        settings.updated(score_treshold=0.3)
    with pytest.raises(ValidationError):
        settings.updated(score_threshold=3)


# -- errors name variables, never values ---------------------------------------------------------------
@pytest.mark.parametrize(
    "variable",
    [
        "MASK_VAULT_TIMEOUT",
        "MASK_REDIS_MAX_CONNECTIONS",
        "MASK_MEMCACHED_PORT",
        "MASK_AUDIT_FLUSH_INTERVAL",
        "MASK_SCORE_THRESHOLD",
        "MASK_KEYRING",
    ],
)
def test_a_bad_variable_in_a_group_is_named_without_its_value(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, SECRET)
    with pytest.raises(MaskConfigurationError) as info:
        get_settings()
    message = str(info.value)
    assert message.startswith(f"invalid settings: {variable}: ") and SECRET not in message
    assert info.value.__cause__ is None and info.value.__context__ is None


def test_bad_variables_in_several_groups_are_reported_together(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_TTL", SECRET)
    monkeypatch.setenv("MASK_VAULT_TIMEOUT", SECRET)
    monkeypatch.setenv("MASK_AUDIT_SINKS", f"stdout,{SECRET}")
    monkeypatch.setenv("MASK_ENCRYPTION_KEY", f"base64:{SECRET}")
    with pytest.raises(MaskConfigurationError) as info:
        get_settings()
    message = str(info.value)
    for variable in ("MASK_TTL", "MASK_VAULT_TIMEOUT", "MASK_AUDIT_SINKS", "MASK_MASTER_KEY"):
        assert f"{variable}: " in message, (variable, message)
    assert SECRET not in message and "alice" not in message


def test_an_error_in_a_nested_group_is_named_by_its_variable() -> None:
    with pytest.raises(ValidationError) as info:
        MaskSettings(kms_region=5, hashicorp_mount=["x"], vault_retries=99)
    message = settings_error_message(info.value, prefix="MASK_", settings_cls=MaskSettings)
    assert "MASK_KMS_REGION: " in message and "MASK_HASHICORP_MOUNT: " in message
    assert "MASK_VAULT_RETRIES: " in message
