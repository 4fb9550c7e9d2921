"""``mask models``: the spaCy models the NER tier uses, listed and installed.

Installing goes through the ecosystem's own tools: ``spacy download`` for an official model name,
``uv pip install`` (or ``pip``, when uv is absent) for a wheel, a folder or a package name from the index.
That is done by :func:`install_model`, a small function the NER tier (``mask_core.scan``) can call too;
:data:`DEFAULT_MODELS` is the language -> model table used when ``MASK_NLP_MODEL`` is not set.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from mask_core.cli._common import err, fail, out
from mask_core.errors import MaskConfigurationError

__all__ = ["DEFAULT_MODELS", "app", "configured_models", "install_model"]

app = typer.Typer(help="spaCy models for the NER tier: list and install.", no_args_is_help=True)

#: The model each language uses unless MASK_NLP_MODEL names another one.
DEFAULT_MODELS = {"en": "en_core_web_sm", "es": "es_core_news_sm"}
_SPACY_NAME = re.compile(r"[a-z]{2,3}_core_(web|news)_(sm|md|lg|trf)")
_OFFLINE_HINTS = (
    "connection",
    "resolve",
    "network",
    "offline",
    "name or service",
    "timed out",
    "urlopen",
    "max retries",
)


def configured_models() -> dict[str, str]:
    """language -> model name, from MASK_LANGUAGES (default en) and MASK_NLP_MODEL."""
    langs = [x.strip() for x in os.environ.get("MASK_LANGUAGES", "en").split(",") if x.strip()]
    override = os.environ.get("MASK_NLP_MODEL", "").strip()
    return {lang: override or DEFAULT_MODELS.get(lang, f"{lang}_core_news_sm") for lang in langs}


def _installer(python: str, offline: bool) -> list[str]:
    uv = shutil.which("uv")
    if uv:
        return [uv, "pip", "install", "--python", python, *(["--offline"] if offline else [])]
    return [
        python,
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        *(["--no-index"] if offline else []),
    ]


def install_model(spec: str, *, python: str | None = None, offline: bool = False) -> str:
    """Install a model: a wheel or folder path, an official spaCy model name, or a package name.

    Returns what was installed (for messages). Raises MaskConfigurationError with a clear message (an
    offline hint when the index or the model server cannot be reached).
    """
    python = python or sys.executable
    path = Path(spec)
    if path.exists():
        cmd = [*_installer(python, offline), str(path.resolve())]
    elif _SPACY_NAME.fullmatch(spec):
        if offline:
            raise MaskConfigurationError(
                f"{spec} is downloaded from spaCy's model server, which --offline rules out; "
                "install its wheel from a local path instead"
            )
        cmd = [python, "-m", "spacy", "download", spec]
    else:
        cmd = [*_installer(python, offline), spec]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603 - argv, no shell
    if proc.returncode == 0:
        return spec
    output = (proc.stderr + proc.stdout).lower()
    if "no module named spacy" in output:
        raise MaskConfigurationError("spaCy is not installed: pip install 'mask-core[ner]', then retry")
    if any(h in output for h in _OFFLINE_HINTS):
        raise MaskConfigurationError(
            f"could not download {spec}: the package index or spaCy's model server is unreachable "
            "(offline?). "
            "On a connected machine, download the model wheel, then: mask models install ./<model>.whl"
        )
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
    raise MaskConfigurationError(f"installing {spec} failed: " + " | ".join(tail))


def _version(name: str) -> str | None:
    for dist in (name, name.replace("_", "-")):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


@app.command("list")
def list_models() -> None:
    """Show the configured languages, their models and whether each is installed.

    Example:

        MASK_LANGUAGES=en,es mask models list
    """
    spacy_version = _version("spacy")
    table = Table("language", "model", "installed")
    missing = 0
    for lang, name in configured_models().items():
        installed = importlib.util.find_spec(name) is not None if name.isidentifier() else Path(name).exists()
        missing += not installed
        table.add_row(lang, name, (_version(name) or "yes") if installed else "no")
    out.print(table)
    err.print(
        f"spaCy {spacy_version}" if spacy_version else "spaCy is not installed: pip install 'mask-core[ner]'"
    )
    if missing:
        err.print("install the missing ones with: mask models install")


@app.command()
def install(
    specs: Annotated[
        list[str] | None,
        typer.Argument(help="Model names, wheel files or folders (default: the configured ones)."),
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Never touch the network (local wheels only).")
    ] = False,
    python: Annotated[
        str | None, typer.Option(help="Install into this interpreter (default: this one).")
    ] = None,
) -> None:
    """Install spaCy models: by name, or from a local wheel or folder (air-gapped machines).

    Examples:

        mask models install                               # the models MASK_LANGUAGES needs

        mask models install ./en_core_web_sm-3.8.0-py3-none-any.whl --offline
    """
    todo = specs or list(dict.fromkeys(configured_models().values()))
    failed = 0
    for spec in todo:
        with err.status(f"installing {spec} ..."):
            try:
                install_model(spec, python=python, offline=offline)
            except MaskConfigurationError as exc:
                failed += 1
                err.print(f"[bold red]error:[/] {exc}")
                continue
        err.print(f"[green]installed[/] {spec}")
    if failed:
        fail(f"{failed} of {len(todo)} model(s) could not be installed")
