"""Formats without a digit layout: e-mail addresses, IP addresses and placeholders.

* EMAIL_ADDRESS: ``u.<10 base32>@mask.example.net``. ``example.net`` is reserved by RFC 2606 and
  IANA, so no real mailbox has it, yet it passes ``email-validator`` (and pydantic's ``EmailStr``),
  which reject special-use names such as ``.invalid`` or ``.test``. The local part reveals nothing.
* IP_ADDRESS: IPv4 tokens in 240.0.0.0/4 (reserved "for future use" by RFC 1112, never routed),
  IPv6 tokens in 2001:db8::/32 (documentation prefix, RFC 3849).
* Placeholders, for names and every type without a dedicated format: ``PERSON_<10 base32>``. A
  pseudonym could be mistaken for, or collide with, a real name in the text; a placeholder cannot,
  and models copy it verbatim. The type name is readable so the model can still reason ("the person").
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable

from mask_core.scan.anchors import email_candidates, ipv4_long_candidates, ipv6_candidates
from mask_core.scan.view import ScanView
from mask_core.tokens.formats.base import Draw, Parsed, TokenFormat, id_string

__all__ = ["EmailFormat", "IpFormat", "PlaceholderFormat"]

EMAIL_TOKEN_DOMAIN = "mask.example.net"  # noqa: S105 - a reserved domain, not a password
_EMAIL_TOKEN_RE = re.compile(r"u\.[a-z2-7]{10}@mask\.example\.net")
# Deliberately permissive: the scanner has already decided this is an address; here we only need an
# '@' with something on both sides and no whitespace, so that any address the user passes is accepted.
_EMAIL_VALUE_RE = re.compile(r"[^\s@]{1,256}@[^\s@]{1,256}")

_PLACEHOLDER_RE = re.compile(r"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)_([a-z2-7]{10})")

_V4_TOKENS = ipaddress.IPv4Network("240.0.0.0/4")
_V6_TOKENS = ipaddress.IPv6Network("2001:db8::/32")


class EmailFormat(TokenFormat):
    entity_type = "EMAIL_ADDRESS"
    max_token_length = 2 + 10 + 1 + len(EMAIL_TOKEN_DOMAIN)

    def parse(self, value: str) -> Parsed | None:
        if not _EMAIL_VALUE_RE.fullmatch(value):
            return None
        return Parsed(value, value)

    def derive(self, parsed: Parsed, draw: Draw) -> str:
        return f"u.{id_string(draw(0), 10)}@{EMAIL_TOKEN_DOMAIN}"

    def is_token(self, parsed: Parsed) -> bool:
        return _EMAIL_TOKEN_RE.fullmatch(parsed.canonical) is not None

    def candidates(self, view: ScanView) -> Iterable[tuple[int, int]]:
        return email_candidates(view) if view.has_at else ()

    def token_key(self, candidate: str) -> Parsed | None:
        low = candidate.lower()
        return tuple.__new__(Parsed, (low, candidate, 0)) if _EMAIL_TOKEN_RE.fullmatch(low) else None

    def relayout(self, original: str, token: str) -> str | None:
        return original


class IpFormat(TokenFormat):
    entity_type = "IP_ADDRESS"
    max_token_length = 39

    def candidates(self, view: ScanView) -> Iterable[tuple[int, int]]:
        yield from ipv4_long_candidates(view)  # 240.0.0.0/4: six digits at the least
        if ":" in view.text:
            yield from ipv6_candidates(view)

    def parse(self, value: str) -> Parsed | None:
        try:
            ip = ipaddress.ip_address(value)
        except ValueError:
            return None
        return Parsed(ip.compressed, value)

    def derive(self, parsed: Parsed, draw: Draw) -> str:
        if ":" in parsed.canonical:
            return ipaddress.IPv6Address(int(_V6_TOKENS.network_address) + draw(0) % 2**96).compressed
        # 240.0.0.0 .. 255.255.255.254: the limited-broadcast address is left out.
        return str(ipaddress.IPv4Address(int(_V4_TOKENS.network_address) + draw(0) % (2**28 - 1)))

    def is_token(self, parsed: Parsed) -> bool:
        ip = ipaddress.ip_address(parsed.canonical)
        if ip.version == 4:
            return ip in _V4_TOKENS and str(ip) != "255.255.255.255"
        return ip in _V6_TOKENS

    def relayout(self, original: str, token: str) -> str | None:
        return original


class PlaceholderFormat(TokenFormat):
    """``<ENTITY_TYPE>_<10 base32 characters>``; one instance per entity type."""

    def __init__(self, entity_type: str) -> None:
        self.entity_type = entity_type
        self.max_token_length = len(entity_type) + 11

    def parse(self, value: str) -> Parsed | None:
        return Parsed(value, value) if value else None

    def derive(self, parsed: Parsed, draw: Draw) -> str:
        return f"{self.entity_type}_{id_string(draw(0), 10)}"

    def is_token(self, parsed: Parsed) -> bool:
        m = _PLACEHOLDER_RE.fullmatch(parsed.canonical)
        return m is not None and m.group(1) == self.entity_type

    def relayout(self, original: str, token: str) -> str | None:
        return original
