"""URLs and MAC addresses.

* URL: ``scheme://...`` anchored on ``://`` (the scheme is read backwards from it) and ``www.``
  hosts; the end is the first character no URL holds unescaped, with closing punctuation that ends
  a sentence given back (``see https://example.com/a.``). A URL that carries a password is a
  connection string (``secrets.py``), which wins the overlap because it is validated.
* MAC: six hex pairs joined by ``:`` (from the view's colon runs, shared with IPv6) or ``-``;
  ``stdnum.mac`` validates. ``00:00:00:00:00:00`` and broadcast ``ff:ff:...`` identify no device and
  are not findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import mac

from mask_core.scan.anchors import ipv6_candidates
from mask_core.scan.gates import Literals
from mask_core.scan.recognizer import context_regex
from mask_core.scan.view import ScanView
from mask_core.types import Entity

__all__ = ["MacRecognizer", "UrlRecognizer"]

_SCHEME_TAIL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,30}$")
_URL_BODY = re.compile(r"[^\s<>\"'`{}|\\^\[\]]{1,2048}")
_WWW_RE = re.compile(
    r"www\.[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,63}(?:[/?#:][^\s<>\"'`{}|\\^\[\]]{0,2048})?"
)
_CLOSE = ".,;:!?)]}>'\"*"


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _CLOSE:
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


class UrlRecognizer:
    name = "url"
    shapes = frozenset({"text"})
    entity_types: tuple[str, ...] = ("URL",)
    scan_gate = Literals({"://", "www."})
    context = ("url", "link", "website", "site", "web", "href", "enlace")
    context_re = context_regex(context)
    context_boost = 0.2

    def __init__(self, score: float = 0.6) -> None:
        self.score = score

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        last = -1
        if view.has("://"):
            pos = text.find("://")
            while pos != -1:
                scheme = _SCHEME_TAIL.search(text, max(0, pos - 31), pos)
                body = _URL_BODY.match(text, pos + 3)
                if scheme is not None and body is not None and scheme.start() >= last:
                    start = scheme.start()
                    end = _trim(text, start, body.end())
                    if end > pos + 4 and view.boundary_before(start):
                        yield Entity("URL", start, end, self.score, text[start:end], self.name, False)
                        last = end
                pos = text.find("://", max(pos + 3, last))
        if view.has("www."):
            for m in _WWW_RE.finditer(text):
                start = m.start()
                if start >= last and view.boundary_before(start, "/.:"):
                    end = _trim(text, start, m.end())
                    yield Entity("URL", start, end, self.score, text[start:end], self.name, False)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


_MAC_DASH = re.compile(r"-[0-9A-Fa-f]{2}-[0-9A-Fa-f]{2}-")
_MAC_FULL = re.compile(r"[0-9A-Fa-f]{2}(?P<sep>[:-])[0-9A-Fa-f]{2}(?:(?P=sep)[0-9A-Fa-f]{2}){4}")
_NOT_DEVICES = frozenset({"000000000000", "ffffffffffff"})


def _mac_ok(value: str) -> bool:
    compact = value.replace(":", "").replace("-", "").lower()
    return compact not in _NOT_DEVICES and mac.is_valid(value)


class MacRecognizer:
    name = "mac_address"
    shapes = frozenset({"text"})
    entity_types: tuple[str, ...] = ("MAC_ADDRESS",)
    scan_gate = Literals({":", "-"})
    context = ("mac", "mac address", "hardware address", "ethernet", "wifi", "bssid", "device")
    context_re = context_regex(context)
    context_boost = 0.2

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        if view.has(":"):
            for start, end in ipv6_candidates(view):
                if end - start == 17 and _MAC_FULL.fullmatch(text, start, end) and _mac_ok(text[start:end]):
                    yield Entity("MAC_ADDRESS", start, end, 0.8, text[start:end], self.name, True)
        if view.has("-"):
            seen = -1
            for m in _MAC_DASH.finditer(text):
                start = m.start() - 2
                if start < seen or start < 0:
                    continue
                full = _MAC_FULL.match(text, start)
                if full is None or not view.boundary_before(start) or not view.boundary_after(full.end()):
                    continue
                seen = full.end()
                if _mac_ok(full.group()):
                    yield Entity("MAC_ADDRESS", start, full.end(), 0.8, full.group(), self.name, True)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
