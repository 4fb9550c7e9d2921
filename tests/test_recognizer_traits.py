"""``RecognizerTraits`` lists every optional recognizer attribute the scanner and the gates read."""

from __future__ import annotations

import re
from pathlib import Path

import mask_core.scan.gates as gates
import mask_core.scan.scanner as scanner
from mask_core.scan import RecognizerTraits
from mask_core.types import Recognizer

_READ = re.compile(r"""getattr\((?:rec|r|type\(rec\)), "(\w+)"|\brec\.(\w+)|"(scan_gate)" in klass""")


def _names_read() -> set[str]:
    found: set[str] = set()
    for module in (scanner, gates):
        source = Path(module.__file__ or "").read_text()
        found.update(next(g for g in m.groups() if g) for m in _READ.finditer(source))
    return found


def test_the_traits_are_what_the_scanner_reads() -> None:
    traits = set(RecognizerTraits.__annotations__) | {
        name for name, value in vars(RecognizerTraits).items() if callable(value) and not name.startswith("_")
    }
    required = {"name", "entity_types", "find"}  # the Recognizer protocol's own
    # Attributes of the library's own recognizer classes, read after an isinstance check.
    own = {"anchors", "gate"}
    assert _names_read() - required - own == traits


def test_the_recognizer_protocol_points_to_its_traits() -> None:
    assert "RecognizerTraits" in (Recognizer.__doc__ or "")
