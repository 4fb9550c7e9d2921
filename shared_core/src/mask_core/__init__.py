"""Mask: privacy middleware for LLM agents. Tools see real values; the model only ever sees tokens.

Quick start::

    from mask_core import MaskClient, MemoryVault
    from mask_core.keys import generate_key

    client = MaskClient(tenant="acme", master_key=generate_key(), vault=MemoryVault())
    safe = client.deep_encode({"email": "alice@example.com", "ssn": "536-22-8745"})
    # {'email': 'u.k3f9x2qa7m@mask.example.net', 'ssn': '912-34-5678'}
    client.deep_decode(safe)   # the original values, exactly

See docs/architecture.md for how a tool call flows through Mask, and docs/tokens.md for token formats.
"""

# ``scan`` is a method of MaskClient, not a module-level function here: the name belongs to the
# ``mask_core.scan`` subpackage (``import mask_core.scan.ner`` must reach the module).
from mask_core._default import (
    adecode,
    adeep_decode,
    adeep_encode,
    adetokenize_text,
    aencode,
    atokenize_text,
    decode,
    deep_decode,
    deep_encode,
    detokenize_text,
    encode,
    get_default_client,
    reset_default_client,
    set_default_client,
    tokenize_text,
)
from mask_core._default import (
    adeep_encode_pii as adeep_encode_pii,
)
from mask_core._default import (
    ascan_and_tokenize as ascan_and_tokenize,
)
from mask_core._default import (
    deep_encode_pii as deep_encode_pii,
)
from mask_core._default import (
    scan_and_tokenize as scan_and_tokenize,
)
from mask_core._textops import Tokenized
from mask_core.audit import AuditEvent, AuditLogger, AuditSink, audit_context
from mask_core.client import MaskClient
from mask_core.entities import BUILTIN_ENTITIES, Category
from mask_core.errors import (
    DecodeNotAllowedError,
    FirewallBlockedError,
    FormatError,
    InvalidInputError,
    KeyProviderError,
    MaskConfigurationError,
    MaskError,
    MissingDependencyError,
    PolicyError,
    ScanError,
    TokenError,
    TokenNotFoundError,
    TokenSpaceExhaustedError,
    ToolCallRefusedError,
    UnknownEntityTypeError,
    UnsupportedTypeError,
    ValueTooLargeError,
    VaultError,
    VaultFullError,
    VaultIntegrityError,
    VaultUnavailableError,
)
from mask_core.guard import DecodePolicy, MaskedToolError, ToolGuard  # the tool boundary for adapters
from mask_core.keys import Keyring, generate_key
from mask_core.policy import Firewall, FirewallResult, Policy, PolicyFile  # -- firewall
from mask_core.scan import PatternRecognizer, Scanner
from mask_core.settings import MaskSettings  # its groups (DetectionSettings, ...) live in mask_core.settings
from mask_core.streaming import StreamDetokenizer  # streamed answers
from mask_core.types import Entity, Recognizer
from mask_core.vault import MemoryVault, Vault

__version__ = "0.1.0"


def _public_module() -> None:
    """Public classes say ``mask_core`` (``mask_core.MaskClient``, ``mask_core.TokenNotFoundError``) in
    reprs, tracebacks' exception names and pickles, as httpx does: where a class is defined is an
    internal detail. A class with annotations keeps its module: ``typing.get_type_hints`` (pydantic,
    FastAPI, dataclasses) resolves their names there."""
    import inspect

    for name in __all__:
        obj = globals()[name]
        if (
            inspect.isclass(obj)
            and obj.__module__.startswith("mask_core.")
            and not any(
                "__annotations__" in vars(k) for k in obj.__mro__ if k.__module__.startswith("mask_core")
            )
        ):
            obj.__module__ = __name__


# The original product's names, kept as documented aliases (README) and importable from here, but
# not part of ``__all__``: one name per operation in the public surface.
_ALIASES = ("adeep_encode_pii", "ascan_and_tokenize", "deep_encode_pii", "scan_and_tokenize")

__all__ = [
    "BUILTIN_ENTITIES",
    "AuditEvent",
    "AuditLogger",
    "AuditSink",
    "Category",
    "DecodeNotAllowedError",
    "DecodePolicy",
    "Entity",
    "Firewall",  # -- firewall
    "FirewallBlockedError",
    "FirewallResult",
    "FormatError",
    "InvalidInputError",
    "KeyProviderError",
    "Keyring",
    "MaskClient",
    "MaskConfigurationError",
    "MaskError",
    "MaskSettings",
    "MaskedToolError",
    "MemoryVault",
    "MissingDependencyError",
    "PatternRecognizer",
    "Policy",
    "PolicyError",
    "PolicyFile",
    "Recognizer",
    "ScanError",
    "Scanner",
    "StreamDetokenizer",
    "TokenError",
    "TokenNotFoundError",
    "TokenSpaceExhaustedError",
    "Tokenized",
    "ToolCallRefusedError",
    "ToolGuard",
    "UnknownEntityTypeError",
    "UnsupportedTypeError",
    "ValueTooLargeError",
    "Vault",
    "VaultError",
    "VaultFullError",
    "VaultIntegrityError",
    "VaultUnavailableError",
    "adecode",
    "adeep_decode",
    "adeep_encode",
    "adetokenize_text",
    "aencode",
    "atokenize_text",
    "audit_context",
    "decode",
    "deep_decode",
    "deep_encode",
    "detokenize_text",
    "encode",
    "generate_key",
    "get_default_client",
    "reset_default_client",
    "set_default_client",
    "tokenize_text",
]

_public_module()
