"""``mask vault``: maintenance of a shared vault (Redis, DynamoDB, ...): stats, rekey, purge.

All three need a vault that can list its keys (``supports_iteration``); Memcached cannot, and the
in-memory vault lives inside one process, so these commands are for shared backends (``MASK_VAULT_TYPE``).
Nothing here decrypts a value into the output: ``stats`` reads record headers, ``rekey`` re-seals in
memory and prints counts.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from mask_core.cli._common import (
    EXIT_INTERRUPTED,
    Command,
    Group,
    err,
    fail,
    keyring_from_settings,
    mask_errors,
    out,
    settings_for_cli,
    vault_for,
)
from mask_core.keys.rekey import RekeyReport, iter_vault_keys, rekey, vault_usage
from mask_core.tokens.engine import DEFAULT_NAMESPACE

__all__ = ["app"]

app = typer.Typer(
    cls=Group,
    help="Vault maintenance: stats, rekey after a key rotation, purge a tenant.",
    no_args_is_help=True,
)

_TENANT = typer.Option("--tenant", "-t", help="Only this tenant (default: all).")
_NS = typer.Option("--namespace", help="Vault key namespace.")


@app.command(cls=Command)
def stats(
    ctx: typer.Context,
    tenant: Annotated[str | None, _TENANT] = None,
    namespace: Annotated[str, _NS] = DEFAULT_NAMESPACE,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of tables.")] = False,
) -> None:
    """Count records by tenant, entity type and key id (which keys does the vault still need?).

    Example:

        MASK_VAULT_TYPE=redis mask vault stats --json
    """
    with mask_errors():
        usage = vault_usage(vault_for(ctx, settings_for_cli()), namespace=namespace, tenant=tenant)
    if as_json:
        doc = {
            "total": usage.total,
            "malformed": usage.malformed,
            "by_tenant": dict(usage.by_tenant),
            "by_type": dict(usage.by_type),
            "by_key_id": dict(usage.by_key_id),
        }
        out.out(json.dumps(doc, indent=2), highlight=False)
        return
    for title, counter in (
        ("tenant", usage.by_tenant),
        ("entity type", usage.by_type),
        ("key id", usage.by_key_id),
    ):
        table = Table(title, "records")
        for name, n in counter.most_common():
            table.add_row(name, str(n))
        out.print(table)
    out.print(
        f"{usage.total} record(s)" + (f", {usage.malformed} malformed" if usage.malformed else ""),
        markup=False,
    )


def _report(report: RekeyReport) -> None:
    table = Table("records", "count")
    for name in ("scanned", "resealed", "already_primary", "vanished", "unknown_key", "failed"):
        table.add_row(name.replace("_", " "), str(getattr(report, name)))
    out.print(table)


@app.command("rekey", cls=Command)
def rekey_command(
    ctx: typer.Context,
    tenant: Annotated[str | None, _TENANT] = None,
    namespace: Annotated[str, _NS] = DEFAULT_NAMESPACE,
) -> None:
    """Re-seal every record under the primary key (step 3 of a rotation). Safe to interrupt and re-run.

    Each record moves with an atomic compare-and-set, so an interrupted run loses nothing: run it again
    and it continues. Exit 1 if records remain that the keyring cannot open (do not retire keys then).

    Example:

        mask keys promote k2 --file keyring && mask vault rekey && mask keys retire k1 --file keyring
    """
    settings = settings_for_cli()
    with mask_errors():
        ring = keyring_from_settings(ctx, settings)
        vault = vault_for(ctx, settings)
        total = sum(1 for _ in iter_vault_keys(vault, namespace=namespace, tenant=tenant))
        columns = (
            TextColumn(f"re-sealing under {ring.primary_id!r}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        )
        done = 0
        try:
            with Progress(*columns, console=err, transient=err.is_terminal) as bar:
                task = bar.add_task("rekey", total=total)

                def progress(n: int) -> None:
                    nonlocal done
                    done = n
                    bar.update(task, completed=n)

                report = rekey(vault, ring, namespace=namespace, tenant=tenant, progress=progress)
        except KeyboardInterrupt:
            err.print(
                f"[yellow]interrupted after {done} of {total} record(s).[/] Nothing was lost: "
                "every record is "
                "under its old key or the new one. Run `mask vault rekey` again to continue."
            )
            raise typer.Exit(EXIT_INTERRUPTED) from None
    _report(report)
    if not report.complete:
        err.print("[red]some records could not be re-sealed; keep every key in the keyring[/]")
        raise typer.Exit(1)
    err.print(f"done: every record is under {ring.primary_id!r}; older keys can be retired", markup=False)


@app.command(cls=Command)
def purge(
    ctx: typer.Context,
    tenant: Annotated[str, typer.Option("--tenant", "-t", help="The tenant whose entries are deleted.")],
    namespace: Annotated[str, _NS] = DEFAULT_NAMESPACE,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete every vault entry of one tenant: its tokens can never be decoded again (erasure).

    Example:

        mask vault purge --tenant acme --yes
    """
    if not tenant:
        fail("give a tenant id")
    with mask_errors():
        vault = vault_for(ctx, settings_for_cli())
        keys = list(iter_vault_keys(vault, namespace=namespace, tenant=tenant))
        if not keys:
            err.print(f"tenant {tenant!r} has no entries", markup=False)
            return
        if not yes:
            typer.confirm(
                f"Delete {len(keys)} entries of tenant {tenant!r}? This cannot be undone", abort=True
            )
        deleted = sum(1 for k in keys if vault.delete(k))
    out.print(f"deleted {deleted} entr{'y' if deleted == 1 else 'ies'} of tenant {tenant!r}", markup=False)
