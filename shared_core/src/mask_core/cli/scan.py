"""``mask scan``: find sensitive values in files, folders or standard input.

Prints entity types, positions (line, column, character offsets), scores and recognizers. The matched
text is shown only with ``--show-text``: a scan report is often pasted into tickets and CI logs.
"""

from __future__ import annotations

import bisect
import enum
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from mask_core.cli._common import EXIT_FINDINGS, err, fail, mask_errors, out, settings_for_cli
from mask_core.client import MaskClient
from mask_core.entity_names import resolve_entity_names
from mask_core.keys.material import generate_key
from mask_core.vault.memory import MemoryVault

__all__ = ["Format", "scan"]

_PROGRESS_FROM = 20  # files: below this a bar is noise
_SNIFF = 8192


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def _files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and not any(p.startswith(".") for p in rel):
                    yield child
        elif path.is_file():
            yield path
        else:
            fail(f"no such file or folder: {path}")


def _read(path: Path) -> str | None:
    """The file's text, or None for a binary file."""
    data = path.read_bytes()
    if b"\x00" in data[:_SNIFF]:
        return None
    return data.decode("utf-8", errors="replace")


def _findings(client: MaskClient, source: str, text: str, show_text: bool) -> list[dict[str, Any]]:
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    rows = []
    for e in client.scan(text):
        line = bisect.bisect_left(newlines, e.start)
        col = e.start - (newlines[line - 1] + 1 if line else 0)
        row: dict[str, Any] = {
            "source": source,
            "entity_type": e.entity_type,
            "line": line + 1,
            "column": col + 1,
            "start": e.start,
            "end": e.end,
            "score": round(e.score, 3),
            "recognizer": e.recognizer,
        }
        if show_text:
            row["text"] = e.text
        rows.append(row)
    return rows


def _scan_client(threshold: float | None) -> MaskClient:
    """A throwaway client: scanning needs no key and no vault, and writes no audit line to stdout."""
    settings = settings_for_cli()
    update: dict[str, Any] = {"audit_sinks": []}
    if threshold is not None:
        update["score_threshold"] = threshold
    settings = settings.updated(**update)
    return MaskClient(
        tenant="scan", master_key=generate_key(), vault=MemoryVault(max_entries=1), settings=settings
    )


def scan(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders; none or '-' reads stdin.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    show_text: Annotated[
        bool, typer.Option("--show-text", help="Also print the matched text (it is sensitive).")
    ] = False,
    entities: Annotated[
        list[str] | None,
        typer.Option(
            "--entity",
            "-e",
            help="Only these entity types (repeatable): email, ssn, ..., US_SSN, a category such as HEALTH.",
            metavar="TYPE",
        ),
    ] = None,
    threshold: Annotated[
        float | None, typer.Option(min=0.0, max=1.0, help="Minimum score (default MASK_SCORE_THRESHOLD).")
    ] = None,
    fail_on_findings: Annotated[
        bool, typer.Option("--fail-on-findings", help="Exit 1 when anything is found.")
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar (default: 20+ files on a terminal)."),
    ] = None,
) -> None:
    """Find sensitive values in files, folders or stdin: types, positions and scores, never the text.

    Examples:

        mask scan notes.txt

        mask scan logs/ --format jsonl > findings.jsonl

        cat export.csv | mask scan - --fail-on-findings   # exit 1 if anything is found (CI)
    """
    with mask_errors():
        client = _scan_client(threshold)
        wanted = resolve_entity_names(entities, extra=client.catalog, where="--entity") if entities else None
        rows: list[dict[str, Any]] = []
        skipped = 0
        sources = [p for p in paths or [] if str(p) != "-"]
        if not sources:
            rows = _findings(client, "<stdin>", sys.stdin.read(), show_text)
            scanned = 1
        else:
            files = list(_files(sources))
            scanned = len(files)
            show = progress if progress is not None else (err.is_terminal and scanned >= _PROGRESS_FROM)
            columns = (TextColumn("scanning"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            with Progress(*columns, console=err, disable=not show, transient=err.is_terminal) as bar:
                task = bar.add_task("scan", total=scanned)
                for path in files:
                    text = _read(path)
                    if text is None:
                        skipped += 1
                    else:
                        rows += _findings(client, str(path), text, show_text)
                    bar.advance(task)
        if wanted is not None:
            rows = [r for r in rows if r["entity_type"] in wanted]
    _print(rows, fmt, show_text, scanned, skipped)
    if fail_on_findings and rows:
        raise typer.Exit(EXIT_FINDINGS)


def _print(rows: list[dict[str, Any]], fmt: Format, show_text: bool, scanned: int, skipped: int) -> None:
    if fmt is Format.jsonl:
        for row in rows:
            out.out(json.dumps(row, ensure_ascii=False), highlight=False)
    elif fmt is Format.json:
        doc = {"files_scanned": scanned, "files_skipped": skipped, "findings": rows}
        out.out(json.dumps(doc, ensure_ascii=False, indent=2), highlight=False)
    else:
        table = Table("source", "line:col", "type", "score", "recognizer", title=None, show_lines=False)
        if show_text:
            table.add_column("text")
        for r in rows:
            cells = [
                r["source"],
                f"{r['line']}:{r['column']}",
                r["entity_type"],
                f"{r['score']:.2f}",
                r["recognizer"],
            ]
            table.add_row(*(Text(str(c)) for c in (*cells, *([r["text"]] if show_text else []))))
        if rows:
            out.print(table)
        err.print(
            f"{len(rows)} finding(s) in {scanned} source(s)"
            + (f", {skipped} binary file(s) skipped" if skipped else "")
        )
