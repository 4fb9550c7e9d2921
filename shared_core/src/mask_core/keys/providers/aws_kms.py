"""Envelope encryption with AWS KMS (``MASK_KEY_PROVIDER=aws-kms``, extra ``mask-core[aws-kms]``).

The master key never exists in clear outside process memory. At set-up, KMS generates a 256-bit data
key under your KMS key and Mask keeps only its *encrypted* form (``mask keys kms-generate``); at start-up
Mask asks KMS to decrypt it, which needs ``kms:Decrypt`` on that KMS key::

    $ mask keys kms-generate --kms-key-id alias/mask --id k1
    k1:AQIDAHh...                      <- a ciphertext, safe to keep in a config map
    $ export MASK_KEY_PROVIDER=aws-kms MASK_KMS_ENCRYPTED_KEYS='k1:AQIDAHh...'

A keyring is several ``id:ciphertext`` entries, primary first. Each ciphertext is bound to the
encryption context ``{"mask:purpose": "master-key", "mask:key-id": <id>}``, so a ciphertext renamed to
another id, or made for another purpose, does not decrypt. ``MASK_KMS_KEY_ID`` (optional) pins the KMS
key that must have encrypted it. ``MASK_KMS_REGION`` and ``MASK_KMS_ENDPOINT_URL`` choose where KMS is;
credentials come from boto3's usual chain (environment, profile, instance role).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from mask_core.errors import KeyProviderError, MaskConfigurationError, MissingDependencyError
from mask_core.keys.keyring import Keyring
from mask_core.keys.material import validate_key_id
from mask_core.keys.providers.base import KeyProvider
from mask_core.settings import MaskSettings

__all__ = ["AwsKmsKeyProvider", "generate_encrypted_key"]

_PURPOSE = "master-key"


def _context(key_id: str) -> dict[str, str]:
    return {"mask:purpose": _PURPOSE, "mask:key-id": key_id}


def _kms_client(region: str | None, endpoint_url: str | None) -> Any:
    try:
        import boto3
    except ImportError:
        raise MissingDependencyError("the AWS KMS key provider", "boto3", "aws-kms") from None
    return boto3.client("kms", region_name=region, endpoint_url=endpoint_url)


def _aws_reason(exc: Exception) -> str:
    """A short, key-free description of a boto3 error: its class and AWS error code."""
    code = getattr(exc, "response", {}).get("Error", {}).get("Code") if hasattr(exc, "response") else None
    return f"{type(exc).__name__}{f' ({code})' if code else ''}"


def _parse_entries(text: str) -> list[tuple[str, bytes]]:
    entries: list[tuple[str, bytes]] = []
    for part in filter(None, (p.strip() for p in text.replace("\n", ",").split(","))):
        kid, sep, blob = part.rpartition(":")
        kid = kid if sep else "k1"
        try:
            entries.append((validate_key_id(kid), base64.b64decode(blob, validate=True)))
        except (ValueError, binascii.Error, MaskConfigurationError):
            raise KeyProviderError(
                "aws-kms", "MASK_KMS_ENCRYPTED_KEYS must be 'id:base64-ciphertext' entries, comma separated"
            ) from None
    if not entries:
        raise KeyProviderError("aws-kms", "MASK_KMS_ENCRYPTED_KEYS is empty")
    return entries


class AwsKmsKeyProvider(KeyProvider):
    name = "aws-kms"

    def __init__(
        self,
        encrypted_keys: str,
        *,
        kms_key_id: str | None = None,
        region: str | None = None,
        endpoint_url: str | None = None,
        client: Any = None,
    ) -> None:
        super().__init__()
        self._entries = _parse_entries(encrypted_keys)
        self.kms_key_id = kms_key_id
        self.region = region
        self.endpoint_url = endpoint_url
        self._client = client

    @classmethod
    def from_settings(cls, settings: MaskSettings) -> AwsKmsKeyProvider:
        kms = settings.keys.kms
        if kms.encrypted_keys is None:
            raise KeyProviderError(
                cls.name,
                "MASK_KEY_PROVIDER=aws-kms needs MASK_KMS_ENCRYPTED_KEYS "
                "(create one: mask keys kms-generate)",
            )
        return cls(
            kms.encrypted_keys.get_secret_value(),
            kms_key_id=kms.key_id,
            region=kms.region,
            endpoint_url=kms.endpoint_url,
        )

    def describe(self) -> str:
        ids = ",".join(kid for kid, _ in self._entries)
        where = f", KMS key {self.kms_key_id!r}" if self.kms_key_id else ""
        return f"AWS KMS data keys [{ids}]{where}"

    def fetch(self) -> Keyring:
        client = self._client or _kms_client(self.region, self.endpoint_url)
        keys: dict[str, bytes] = {}
        for kid, blob in self._entries:
            args: dict[str, Any] = {"CiphertextBlob": blob, "EncryptionContext": _context(kid)}
            if self.kms_key_id:
                args["KeyId"] = self.kms_key_id
            try:
                keys[kid] = client.decrypt(**args)["Plaintext"]
            except Exception as exc:  # botocore's errors: no key material in them, but keep only the code
                raise KeyProviderError(
                    self.name,
                    f"KMS could not decrypt data key {kid!r}: {_aws_reason(exc)}. Check kms:Decrypt on the "
                    "KMS key, the region and the ciphertext (it is bound to its key id)",
                ) from None
        try:
            return Keyring(keys)
        except MaskConfigurationError as exc:
            raise KeyProviderError(self.name, str(exc)) from None


def generate_encrypted_key(
    kms_key_id: str,
    key_id: str,
    *,
    region: str | None = None,
    endpoint_url: str | None = None,
    client: Any = None,
) -> str:
    """A new 256-bit data key from KMS, returned only encrypted, as an ``id:base64`` keyring entry."""
    validate_key_id(key_id)
    client = client or _kms_client(region, endpoint_url)
    try:
        out = client.generate_data_key_without_plaintext(
            KeyId=kms_key_id, KeySpec="AES_256", EncryptionContext=_context(key_id)
        )
    except Exception as exc:
        raise KeyProviderError("aws-kms", f"KMS could not generate a data key: {_aws_reason(exc)}") from None
    return f"{key_id}:{base64.b64encode(out['CiphertextBlob']).decode('ascii')}"
