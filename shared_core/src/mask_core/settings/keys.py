"""Where the keys come from: ``MASK_MASTER_KEY``, ``MASK_KEYRING``, ``MASK_KEY_*`` and each key
provider's variables (docs/keys.md)."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import SettingsConfigDict

from mask_core.errors import MaskError
from mask_core.settings._base import SettingsGroup, group_field

__all__ = ["AwsKmsSettings", "AzureKeyVaultSettings", "HashiCorpVaultSettings", "KeySettings"]


class AwsKmsSettings(SettingsGroup):
    """``MASK_KMS_*``: data keys encrypted by an AWS KMS key (``MASK_KEY_PROVIDER=aws-kms``)."""

    model_config = SettingsConfigDict(env_prefix="MASK_KMS_")

    encrypted_keys: SecretStr | None = None
    key_id: str | None = None
    region: str | None = None
    endpoint_url: str | None = None


class HashiCorpVaultSettings(SettingsGroup):
    """``MASK_HASHICORP_*``: a KV v2 secret field (``MASK_KEY_PROVIDER=hashicorp-vault``)."""

    model_config = SettingsConfigDict(env_prefix="MASK_HASHICORP_")

    url: str | None = None
    token: SecretStr | None = None
    namespace: str | None = None
    mount: str = "secret"
    path: str = "mask/keys"
    field: str = "keyring"


class AzureKeyVaultSettings(SettingsGroup):
    """``MASK_AZURE_*``: a Key Vault secret (``MASK_KEY_PROVIDER=azure-key-vault``)."""

    model_config = SettingsConfigDict(env_prefix="MASK_AZURE_")

    vault_url: str | None = None
    secret_name: str = "mask-keyring"  # noqa: S105 - a secret's name, not a secret
    secret_version: str | None = None


class KeySettings(SettingsGroup):
    """The keys: given directly (``MASK_MASTER_KEY``, ``MASK_KEYRING``) or by a provider."""

    model_config = SettingsConfigDict(env_prefix="MASK_KEY_")

    master_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("MASK_MASTER_KEY", "MASK_ENCRYPTION_KEY")
    )
    keyring: SecretStr | None = Field(default=None, validation_alias="MASK_KEYRING")
    provider: str = "env"  # env | file | aws-kms | hashicorp-vault | azure-key-vault (checked on use)
    file: Path | None = None
    kms: AwsKmsSettings = group_field()
    hashicorp: HashiCorpVaultSettings = group_field()
    azure: AzureKeyVaultSettings = group_field()

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

    @field_validator("provider", mode="before")
    @classmethod
    def _provider_alias(cls, value: object) -> object:
        return value.strip().lower().replace("_", "-") if isinstance(value, str) else value
