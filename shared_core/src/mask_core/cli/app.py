"""The ``mask`` application: every command group assembled, with ``--help`` and shell completion."""

from __future__ import annotations

from typing import Annotated

import typer

from mask_core.cli import audit, keys, models, vault
from mask_core.cli._common import Command, Group, out
from mask_core.cli.bench import bench
from mask_core.cli.demo import demo
from mask_core.cli.scan import scan
from mask_core.cli.serve import serve
from mask_core.cli.tokens import detokenize, tokenize

__all__ = ["app"]

app = typer.Typer(
    cls=Group,
    name="mask",
    help=(
        "Mask: privacy middleware for LLM agents. Find, tokenize and restore sensitive values; manage "
        "keys, the vault and the audit trail.\n\n"
        "Exit codes: 0 ok, 1 findings (--fail-on-findings) or failed verification, 2 usage or "
        "configuration error, 130 interrupted. Configuration comes from MASK_* variables."
    ),
    epilog="Examples: mask demo | mask scan notes.txt | mask keys generate | mask scan --help",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_show_locals=False,  # a traceback's locals could hold a value or a key
)


def _version(value: bool) -> None:
    if value:
        from mask_core import __version__

        out.out(f"mask {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Mask command line."""


app.command(cls=Command)(scan)
app.command(cls=Command)(tokenize)
app.command(cls=Command)(detokenize)
app.command(cls=Command)(demo)
app.command(cls=Command)(bench)
app.command(cls=Command)(serve)
app.add_typer(keys.app, name="keys")
app.add_typer(vault.app, name="vault")
app.add_typer(models.app, name="models")
app.add_typer(audit.app, name="audit")
