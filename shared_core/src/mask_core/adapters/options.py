"""``Protection``: the options every adapter entry point takes, checked once, in one place.

Every framework package spells its entry points the same way::

    protect(obj, *, client=None, allowed_types=None, firewall=None)
    patched(*targets, client=None, allowed_types=None, firewall=None)

:meth:`Protection.of` turns those keywords into one frozen value, or raises:

* an option no entry point knows (``decodes=``, ``policy=``) is an :class:`UnknownOptionError`,
  because a silently ignored ``allowed_types=`` turns least privilege off and a silently ignored
  ``firewall=`` turns a redaction into a reversible token;
* ``client=`` must be a :class:`~mask_core.MaskClient`, ``firewall=`` a :class:`~mask_core.Firewall`
  (a bare policy is refused with the line that builds one), and a firewall built for another client
  than ``client=`` is refused: its tokens would belong to another tenant.

A ``Protection`` compares by value (clients and firewalls by identity), so an adapter may cache per
protection without keying anything on ``id()``.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from mask_core.client import MaskClient
from mask_core.errors import MaskConfigurationError
from mask_core.guard import DecodePolicy, ToolGuard

if TYPE_CHECKING:
    from mask_core.policy.engine import Firewall

__all__ = ["OPTIONS", "Protection", "UnknownOptionError", "check_options"]

#: The options every adapter entry point takes.
OPTIONS: tuple[str, ...] = ("client", "allowed_types", "firewall")

#: Options renamed since they were first published: the old name is refused with the new one named
#: (``decode=`` said what the tool may receive in clear; the core, the CLI and the HTTP API call that
#: ``allowed_types``).
RENAMED: Mapping[str, str] = {"decode": "allowed_types"}

#: An allowed-types policy in hashable form: None, a frozenset, or sorted (tool, frozenset | None) pairs.
_FrozenPolicy = frozenset[str] | tuple[tuple[str, frozenset[str] | None], ...] | None


class UnknownOptionError(MaskConfigurationError, TypeError):
    """An entry point was given a keyword it does not take (also a ``TypeError``, as Python does)."""


def check_options(owner: str, given: Iterable[str], known: Collection[str] = OPTIONS) -> None:
    """Raise :class:`UnknownOptionError` for the first keyword in ``given`` that is not ``known``."""
    for name in given:
        if name in known:
            continue
        close = (
            [RENAMED[name]]
            if RENAMED.get(name) in known
            else difflib.get_close_matches(name, list(known), n=1)
        )
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        accepted = ", ".join(f"{k}=" for k in sorted(known))
        raise UnknownOptionError(f"{owner}() got an unknown option {name!r}{hint}. It takes {accepted}")


def _freeze(policy: DecodePolicy) -> _FrozenPolicy:
    if policy is None:
        return None
    if isinstance(policy, str):  # a single type given bare: {"EMAIL_ADDRESS"} was meant
        return frozenset((policy,))
    if isinstance(policy, Mapping):
        pairs = []
        for tool, types in policy.items():
            if not isinstance(tool, str):
                raise MaskConfigurationError("allowed_types= maps tool names (str) to entity types")
            pairs.append((tool, None if types is None else _types(types)))
        return tuple(sorted(pairs, key=lambda p: p[0]))
    return _types(policy)


def _types(types: Collection[str]) -> frozenset[str]:
    if isinstance(types, str):
        return frozenset((types,))
    if not isinstance(types, Collection) or not all(isinstance(t, str) for t in types):
        raise MaskConfigurationError(
            "allowed_types= takes entity type names (a set of str), a mapping or None"
        )
    return frozenset(types)


def _check_firewall(firewall: object, client: MaskClient | None) -> None:
    from mask_core.policy.compiled import Policy
    from mask_core.policy.engine import Firewall
    from mask_core.policy.source import PolicySource

    if not isinstance(firewall, Firewall):
        # A policy source is checked after Firewall: PolicySource is a protocol a Firewall also fits.
        if isinstance(firewall, Policy | PolicySource | str):
            raise MaskConfigurationError(
                "firewall= takes a Firewall, not a policy: firewall=Firewall(policy, client=client)"
            )
        raise MaskConfigurationError(f"firewall= takes a mask_core.Firewall, not {type(firewall).__name__}")
    if client is not None and firewall.client is not client:
        raise MaskConfigurationError(
            "firewall= was built for another MaskClient than client=; build it with "
            "Firewall(policy, client=client) so tokens and decoding use one tenant"
        )


@dataclasses.dataclass(frozen=True, slots=True)
class Protection:
    """The client, least-privilege decode policy and firewall that protect a tool call.

    Build it with :meth:`of` (which checks the options). ``guard(name)`` gives the
    :class:`~mask_core.ToolGuard` for one tool: its decode set picked from a per-tool mapping.
    """

    client: MaskClient | None = None
    allowed_types: _FrozenPolicy = None
    firewall: Firewall | None = None

    @classmethod
    def of(
        cls,
        *,
        client: MaskClient | None = None,
        allowed_types: DecodePolicy = None,
        firewall: Firewall | None = None,
        owner: str = "protect",
        **unknown: Any,
    ) -> Protection:
        """Check and freeze the options of an entry point named ``owner`` (used in error messages)."""
        check_options(owner, unknown)
        if client is not None and not isinstance(client, MaskClient):
            raise MaskConfigurationError(f"client= takes a mask_core.MaskClient, not {type(client).__name__}")
        if firewall is not None:
            _check_firewall(firewall, client)
        return cls(client=client, allowed_types=_freeze(allowed_types), firewall=firewall)

    @property
    def policy(self) -> DecodePolicy:
        """``allowed_types`` in the form :func:`mask_core.guard.decode_policy_for` reads."""
        if isinstance(self.allowed_types, tuple):
            return dict(self.allowed_types)
        return self.allowed_types

    def resolve(self) -> MaskClient:
        """The client calls run under (explicit, the firewall's, else the default client)."""
        return self.guard(None).resolve()

    def guard(self, tool: str | None, *, agent: str | None = None, restore: bool = True) -> ToolGuard:
        """The guard for the tool named ``tool``; ``restore=False`` restores nothing (agent tools)."""
        guard = ToolGuard.for_tool(
            tool, client=self.client, allowed_types=self.policy, agent=agent, firewall=self.firewall
        )
        if not restore:
            return dataclasses.replace(guard, allowed_types=frozenset())
        return guard
