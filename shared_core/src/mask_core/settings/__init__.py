"""Typed settings from ``MASK_*`` environment variables (pydantic-settings), one group per concern.

:class:`MaskSettings` holds a few values of its own and one group per concern; each group is a
settings class with its own prefix that reads its own variables, so ``MASK_VAULT_TIMEOUT`` is
``settings.vault.timeout``. In code, a keyword is a field, a group, or a variable's name without
``MASK_`` in lower case: ``MaskSettings(ner="off")`` is
``MaskSettings(detection=DetectionSettings(ner="off"))``. An unknown keyword is an error; a
``MASK_*`` variable that no class here reads (``MASK_SERVER_*`` is the service's) is not looked at.
``MaskSettings.variables()`` maps every variable to its attribute path.

=============================  ======================  ===================================================
Variable                       Default                 Meaning
=============================  ======================  ===================================================
**MaskSettings**
MASK_ENV                       production              ``production``: fail-shut (a master key is
                                                       required). ``development``: an ephemeral key may
                                                       be generated, loudly.
MASK_TENANT                    default                 Tenant id of the default client.
MASK_TTL                       (none)                  Seconds a token stays decodable; none: no expiry.
MASK_LENIENT_DECODE            false                   Leave unknown tokens as they are instead of raising.
MASK_MAX_VALUE_LENGTH          65536                   Longest value ``encode`` accepts (characters).
MASK_MAX_TEXT_LENGTH           16777216                Longest text scanned in one piece (characters).
MASK_POLICY_FILE               (none)                  Firewall policy (YAML) for ``mask serve`` and
                                                       adapters.
**.keys** (KeySettings)                                docs/keys.md
MASK_MASTER_KEY                (none)                  ``.master_key``: 32+ random bytes as
                                                       ``base64:...`` or ``hex:...``.
                                                       ``MASK_ENCRYPTION_KEY`` is read as an alias.
MASK_KEYRING                   (none)                  ``.keyring``: ``id1:key1,id2:key2`` (primary
                                                       first); overrides the above.
MASK_KEY_PROVIDER              env                     ``.provider``: env, file, aws-kms,
                                                       hashicorp-vault or azure-key-vault.
MASK_KEY_FILE                  (none)                  ``.file``: the ``file`` provider's key file.
MASK_KMS_ENCRYPTED_KEYS        (none)                  ``.kms.encrypted_keys``: data keys encrypted by KMS.
MASK_KMS_KEY_ID / _REGION      (none)                  ``.kms.key_id`` pins the KMS key; ``.kms.region``.
MASK_KMS_ENDPOINT_URL          (none)                  ``.kms.endpoint_url``: moto, a VPC endpoint.
MASK_HASHICORP_URL / _TOKEN    (none)                  ``.hashicorp.url``, ``.hashicorp.token``.
MASK_HASHICORP_NAMESPACE       (none)                  ``.hashicorp.namespace`` (Vault Enterprise).
MASK_HASHICORP_MOUNT           secret                  ``.hashicorp.mount``: the KV v2 mount,
MASK_HASHICORP_PATH / _FIELD   mask/keys / keyring     ``.hashicorp.path`` and ``.field`` in it.
MASK_AZURE_VAULT_URL           (none)                  ``.azure.vault_url``: the Key Vault.
MASK_AZURE_SECRET_NAME         mask-keyring            ``.azure.secret_name``.
MASK_AZURE_SECRET_VERSION      (latest)                ``.azure.secret_version``.
**.vault** (VaultSettings)                             docs/vaults.md
MASK_VAULT_TYPE                memory                  Which vault backend the default client uses
                                                       (memory, redis, redis-cluster, memcached,
                                                       dynamodb).
MASK_VAULT_MAX_ENTRIES         1000000                 Memory vault bound (0: unbounded).
MASK_VAULT_EVICTION            lru                     Memory vault policy when full: lru, fifo, reject.
MASK_VAULT_TIMEOUT             2.0                     Seconds one call to a distributed vault may take,
                                                       retries included; then VaultUnavailableError
                                                       (fail-shut).
MASK_VAULT_RETRIES             2                       Retries of a transient failure, with backoff.
MASK_VAULT_PREFIX              (empty)                 Prepended to every key the vault stores.
MASK_VAULT_FAIL_OPEN_DECODE    false                   Development only: a decode whose vault is down
                                                       returns the tokens unchanged (logged loudly).
**.redis** (RedisSettings)
MASK_REDIS_URL                 redis://localhost:6379  ``redis://`` or ``rediss://``, credentials inside.
MASK_REDIS_CLUSTER             false                   The URL names a node of a Redis Cluster.
MASK_REDIS_MAX_CONNECTIONS     64                      Connection pool size (per node).
**.memcached** (MemcachedSettings)
MASK_MEMCACHED_SERVERS         (none)                  ``host:port,host:port``; overrides the next two.
MASK_MEMCACHED_HOST / _PORT    127.0.0.1 / 11211       One memcached server.
**.dynamodb** (DynamoDBSettings)
MASK_DYNAMODB_TABLE            mask-vault              Table name (``DynamoDBVault.create_table``).
MASK_DYNAMODB_REGION           (AWS default chain)     AWS region.
MASK_DYNAMODB_ENDPOINT_URL     (none)                  DynamoDB Local, moto, or a VPC endpoint.
**.audit** (AuditSettings)                             docs/audit.md
MASK_AUDIT_SINKS               (none: off)             Comma list of ``stdout``, ``logging``, ``file``.
MASK_AUDIT_FILE                (none)                  Path of the ``file`` sink (rotating, mode 0600).
MASK_AUDIT_FILE_MAX_BYTES      10485760 / 5            Rotation: bytes per file, and
MASK_AUDIT_FILE_BACKUPS                                files kept.
MASK_AUDIT_LOGGER              mask.audit              Logger name of the ``logging`` sink.
MASK_AUDIT_MAX_BUFFER_SIZE     10000                   Queue bound (events).
MASK_AUDIT_FLUSH_INTERVAL      1.0                     Seconds the writer sleeps when idle.
MASK_AUDIT_CHAIN               false                   Tamper-evident HMAC chain.
**.detection** (DetectionSettings)                     docs/detection.md
MASK_ENTITIES                  (all)                   Detect only these entity types and categories
                                                       (comma list).
MASK_DISABLED_ENTITIES         (none)                  Never detect these entity types and categories.
MASK_REPORT_ONLY               DATE_TIME,URL,NRP       Types ``scan`` reports but tokenizing leaves in
                                                       clear (empty: protect every type found).
MASK_SCORE_THRESHOLD           0.5                     Minimum score of a finding.
MASK_PHONE_REGIONS             US                      Regions whose national phone formats are
                                                       recognised.
MASK_NER                       auto                    NER tier: ``auto`` (if a model is installed),
                                                       ``on``, ``off``.
MASK_NLP_MODEL                 (per language)          spaCy model name or path; ``en=...,es=...`` per
                                                       language.
MASK_LANGUAGES                 en                      Languages of the texts for the NER tier (``en``,
                                                       ``es``).
MASK_NER_THREADS               1                       Native threads (BLAS, OpenMP) the NER model may
                                                       use.
=============================  ======================  ===================================================

Key material is held as ``SecretStr`` and never appears in a repr. :func:`get_settings` reports every
malformed variable at once, by name, never with its value.
"""

from __future__ import annotations

from mask_core.settings._base import SettingsGroup
from mask_core.settings.audit import AuditSettings
from mask_core.settings.core import MaskSettings, get_settings
from mask_core.settings.detection import DetectionSettings
from mask_core.settings.keys import AwsKmsSettings, AzureKeyVaultSettings, HashiCorpVaultSettings, KeySettings
from mask_core.settings.loading import load_settings, settings_error_message
from mask_core.settings.vaults import DynamoDBSettings, MemcachedSettings, RedisSettings, VaultSettings

__all__ = [
    "AuditSettings",
    "AwsKmsSettings",
    "AzureKeyVaultSettings",
    "DetectionSettings",
    "DynamoDBSettings",
    "HashiCorpVaultSettings",
    "KeySettings",
    "MaskSettings",
    "MemcachedSettings",
    "RedisSettings",
    "SettingsGroup",
    "VaultSettings",
    "get_settings",
    "load_settings",
    "settings_error_message",
]
