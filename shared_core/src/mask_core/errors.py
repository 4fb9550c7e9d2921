"""Exceptions raised by Mask.

Every exception Mask raises derives from :class:`MaskError`, so one ``except`` clause catches them all::

    MaskError
    ├── MaskConfigurationError        settings, keys or extras are missing or wrong (raised at start-up)
    │   ├── MissingDependencyError    an optional extra is not installed (also an ImportError)
    │   └── KeyProviderError          a key provider could not deliver a key (fail-shut, at start-up)
    ├── InvalidInputError             a value Mask cannot accept (also a ValueError)
    │   ├── UnsupportedTypeError      wrong Python type (also a TypeError)
    │   ├── ValueTooLargeError        longer than the configured limit
    │   ├── FormatError               does not fit the token format of its entity type
    │   └── UnknownEntityTypeError    an entity type nobody registered
    ├── TokenError
    │   ├── TokenNotFoundError        unknown, expired or another tenant's token (also a LookupError)
    │   ├── DecodeNotAllowedError     least privilege: this caller may not see this entity type in clear
    │   └── TokenSpaceExhaustedError  no free token left after every re-derivation (never expected)
    ├── VaultError
    │   ├── VaultUnavailableError     the vault cannot be reached (fail-shut: nothing is returned in clear)
    │   ├── VaultIntegrityError       a stored record failed authentication (tampering, wrong key)
    │   └── VaultFullError            a bounded vault refused a new entry
    ├── ScanError                     text could not be scanned (nothing is returned as if it were scanned)
    ├── ToolCallRefusedError          an adapter did not run a tool, or withheld its result (fail-shut)
    ├── PolicyError                   a firewall policy is invalid: file, line and field in the message
    │                                 (a MaskConfigurationError too: raised when a policy loads)
    └── FirewallBlockedError          a firewall stage's ``block`` action refused the text

The contract of every message: it names what happened and what to do, never a value. A plaintext, a
token that might be a plaintext, a key or a ciphertext never appears in ``str(exc)``, ``repr(exc)`` or
its arguments. Where a caller needs to correlate, errors carry a keyed ``fingerprint`` instead.

Usage::

    try:
        value = client.decode(token)
    except TokenNotFoundError:
        ...  # expired or unknown: ask the user again, never guess
    except MaskError:
        ...  # anything else Mask refused to do
"""

from __future__ import annotations

__all__ = [
    "DecodeNotAllowedError",
    "FirewallBlockedError",
    "FormatError",
    "InvalidInputError",
    "KeyProviderError",
    "MaskConfigurationError",
    "MaskError",
    "MissingDependencyError",
    "PolicyError",
    "ScanError",
    "TokenError",
    "TokenNotFoundError",
    "TokenSpaceExhaustedError",
    "ToolCallRefusedError",
    "UnknownEntityTypeError",
    "UnsupportedTypeError",
    "ValueTooLargeError",
    "VaultError",
    "VaultFullError",
    "VaultIntegrityError",
    "VaultUnavailableError",
    "install_hint",
]


class MaskError(Exception):
    """Base class of every error Mask raises. Messages never contain sensitive values."""


class MaskConfigurationError(MaskError):
    """Mask is not configured well enough to protect anything (raised when a client is built)."""


class MissingDependencyError(MaskConfigurationError, ImportError):
    """An optional extra is needed for this feature; the message names the ``pip install`` line."""

    def __init__(
        self, feature: str, package: str, extra: str, *, dist: str = "mask-core", install: str | None = None
    ) -> None:
        self.feature = feature
        self.package = package
        self.extra = extra
        # ``install``: the pip argument when the fix is not an extra of ``dist`` (framework adapters).
        hint = install if install is not None else install_hint(extra, dist=dist)
        named = f"'{dist}[{extra}]'"
        which = f" (the {named} extra)" if install is None and hint != named else ""
        super().__init__(
            f"{feature} needs the '{package}' package, which is not installed. "
            f"Install it with: pip install {hint}{which}"
        )


def install_hint(extra: str, *, dist: str = "mask-core") -> str:
    """The ``pip install`` arguments that add ``dist``'s ``extra``: the extra's own requirements, read
    from the installed distribution's metadata (``'spacy>=3.7.5,<4' 'threadpoolctl>=3.1'``).

    Naming the requirements works wherever pip can reach a package index, whether or not ``dist``
    itself was installed from one (a wheel, a clone). Falls back to ``'dist[extra]'`` when ``dist``
    is not installed.
    """
    import importlib.metadata
    import re

    try:
        requires = importlib.metadata.requires(dist) or []
    except importlib.metadata.PackageNotFoundError:
        requires = []
    marker = re.compile(r"extra\s*==\s*['\"]" + re.escape(extra) + r"['\"]")
    wanted = [r.split(";", 1)[0].strip() for r in requires if ";" in r and marker.search(r.split(";", 1)[1])]
    if not wanted:
        return f"'{dist}[{extra}]'"
    return " ".join(f"'{r}'" if any(c in r for c in "<>=!~[ ,") else r for r in wanted)


# -- key providers -----------------------------------------------------------------------------
class KeyProviderError(MaskConfigurationError):
    """A key provider (environment, file, AWS KMS, HashiCorp Vault, Azure Key Vault) delivered no key.

    Raised when a client is built, never later: Mask does not start without its keys and never falls
    back to a weaker key. The message names the provider and what to check; it never holds key material.
    """

    def __init__(self, provider: str, reason: str) -> None:
        self.provider = provider
        super().__init__(f"key provider '{provider}' could not deliver a key: {reason}")


class InvalidInputError(MaskError, ValueError):
    """A value Mask cannot accept. The message says why, never what the value was."""


class UnsupportedTypeError(InvalidInputError, TypeError):
    """A value of a Python type this operation does not handle."""


class ValueTooLargeError(InvalidInputError):
    """A value or text longer than its limit (``MASK_MAX_VALUE_LENGTH`` / ``MASK_MAX_TEXT_LENGTH``)."""


class FormatError(InvalidInputError):
    """A value that does not fit the token format of the entity type it was given."""


class UnknownEntityTypeError(InvalidInputError):
    """An entity type that is neither built in nor registered by a custom recognizer."""


class TokenError(MaskError):
    """A token could not be turned back into its value."""

    def __init__(self, message: str, *, fingerprint: str | None = None) -> None:
        self.fingerprint = fingerprint
        if fingerprint:
            message = f"{message} (fingerprint {fingerprint})"
        super().__init__(message)


class TokenNotFoundError(TokenError, LookupError):
    """No live vault entry for this token in this tenant: unknown, expired, deleted or another tenant's."""


class DecodeNotAllowedError(TokenError):
    """The caller may not receive this entity type in clear (least privilege: a tool's
    ``allowed_types=``)."""


class TokenSpaceExhaustedError(TokenError):
    """Every deterministic re-derivation of a token clashed with another value (practically impossible)."""


class VaultError(MaskError):
    """The vault failed; nothing was returned in clear."""


class VaultUnavailableError(VaultError):
    """The vault cannot be reached or timed out. Fail-shut: encode and decode refuse instead of guessing."""


class VaultIntegrityError(VaultError):
    """A vault record failed authentication: altered, moved, or sealed with a key not in the keyring."""


class VaultFullError(VaultError):
    """A bounded vault with the ``reject`` eviction policy has no room for a new entry."""


class ScanError(MaskError):
    """Text could not be scanned. Callers must not treat the text as scanned."""


# -- framework adapters -------------------------------------------------------------------
class ToolCallRefusedError(MaskError):
    """A framework adapter refused a tool call: the tool did not run, or its result was withheld.

    ``str(exc)`` is written for the *model*: adapters hand it back as the tool's error output, so it
    names the tool and what went wrong and never holds a value, a token or a fingerprint. ``stage`` is
    ``"arguments"`` (the tool did not run) or ``"result"`` (the tool ran; its result could not be
    protected and was withheld); ``reason`` is the class name of the underlying error, which is kept
    as ``__cause__`` for the application's own logs.
    """

    def __init__(self, message: str, *, stage: str, tool: str | None = None, reason: str = "") -> None:
        self.stage = stage
        self.tool = tool
        self.reason = reason
        super().__init__(message)


# -- firewall policies -------------------------------------------------------------------------


class PolicyError(MaskConfigurationError):
    """A firewall policy failed validation. Raised when the policy is loaded, never at request time.

    ``issues`` holds one :class:`mask_core.policy.PolicyIssue` per problem (file, line, column, field
    path, message); ``str(exc)`` lists them, one per line, as ``file:line:column: field: message``.
    """

    def __init__(self, message: str, issues: tuple[object, ...] = ()) -> None:
        self.issues = issues
        super().__init__(message)


class FirewallBlockedError(MaskError):
    """A stage whose action is ``block`` found an entity it must refuse; nothing was returned.

    ``stage`` is the stage name and ``findings`` the typed findings (entity type, span, score, action,
    never the value), so a caller can say what was refused without seeing it.
    """

    def __init__(self, stage: str, findings: tuple[object, ...]) -> None:
        self.stage = stage
        self.findings = findings
        blocked = sorted({str(getattr(f, "entity_type", "?")) for f in findings if _is_block(f)})
        what = ", ".join(blocked) or "this content"
        super().__init__(f"the firewall stage {stage!r} blocks {what}: the text was refused")


def _is_block(finding: object) -> bool:
    return str(getattr(finding, "action", "")) == "block"
