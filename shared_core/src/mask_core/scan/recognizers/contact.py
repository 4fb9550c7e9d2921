"""Contact data: e-mail addresses, phone numbers, IP addresses.

* E-mail: candidates around each ``@`` (``scan/anchors.py``), checked for the RFC 5321 length limits
  and dot placement; internationalised local parts and domains are included. A remote login
  (``ssh user@host``, ``git@github.com:acme/repo.git``) is no e-mail address (``logins.py``).
* Phone: ``scan/recognizers/phones/`` (re-exported here).
* IP: dotted quads and colon runs, validated by ``ipaddress``.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from itertools import pairwise

from mask_core.scan.anchors import email_at, email_candidates, ipv4_candidates, ipv6_candidates
from mask_core.scan.gates import AnyOf, Literals, Runs
from mask_core.scan.recognizer import CONTEXT_BOOST, WholeFinding, context_regex
from mask_core.scan.recognizers.logins import remote_login
from mask_core.scan.recognizers.phones import PhoneRecognizer
from mask_core.scan.runs import new_tuple
from mask_core.scan.view import ScanView
from mask_core.types import Entity

__all__ = ["EmailRecognizer", "IpRecognizer", "PhoneRecognizer", "is_email_address"]


class EmailRecognizer:
    name = "email_address"
    shapes = frozenset({"email"})
    entity_types: tuple[str, ...] = ("EMAIL_ADDRESS",)
    scan_gate = Literals({"@"})  # find_in_view starts with has_at

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        if not view.has_at:
            return
        text = view.text
        for start, end in email_candidates(view):
            if (
                _plausible_address(text[start:end])
                and not remote_login(text, start, end)
                and not _message_id(text, start)
            ):
                yield Entity("EMAIL_ADDRESS", start, end, 1.0, text[start:end], self.name, True)

    def whole(self, view: ScanView) -> WholeFinding | None:
        """The finding that spans the whole view, if any (what ``Scanner.detect`` asks).

        Only the first ``@`` can start one: a local part holds no ``@``. Same candidate and checks as
        ``find_in_view`` for that ``@``, without the other candidates.
        """
        if not is_email_address(view.text):
            return None
        return new_tuple(WholeFinding, ("EMAIL_ADDRESS", 0, len(view.text), 1.0, True))

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


def is_email_address(value: str) -> bool:
    """Whether ``value`` is, as a whole, an e-mail address the recognizer finds."""
    at = value.find("@")
    return at >= 0 and email_at(value, at) == (0, len(value)) and _plausible_address(value)


# Header fields whose values look like addresses but name a message, a MIME part or an event: RFC
# 5322's msg-id (``Message-ID: <CAF1x@mail.gmail.com>``, ``In-Reply-To``, ``References``), RFC 2392's
# ``Content-ID``, iCalendar's ``UID:`` property. Read at the start of the line the id is on, or of
# the header a folded line continues.
_ID_FIELD = re.compile(
    r"[ \t]*(?i:message-id|resent-message-id|x-message-id|in-reply-to|references|content-id)[ \t]*:"
    r"|UID[:;]"
)


def _message_id(text: str, start: int) -> bool:
    """Whether the address candidate at ``start`` is a header's message or content id, or an
    iCalendar event's UID (``_ID_FIELD``)."""
    before = text[start - 1 : start]
    if before not in ("<", ":") or (before == ":" and not text.startswith("UID", start - 4)):
        return False  # a msg-id is in angle brackets; a bare one only after ``UID:``
    line = text.rfind("\n", 0, start) + 1
    # A folded header (``References: <a@x>\r\n <b@y>``) continues on lines that open with a blank.
    for _ in range(16):
        if line == 0 or text[line : line + 1] not in (" ", "\t"):
            break
        line = text.rfind("\n", 0, line - 1) + 1
    return _ID_FIELD.match(text, line) is not None


def _plausible_address(value: str) -> bool:
    """RFC 5321's length limit, the domain's dot placement and a top-level domain as DNS writes it.
    A local part's dots are not checked: ``hansj..jacob44@yahoo.de`` breaks RFC 5322 but is still
    somebody's address as written (a typo in a form, a provider that ignores dots), and Mask
    protects what it cannot rule out."""
    _, _, domain = value.rpartition("@")
    top = domain.rpartition(".")[2]
    # A top-level domain in camelCase is a name in code, not in DNS: an OData annotation's key
    # (``statecode@OData.Community.Display.V1.FormattedValue``), ``field@Namespace.TypeName``.
    camel = any(a.islower() and b.isupper() for a, b in pairwise(top))
    return len(value) <= 254 and ".." not in domain and not camel


class IpRecognizer:
    """IPv4 dotted quads and IPv6 addresses (``ipaddress`` decides)."""

    name = "ip_address"
    entity_types: tuple[str, ...] = ("IP_ADDRESS",)
    scan_gate = AnyOf(Runs(4), Literals({":"}))  # a dotted quad is a run; IPv6 needs a colon
    shapes = frozenset({"number", "text"})
    max_score = 0.75  # before context (Scanner.detect)
    context = ("ip", "ip address", "address", "host", "server", "client", "src", "dst", "from", "remote")
    context_re = context_regex(context)
    context_boost = CONTEXT_BOOST

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        for start, end in ipv4_candidates(view):
            value = text[start:end]
            if _ip_ok(value) and _of_a_host(value) and not _version(text, start):
                yield Entity("IP_ADDRESS", start, end, 0.6, value, self.name, True)
        if ":" in text:
            for start, end in ipv6_candidates(view):
                value = text[start:end]
                if _ip_ok(value) and _of_a_host(value):
                    yield Entity("IP_ADDRESS", start, end, 0.75, value, self.name, True)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


def _of_a_host(value: str) -> bool:
    """Loopback, unspecified and broadcast addresses (``127.0.0.1``, ``0.0.0.0``, ``::1``) name no host
    a person uses: every machine has them."""
    ip = ipaddress.ip_address(value)
    return not (ip.is_loopback or ip.is_unspecified or value == "255.255.255.255")


def _version(text: str, start: int) -> bool:
    """A dotted quad that is a version: ``Chrome/102.0.0.0``, ``v1.2.3.4``."""
    before = text[max(0, start - 2) : start]
    return before[-1:] in ("v", "V") or (len(before) == 2 and before[1] == "/" and before[0].isalpha())


def _ip_ok(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
