"""Loading a policy file: YAML with line numbers, validation errors that point at the line.

A bad policy must fail when it is loaded, with a message a person can act on::

    invalid firewall policy policy.yaml:
      policy.yaml:14:19: firewall.stages[0].config.action: Input should be 'tokenize', 'mask', ...

PyYAML's composer keeps a start mark (line, column) on every node; we walk the node tree once and
record the mark of each path (``("firewall", "stages", 0, "config", "action")``), then map each
pydantic error location back to the deepest recorded path. Values never appear in the messages
(pydantic's ``msg`` does not include the input; we never print ``input``).

PyYAML is the ``mask-core[policy]`` extra and is imported only here, when a YAML policy is loaded.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mask_core.errors import MissingDependencyError, PolicyError
from mask_core.policy.model import PolicyDocument

__all__ = [
    "MAX_POLICY_BYTES",
    "PolicyIssue",
    "document_from_data",
    "dump_document",
    "parse_document",
    "read_policy_file",
]

#: A policy file larger than this is refused (a policy is a page of YAML, not a data set).
MAX_POLICY_BYTES = 1 << 20

Path_ = tuple[str | int, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class PolicyIssue:
    """One problem in a policy file: where it is and what is wrong (never the offending value)."""

    source: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}:{self.column}: {self.field or '(document)'}: {self.message}"


def _yaml() -> Any:
    try:
        import yaml
    except ImportError:  # pragma: no cover - exercised in a venv without the extra
        raise MissingDependencyError("YAML firewall policies", "pyyaml", "policy") from None
    return yaml


def _field(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _error(source: str, issues: list[PolicyIssue]) -> PolicyError:
    lines = "\n".join(f"  {i}" for i in issues)
    return PolicyError(f"invalid firewall policy {source}:\n{lines}", tuple(issues))


def _marks(yaml: Any, node: Any, source: str) -> tuple[dict[Path_, tuple[int, int]], list[PolicyIssue]]:
    """Line and column (1-based) of every path in the document, plus duplicate-key issues."""
    marks: dict[Path_, tuple[int, int]] = {}
    issues: list[PolicyIssue] = []
    stack: list[tuple[Path_, Any]] = [((), node)]
    while stack:
        path, n = stack.pop()
        marks.setdefault(path, (n.start_mark.line + 1, n.start_mark.column + 1))
        if isinstance(n, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in n.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                child = (*path, key)
                where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in seen:
                    # PyYAML silently keeps the last of two equal keys; a policy must not.
                    issues.append(PolicyIssue(source, *where, _field(child), "duplicate key"))
                seen.add(key)
                marks[child] = where
                stack.append((child, value_node))
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                stack.append(((*path, i), item))
    return marks, issues


def _locate(marks: Mapping[Path_, tuple[int, int]], loc: tuple[str | int, ...]) -> tuple[Path_, int, int]:
    parts = tuple(p for p in loc if p != "[key]")
    for cut in range(len(parts), -1, -1):
        prefix = parts[:cut]
        if prefix in marks:
            return prefix, *marks[prefix]
    return (), 1, 1


def _issues_from(
    source: str, exc: ValidationError, marks: Mapping[Path_, tuple[int, int]]
) -> list[PolicyIssue]:
    out: dict[tuple[int, int, str], list[str]] = {}
    errors = exc.errors(include_input=False, include_url=False)
    locs = [tuple(e["loc"]) for e in errors]
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "too_short" and any(o[: len(loc)] == loc and len(o) > len(loc) for o in locs):
            continue  # "at least 1 item" only because an item inside failed: noise, not a second problem
        path, line, column = _locate(marks, loc)
        rest = loc[len(path) :]
        # A missing field is reported at its parent, but named in full.
        shown = (*path, rest[0]) if err["type"] == "missing" and rest else path
        msg = str(err["msg"])
        bucket = out.setdefault((line, column, _field(shown)), [])
        if msg not in bucket:
            bucket.append(msg)
    return [PolicyIssue(source, ln, col, fld, "; or ".join(msgs)) for (ln, col, fld), msgs in out.items()]


def parse_document(text: str, *, source: str = "<policy>") -> PolicyDocument:
    """Validate a YAML (or JSON) policy text; raise :class:`PolicyError` with file, line and field."""
    yaml = _yaml()
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "syntax error"
        raise _error(source, [PolicyIssue(source, line, col, "", f"invalid YAML: {problem}")]) from None
    except yaml.YAMLError:
        raise _error(source, [PolicyIssue(source, 1, 1, "", "invalid YAML")]) from None
    if node is None or not isinstance(data, dict):
        raise _error(source, [PolicyIssue(source, 1, 1, "", "a policy is a mapping with a 'firewall' key")])
    marks, issues = _marks(yaml, node, source)
    if issues:
        raise _error(source, issues)
    try:
        return PolicyDocument.model_validate(data)
    except ValidationError as exc:
        raise _error(source, _issues_from(source, exc, marks)) from None


def document_from_data(data: object, *, source: str = "<policy>") -> PolicyDocument:
    """Validate an already parsed policy (a dict); issues point at fields (line numbers unknown: 0)."""
    try:
        return PolicyDocument.model_validate(data)
    except ValidationError as exc:
        raise _error(source, _issues_from(source, exc, {})) from None


def read_policy_file(path: str | Path) -> tuple[str, bytes]:
    """The text of a policy file (UTF-8, at most :data:`MAX_POLICY_BYTES`) and its raw bytes."""
    p = Path(path)
    source = str(p)
    try:
        with p.open("rb") as f:
            raw = f.read(MAX_POLICY_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise _error(source, [PolicyIssue(source, 0, 0, "", f"cannot read the file ({reason})")]) from None
    if len(raw) > MAX_POLICY_BYTES:
        raise _error(source, [PolicyIssue(source, 0, 0, "", f"larger than {MAX_POLICY_BYTES} bytes")])
    try:
        return raw.decode("utf-8"), raw
    except UnicodeDecodeError:
        raise _error(source, [PolicyIssue(source, 0, 0, "", "not UTF-8 text")]) from None


def dump_document(doc: PolicyDocument) -> str:
    """A readable YAML (JSON if PyYAML is missing) rendering of a validated policy."""
    data = json.loads(doc.model_dump_json(by_alias=True, exclude_defaults=False))
    try:
        yaml = _yaml()
    except MissingDependencyError:
        return json.dumps(data, indent=2)
    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
