"""Scoring the STRUCTURED RECORDS corpus (``records.py``) through ``deep_encode``/``deep_decode``.

Per shape and in total, for a client the caller builds:

* sensitive leaves **in clear**: the output leaf equals the input leaf (same value and type); and
  **partially exposed**: changed, but the output still holds a digit run (>= 3 digits) or a word
  (>= 3 letters, not in ``STOP_WORDS``) that is a digit run or word of the input. In free text, each
  labelled piece of personal data counts on its own: in clear when it is still there verbatim,
  partially exposed when one of its digit runs or words is. A personal-data dict key still present
  unchanged is in clear.
* non-sensitive leaves **changed**: the output leaf differs in value or Python type.
* **round trip**: ``deep_decode(deep_encode(r))`` equals ``r`` with the same type at every leaf.
* **never-masked decode**: records that never went through Mask (``never_masked.py``), decoded by the
  same client after it encoded the corpus (its vault holds live tokens): records changed, refused.
* **as JSON text**: each record written with ``json.dumps`` (what an MCP tool's text content or a
  tool returning ``json.dumps(...)`` hands on) through ``tokenize_text``/``detokenize_text``:
  sensitive values (as JSON writes them; a note's pieces) still in the output, exact round trips,
  and outputs that are still JSON. No target: the issue's targets are for structures.

Only the public API is called: ``deep_encode``, ``deep_decode`` and (to name the type behind a changed
leaf in ``--misses``) ``scan``.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator
from typing import Any

from never_masked import never_masked
from record_tree import Label, Path, Record
from records import records
from scoring import mark

__all__ = ["STOP_WORDS", "evaluate", "exposed_fragments", "report", "show_misses", "strict_equal"]

# Words an address or a sentence shares with its token-bearing output without exposing anyone:
# street and unit words in the corpus's languages, short function words, and the mail domains and
# top-level domains Faker's addresses and Mask's e-mail tokens both use. (Digit runs are compared
# whole, but a 3-digit run, an IP octet say, can still match a token's by chance.)
_STOP_TEXT = (
    "road street st avenue ave apt apartment suite unit flat box lane drive court place square way "
    "village plaza park parkway boulevard blvd rue allée chemin impasse straße strasse weg platz gasse "
    "calle avenida paseo via viale piazza corso strada rua travessa gatan vägen vei veien laan straat "
    "plein puerta piso appartamento andar edif depto studio north south east west the and for with from "
    "your you this that has was are not please call order card thanks date birth psc apo fpo dpo usns "
    "uss example com org net gmail yahoo hotmail outlook"
)
STOP_WORDS = frozenset(_STOP_TEXT.split())
_FRAGMENT = re.compile(r"\d{3,}|[^\W\d_]{3,}")


def strict_equal(a: Any, b: Any) -> bool:
    """Equal with the same type at every leaf and key (``1 == 1.0 == True`` in Python; not here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        if {(type(k), k) for k in a} != {(type(k), k) for k in b}:
            return False
        return all(strict_equal(v, b[k]) for k, v in a.items())
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(strict_equal(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def exposed_fragments(original: str, output: str) -> list[str]:
    """Digit runs and words of ``original`` (outside the stop list) that are digit runs or words of
    ``output`` too. Whole runs are compared, so a token sharing three digits by chance is not one."""
    out_parts = {m.group().casefold() for m in _FRAGMENT.finditer(output)}
    return [
        m.group()
        for m in _FRAGMENT.finditer(original)
        if m.group().casefold() in out_parts and m.group().casefold() not in STOP_WORDS
    ]


def _pairs(a: Any, b: Any, path: Path = ()) -> Iterator[tuple[str, Path, Any, Any]]:
    """Walk input and output together: ("leaf", path, in, out), ("key", path, in key, out key), or
    ("structure", path, ...) where the output's shape differs from the input's."""
    if isinstance(a, dict):
        if not isinstance(b, dict) or len(a) != len(b):
            yield "structure", path, a, b
            return
        for (ka, va), (kb, vb) in zip(a.items(), b.items(), strict=True):
            yield "key", (*path, ka), ka, kb
            yield from _pairs(va, vb, (*path, ka))
    elif isinstance(a, list):
        if not isinstance(b, list) or len(a) != len(b):
            yield "structure", path, a, b
            return
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _pairs(x, y, (*path, i))
    else:
        yield "leaf", path, a, b


def _pattern(path: Path, pii_keys: Collection[Path]) -> str:
    """``path`` with list indices as ``[]`` and personal-data keys as ``<key>`` (never a value)."""
    return ".".join(
        "[]" if isinstance(p, int) else "<key>" if path[: i + 1] in pii_keys else str(p)
        for i, p in enumerate(path)
    )


class ShapeScore:
    def __init__(self) -> None:
        self.records = self.refused = self.round_trip_ok = self.decode_refused = self.structure = 0
        self.sensitive = self.in_clear = self.partial = 0
        self.keys = self.keys_in_clear = 0
        self.plain = self.changed = 0
        self.clear_kinds: Counter[str] = Counter()
        self.total_kinds: Counter[str] = Counter()
        self.clear_paths: Counter[tuple[str, str]] = Counter()  # (path pattern, kind)
        self.changed_paths: Counter[tuple[str, str]] = Counter()
        self.changed_examples: dict[tuple[str, str], Any] = {}

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if isinstance(v, int)}


def _sensitive_leaf(s: ShapeScore, pattern: str, label: Label, a: Any, b: Any) -> None:
    if label.pii:  # free text: each piece of personal data on its own
        out = b if isinstance(b, str) else str(b)
        for piece in label.pii:
            s.sensitive += 1
            s.total_kinds["NOTE"] += 1
            if piece in out:
                s.in_clear += 1
                s.clear_kinds["NOTE"] += 1
                s.clear_paths[(pattern, "NOTE")] += 1
            elif exposed_fragments(piece, out):
                s.partial += 1
        return
    s.sensitive += 1
    s.total_kinds[label.kind] += 1
    if strict_equal(a, b):
        s.in_clear += 1
        s.clear_kinds[label.kind] += 1
        s.clear_paths[(pattern, label.kind)] += 1
    elif exposed_fragments(str(a), str(b)):
        s.partial += 1


def _score_record(s: ShapeScore, rec: Record, out: Any) -> None:
    for kind, path, a, b in _pairs(rec.value, out):
        if kind == "structure":
            s.structure += 1
        elif kind == "key":
            label = rec.key_labels.get(path)
            if label is not None:
                s.keys += 1
                s.total_kinds[f"key {label.kind}"] += 1
                if a == b:
                    s.keys_in_clear += 1
                    s.clear_kinds[f"key {label.kind}"] += 1
                    s.clear_paths[(_pattern(path, rec.key_labels), label.kind)] += 1
        else:
            label = rec.labels[path]
            pattern = _pattern(path, rec.key_labels)
            if label.sensitive:
                _sensitive_leaf(s, pattern, label, a, b)
            else:
                s.plain += 1
                if not strict_equal(a, b):
                    s.changed += 1
                    s.changed_paths[(pattern, label.kind)] += 1
                    s.changed_examples.setdefault((pattern, label.kind), a)


def evaluate(client: Any, n: int = 840, seed: int = 5) -> dict[str, Any]:
    from mask_core import MaskError

    shapes: dict[str, ShapeScore] = defaultdict(ShapeScore)
    corpus = records(n, seed)
    for rec in corpus:
        s = shapes[rec.shape]
        s.records += 1
        try:
            out = client.deep_encode(rec.value)
        except MaskError:
            s.refused += 1
            continue
        _score_record(s, rec, out)
        try:
            s.round_trip_ok += strict_equal(client.deep_decode(out), rec.value)
        except MaskError:
            s.decode_refused += 1
    as_text = _as_text(client, corpus)
    plain = never_masked()
    changed: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    counts = Counter(p.shape for p in plain)
    for p in plain:
        try:
            changed[p.shape] += not strict_equal(client.deep_decode(p.value), p.value)
        except MaskError:
            refused[p.shape] += 1
    return {
        "as_text": as_text,
        "records": len(corpus),
        "locales": len({r.locale for r in corpus}),
        "shapes": dict(shapes),
        "never_masked": {
            "records": len(plain),
            "per_shape": dict(counts),
            "changed": dict(changed),
            "refused": dict(refused),
        },
    }


def _as_text(client: Any, corpus: list[Record]) -> dict[str, int]:
    """The corpus written as JSON text, through the text API (see the module doc)."""
    out = {"pieces": 0, "in_clear": 0, "round_trip_ok": 0, "still_json": 0, "records": len(corpus)}
    for rec in corpus:
        text = json.dumps(rec.value, ensure_ascii=False)
        safe = client.tokenize_text(text)
        out["round_trip_ok"] += client.detokenize_text(safe) == text
        try:
            json.loads(safe)
            out["still_json"] += 1
        except ValueError:
            pass
        for path, label in rec.labels.items():
            if not label.sensitive:
                continue
            written = json.dumps(_get(rec.value, path), ensure_ascii=False)
            for piece in label.pii or (written[1:-1] if written.startswith('"') else written,):
                out["pieces"] += 1
                out["in_clear"] += piece in safe
        for path, label in rec.key_labels.items():
            if label.sensitive:
                out["pieces"] += 1
                out["in_clear"] += json.dumps(path[-1], ensure_ascii=False)[1:-1] in safe
    return out


def _get(value: Any, path: Path) -> Any:
    for p in path:
        value = value[p]
    return value


def _total(shapes: dict[str, ShapeScore]) -> ShapeScore:
    t = ShapeScore()
    for s in shapes.values():
        for k, v in s.as_dict().items():
            setattr(t, k, getattr(t, k) + v)
        t.clear_kinds.update(s.clear_kinds)
        t.total_kinds.update(s.total_kinds)
    return t


def targets(result: dict[str, Any]) -> list[tuple[str, bool]]:
    t = _total(result["shapes"])
    nm = result["never_masked"]
    changed, refused = sum(nm["changed"].values()), sum(nm["refused"].values())
    rate = t.changed / t.plain if t.plain else 0.0
    return [
        (
            f"0 sensitive leaves and keys in clear ({t.in_clear + t.keys_in_clear})",
            t.in_clear + t.keys_in_clear == 0,
        ),
        (f"<= 1% of non-sensitive leaves changed ({100 * rate:.2f}%)", rate <= 0.01),
        (
            f"every record round-trips exactly ({t.round_trip_ok} of {t.records};"
            f" decode refused {t.decode_refused}, encode refused {t.refused})",
            t.round_trip_ok == t.records,
        ),
        (f"never-masked decode changes nothing ({changed} of {nm['records']} records)", changed == 0),
        (f"never-masked decode refuses nothing ({refused} of {nm['records']} records)", refused == 0),
    ]


def report(result: dict[str, Any]) -> None:
    shapes: dict[str, ShapeScore] = result["shapes"]
    print(f"  {result['records']} records, {len(shapes)} shapes, {result['locales']} Faker locales")
    print(
        f"    {'shape':24} {'recs':>4} | {'sensitive':>9} {'in clear':>8} {'partial':>7}"
        f" | {'keys':>4} {'clear':>5}"
        f" | {'plain':>5} {'changed':>7} | {'round trip':>10} {'decode refused':>14} | {'encode refused':>14}"
    )
    rows = sorted(shapes.items())
    for name, s in [*rows, ("TOTAL", _total(shapes))]:
        print(
            f"    {name:24} {s.records:4d} | {s.sensitive:9d} {s.in_clear:8d} {s.partial:7d} | {s.keys:4d}"
            f" {s.keys_in_clear:5d} | {s.plain:5d} {s.changed:7d} | {s.round_trip_ok:4d} of {s.records:3d}"
            f" {s.decode_refused:14d} | {s.refused:14d}"
        )
    t = _total(shapes)
    kinds = ", ".join(f"{k} {t.clear_kinds[k]}/{n}" for k, n in sorted(t.total_kinds.items()))
    print(f"    in clear by kind (in clear/total): {kinds}")
    nm = result["never_masked"]
    print(
        f"    never-masked decode: {nm['records']} records {nm['per_shape']};"
        f" changed {sum(nm['changed'].values())}"
        f" {nm['changed'] or ''}; refused {sum(nm['refused'].values())} {nm['refused'] or ''}"
    )
    t = result["as_text"]
    print(
        f"    as JSON text (tokenize_text): {t['in_clear']} of {t['pieces']} sensitive values in clear;"
        f" {t['round_trip_ok']} of {t['records']} round trips; {t['still_json']} still JSON"
    )
    print("\n  targets:")
    for desc, ok in targets(result):
        print(f"    {desc}: {mark(ok)}")


def show_misses(result: dict[str, Any], client: Any, limit: int = 12) -> None:
    """Per shape: paths of sensitive leaves left in clear, and of non-sensitive leaves changed with the
    types ``scan`` finds in them. Paths and types only, never the values (fake, but keep the habit)."""
    for name, s in sorted(result["shapes"].items()):
        if not s.clear_paths and not s.changed_paths:
            continue
        print(f"\n  {name}")
        for (path, kind), n in s.clear_paths.most_common(limit):
            print(f"    in clear  {n:4d}  {path}  ({kind})")
        for (path, kind), n in s.changed_paths.most_common(limit):
            value = s.changed_examples[(path, kind)]
            found = sorted({e.entity_type for e in client.scan(str(value))}) if value is not None else []
            print(f"    changed   {n:4d}  {path}  ({kind}; scan finds {', '.join(found) or 'nothing'})")
