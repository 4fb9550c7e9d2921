"""``mask keys``: generate keys, inspect the configured keyring, and rotate a keyring file.

Rotation with a keyring file (``MASK_KEY_PROVIDER=file``)::

    mask keys add --file keyring --id k2      # 1. deploy: every process can open k2's records
    mask keys promote k2 --file keyring       # 2. deploy: k2 seals new records and derives new tokens
    mask vault rekey                          # 3. re-seal old records under k2
    mask keys retire k1 --file keyring        # 4. refused while the vault still holds k1 records

Key material is printed only by ``generate`` (that is its purpose); every other command shows ids.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from mask_core.cli._common import (
    Command,
    Group,
    err,
    fail,
    keyring_from_settings,
    mask_errors,
    out,
    settings_for_cli,
)
from mask_core.keys.keyring import Keyring
from mask_core.keys.material import format_key, generate_key, validate_key_id

__all__ = ["app"]

app = typer.Typer(
    cls=Group, help="Generate keys, inspect the keyring, rotate a keyring file.", no_args_is_help=True
)

_FILE = typer.Option("--file", "-f", help="Keyring file (default MASK_KEY_FILE).")


@app.command(cls=Command)
def generate(
    key_id: Annotated[str | None, typer.Option("--id", help="Print an 'id:key' keyring entry.")] = None,
    hex_: Annotated[bool, typer.Option("--hex", help="hex:... instead of base64:...")] = False,
) -> None:
    """Print a new random 256-bit master key (from the OS CSPRNG).

    Examples:

        mask keys generate                       # base64:...  -> MASK_MASTER_KEY

        mask keys generate --id k2 >> keyring    # k2:base64:... -> a keyring file line
    """
    key = generate_key()
    text = "hex:" + key.hex() if hex_ else format_key(key)
    with mask_errors():
        out.out(f"{validate_key_id(key_id)}:{text}" if key_id else text, highlight=False)


@app.command("list", cls=Command)
def list_keys(ctx: typer.Context) -> None:
    """Show the configured keyring's key ids and which one is primary (never the keys).

    Example:

        MASK_KEY_PROVIDER=file MASK_KEY_FILE=keyring mask keys list
    """
    with mask_errors():
        ring = keyring_from_settings(ctx, settings_for_cli())
    table = Table("key id", "primary")
    for kid, primary in ring.key_ids().items():
        table.add_row(kid, "yes" if primary else "")
    out.print(table)


@app.command(cls=Command)
def check(ctx: typer.Context) -> None:
    """Load the keyring the way a service would; exit 2 with the reason if it cannot (fail-shut).

    Example:

        mask keys check && exec my-agent     # refuse to start without keys
    """
    settings = settings_for_cli()
    with mask_errors():
        ring = keyring_from_settings(ctx, settings)
    err.print(
        f"ok: {len(ring)} key(s) from provider '{settings.keys.provider}', primary {ring.primary_id!r}",
        markup=False,
    )


def _file(path: Path | None) -> Path:
    if path is None:
        path = settings_for_cli().keys.file
    if path is None:
        fail("give --file or set MASK_KEY_FILE")
    return path


def _load(path: Path) -> Keyring:
    from mask_core.keys.providers.file import FileKeyProvider

    return FileKeyProvider(path).fetch()


def _save(path: Path, ring: Keyring, what: str) -> None:
    from mask_core.keys.providers.file import write_keyring_file

    write_keyring_file(path, ring)
    err.print(f"{what}; {path}: keys {', '.join(ring.ids)}, primary {ring.primary_id!r}", markup=False)


@app.command(cls=Command)
def add(
    file: Annotated[Path | None, _FILE] = None,
    key_id: Annotated[str | None, typer.Option("--id", help="Id of the new key (default: derived).")] = None,
) -> None:
    """Add a new random key to a keyring file (decrypt-only until promoted). Creates the file if needed.

    Example:

        mask keys add --file /etc/mask/keyring --id k2
    """
    path = _file(file)
    with mask_errors():
        if not path.exists():
            ring = Keyring.from_master_key(generate_key(), key_id)
            _save(path, ring, f"created a keyring with primary {ring.primary_id!r}")
            return
        ring = _load(path).add(generate_key(), key_id=key_id)
        _save(path, ring, f"added {ring.ids[-1]!r} (not primary yet: deploy, then promote)")


@app.command(cls=Command)
def promote(key_id: str, file: Annotated[Path | None, _FILE] = None) -> None:
    """Make KEY_ID the primary key of a keyring file (it seals new records and derives new tokens).

    Example:

        mask keys promote k2 --file /etc/mask/keyring
    """
    path = _file(file)
    with mask_errors():
        _save(path, _load(path).promote(key_id), f"promoted {key_id!r}")


@app.command(cls=Command)
def retire(
    ctx: typer.Context,
    key_id: str,
    file: Annotated[Path | None, _FILE] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Retire even if the vault cannot be checked.")
    ] = False,
) -> None:
    """Remove KEY_ID from a keyring file, after checking that the vault holds no record sealed with it.

    Example:

        mask vault rekey && mask keys retire k1 --file /etc/mask/keyring
    """
    from mask_core.cli._common import vault_for
    from mask_core.keys.rekey import vault_usage

    path = _file(file)
    with mask_errors():
        ring = _load(path).retire(key_id)
        vault = vault_for(ctx, settings_for_cli())
        if vault.supports_iteration:
            left = vault_usage(vault).by_key_id.get(key_id, 0)
            if left:
                fail(
                    f"the vault still holds {left} record(s) sealed with {key_id!r}: "
                    "run `mask vault rekey` first"
                )
        elif not force:
            fail(f"{type(vault).__name__} cannot list its records; wait for their TTL, then use --force")
        _save(path, ring, f"retired {key_id!r}")


@app.command("kms-generate", cls=Command)
def kms_generate(
    kms_key_id: Annotated[str, typer.Option("--kms-key-id", help="KMS key id, ARN or alias/...")],
    key_id: Annotated[str, typer.Option("--id", help="Mask key id for this data key.")] = "k1",
    region: Annotated[str | None, typer.Option(help="AWS region (default MASK_KMS_REGION).")] = None,
    endpoint_url: Annotated[
        str | None, typer.Option(help="KMS endpoint (default MASK_KMS_ENDPOINT_URL).")
    ] = None,
) -> None:
    """Have AWS KMS generate a data key and print it ENCRYPTED, as an 'id:ciphertext' entry.

    Example:

        export MASK_KMS_ENCRYPTED_KEYS="$(mask keys kms-generate --kms-key-id alias/mask --id k1)"
    """
    from mask_core.keys.providers.aws_kms import generate_encrypted_key

    settings = settings_for_cli()
    with mask_errors():
        entry = generate_encrypted_key(
            kms_key_id,
            key_id,
            region=region or settings.keys.kms.region,
            endpoint_url=endpoint_url or settings.keys.kms.endpoint_url,
        )
    out.out(entry, highlight=False)
