"""``mask audit verify``: check a tamper-evident audit trail (``MASK_AUDIT_CHAIN=true``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from mask_core.audit.chain import verify_chain
from mask_core.cli._common import (
    EXIT_FINDINGS,
    Command,
    Group,
    err,
    fail,
    keyring_from_settings,
    mask_errors,
    out,
    settings_for_cli,
)

__all__ = ["app"]

app = typer.Typer(cls=Group, help="The audit trail: verify a chained log.", no_args_is_help=True)


@app.command(cls=Command)
def verify(
    ctx: typer.Context,
    files: Annotated[
        list[Path], typer.Argument(help="Audit files, oldest first (mask.log.2 mask.log.1 mask.log).")
    ],
) -> None:
    """Verify the HMAC chain of audit files with the configured keyring. Exit 1 if anything was altered.

    Example:

        mask audit verify /var/log/mask/audit.log.1 /var/log/mask/audit.log
    """
    with mask_errors():
        ring = keyring_from_settings(ctx, settings_for_cli())

    def lines() -> Iterator[str]:
        for path in files:
            if not path.is_file():
                fail(f"no such file: {path}")
            with path.open(encoding="utf-8", errors="replace") as fh:
                yield from fh

    verdict = verify_chain(lines(), ring)
    if verdict.ok:
        out.print(f"ok: {verdict.lines} line(s) in {verdict.chains} chain(s), none altered", markup=False)
        return
    err.print(
        f"[bold red]tampered:[/] line {verdict.line} (counting across files): {escape(str(verdict.error))}"
    )
    raise typer.Exit(EXIT_FINDINGS)
