"""What every command group shares: consoles, exit codes, error handling, building clients and vaults.

Output discipline: results go to standard output (so they can be piped); progress bars, warnings and
errors go to standard error. No command prints a plaintext value unless printing it is the command's
purpose (``detokenize``) or the user asked for it with a flag (``scan --show-text``), and nothing here
logs one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections.abc import Iterator
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup

from mask_core.client import MaskClient
from mask_core.errors import MaskError
from mask_core.keys.keyring import Keyring
from mask_core.settings import MaskSettings, get_settings
from mask_core.vault.base import Vault

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "CliState",
    "Command",
    "Group",
    "err",
    "fail",
    "keyring_from_settings",
    "make_client",
    "mask_errors",
    "out",
    "settings_for_cli",
    "state",
    "vault_for",
]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

#: Results (tables, JSON) on stdout; everything else on stderr.
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # error lines stay whole (grep, CI logs)


@dataclasses.dataclass
class CliState:
    """Objects a host program (or a test) hands to the CLI instead of building them from settings."""

    vault: Vault | None = None
    keyring: Keyring | None = None


# Click-style value names for help (``TEXT``, ``PATH``, ``[table|json]``): newer Typer releases print
# Python types there instead (``<bool>`` after a flag, ``<list[Path]>`` after an argument).
_LABELS = {"str": "TEXT", "Path": "PATH", "path": "PATH", "int": "INTEGER", "float": "FLOAT"}


def _plain_type(param: Any, ctx: Any) -> str | None:
    if getattr(param, "is_flag", False):
        return None  # a flag takes no value
    if param.metavar is not None:  # an argument shows it as its name already
        return None if getattr(param, "param_type_name", "") == "argument" else str(param.metavar)
    shown = str(param.display_type(ctx)).strip("<>")
    if shown.startswith("list[") and shown.endswith("]"):
        shown = shown[5:-1]
    shown = shown.removesuffix(" range")
    if "|" in shown:
        return f"[{shown}]"
    return _LABELS.get(shown, shown.upper())


def _plain_params(params: list[Any]) -> list[Any]:
    for param in params:
        if hasattr(param, "display_type_rich") and hasattr(param, "display_type"):
            param.display_type_rich = lambda ctx, _p=param: _plain_type(_p, ctx)
    return params


class Command(TyperCommand):
    """A Typer command whose help names values as Click does on every Typer version in range."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_params(super().get_params(ctx))


class Group(TyperGroup):
    """A Typer command group with :class:`Command`'s help (its own options: ``--version`` ...)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_params(super().get_params(ctx))


def state(ctx: typer.Context) -> CliState:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, CliState) else CliState()


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """One line on stderr (``error: ...``), then exit ``code``; the message is never read as markup."""
    from mask_core.cli import one_line

    err.print(f"[bold red]error:[/] {escape(one_line(message))}")
    raise typer.Exit(code)


@contextlib.contextmanager
def mask_errors() -> Iterator[None]:
    """Turn a MaskError (its message never holds a value) into a clear line and exit code 2."""
    try:
        yield
    except MaskError as exc:
        fail(f"{type(exc).__name__}: {exc}")
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/]")
        raise typer.Exit(EXIT_INTERRUPTED) from None


def settings_for_cli() -> MaskSettings:
    """Settings from the environment, with the audit trail kept off stdout (it would mix with results)."""
    settings = get_settings()
    if "stdout" in settings.audit.sinks:
        settings = settings.updated(audit_sinks=[s for s in settings.audit.sinks if s != "stdout"])
    logging.basicConfig(level=logging.WARNING, format="mask: %(levelname)s: %(message)s")
    return settings


def keyring_from_settings(ctx: typer.Context, settings: MaskSettings) -> Keyring:
    """The configured keyring, with no development fallback: maintenance needs the real keys."""
    given = state(ctx).keyring
    if given is not None:
        return given
    from mask_core.keys.providers import EnvKeyProvider, provider_from_settings

    provider = (
        EnvKeyProvider(settings) if settings.keys.provider == "env" else provider_from_settings(settings)
    )
    return provider.load()


def vault_for(ctx: typer.Context, settings: MaskSettings) -> Vault:
    given = state(ctx).vault
    if given is not None:
        return given
    from mask_core.vault import from_settings

    return from_settings(settings)


def make_client(ctx: typer.Context, tenant: str | None, *, warn_memory: bool = True) -> MaskClient:
    settings = settings_for_cli()
    st = state(ctx)
    vault = vault_for(ctx, settings)
    if warn_memory and st.vault is None and settings.vault.type == "memory":
        err.print(
            "[yellow]note:[/] MASK_VAULT_TYPE=memory: tokens from this run can only be decoded by this "
            "process. Set MASK_VAULT_TYPE (redis, dynamodb, ...) to share them."
        )
    return MaskClient(tenant=tenant, keyring=st.keyring, vault=vault, settings=settings)
