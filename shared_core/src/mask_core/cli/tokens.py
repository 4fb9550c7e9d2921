"""``mask tokenize`` and ``mask detokenize``: text or JSON through the configured client.

They use the settings a service would (``MASK_*``: key provider, vault, tenant), so an operator can
reproduce what an agent saw, or restore a value for a support case. ``detokenize`` prints real values:
that is its purpose, and it is the only command that does so without a flag.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from mask_core.cli._common import fail, make_client, mask_errors, out, settings_for_cli, state
from mask_core.entity_names import resolve_entity_names

__all__ = ["detokenize", "tokenize"]

_TENANT = typer.Option("--tenant", "-t", help="Tenant id (default MASK_TENANT).")


def _input(text: str | None) -> str:
    return sys.stdin.read() if text is None or text == "-" else text


def _json_in(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        fail("--json was given but the input is not valid JSON")


def tokenize(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="Text to tokenize; omit or '-' to read stdin.")] = None,
    tenant: Annotated[str | None, _TENANT] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Input is JSON: tokenize every string in it.")
    ] = False,
) -> None:
    """Replace every sensitive value with its token (what a model would see).

    Examples:

        mask tokenize "Call +1 (415) 555-2671"

        mask tokenize --json < tool_result.json

        MASK_VAULT_TYPE=redis mask tokenize -t acme - < ticket.txt
    """
    raw = _input(text)
    with mask_errors():
        client = make_client(ctx, tenant)
        if as_json:
            out.out(json.dumps(client.deep_encode(_json_in(raw)), ensure_ascii=False), highlight=False)
        else:
            out.out(client.tokenize_text(raw), highlight=False, end="")
            if not raw.endswith("\n"):
                out.out("", highlight=False)


def detokenize(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="Text with tokens; omit or '-' to read stdin.")] = None,
    tenant: Annotated[str | None, _TENANT] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Input is JSON: restore every string in it.")
    ] = False,
    allow: Annotated[
        list[str] | None,
        typer.Option(
            "--allow",
            help="Restore only these entity types (repeatable): email, ssn, ..., EMAIL_ADDRESS, a category.",
            metavar="TYPE",
        ),
    ] = None,
    lenient: Annotated[
        bool, typer.Option("--lenient", help="Leave unknown tokens instead of failing.")
    ] = False,
) -> None:
    """Restore the real values behind tokens (prints them: that is what you asked for).

    Tokens live in the vault of the process that made them: this command needs the shared vault they
    were made with (MASK_VAULT_TYPE=redis, dynamodb, ...) and the same keys. With the default
    in-process memory vault it stops with exit 2: that vault starts empty in every process.
    Fails (exit 2) when a token is unknown, expired or another tenant's, unless --lenient.

    Examples:

        export MASK_VAULT_TYPE=redis MASK_REDIS_URL=redis://localhost:6379/0 MASK_MASTER_KEY=base64:...

        mask tokenize -t acme "Call +1 (415) 555-2671" > safe.txt

        mask detokenize -t acme < safe.txt

        mask detokenize --json --allow email < model_call.json
    """
    raw = _input(text)
    with mask_errors():
        if state(ctx).vault is None and settings_for_cli().vault.type == "memory":
            fail(
                "MASK_VAULT_TYPE=memory: this command's vault starts empty, so it can restore no token "
                "made by another process; set MASK_VAULT_TYPE (and its address) to the shared vault "
                "the tokens were made with"
            )
        client = make_client(ctx, tenant, warn_memory=False)
        allowed = (
            resolve_entity_names(allow, extra=client.catalog, custom=False, where="--allow")
            if allow
            else None
        )
        if as_json:
            restored = client.deep_decode(_json_in(raw), allowed_types=allowed, lenient=lenient)
            out.out(json.dumps(restored, ensure_ascii=False), highlight=False)
        else:
            out.out(
                client.detokenize_text(raw, allowed_types=allowed, lenient=lenient), highlight=False, end=""
            )
            if not raw.endswith("\n"):
                out.out("", highlight=False)
