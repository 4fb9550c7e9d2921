"""Run the code blocks of a Markdown document as a reader would: what the docs test and the wheel check use.

Every fenced block carries a language, and each language has one way to be checked:

* ``python``: the document's Python blocks run in order, in one fresh interpreter, as one program;
* ``bash``: the document's shell blocks run in order in one ``bash -euo pipefail``. Two kinds of line are
  checked instead of run: ``pip install ...`` (each distribution it names must be installed in the
  interpreter, with the extras it names: the docs are read by someone who already ran it) and
  ``python3 dev.py SESSION`` (the session must exist: running it would run the whole suite again). A
  block whose last command ends in ``&`` starts a service: the next block waits for its ``/health``;
  background jobs are stopped at the end;
* ``yaml``: a document holding ``firewall:`` is loaded as a firewall policy, any other is parsed;
* ``json``: parsed (one document, or one per line);
* ``env``: ``NAME=value`` lines, each ``NAME`` a setting Mask reads (``MASK_*`` of mask-core or
  mask-server);
* ``text``: trees, diagrams and signatures, shown as they are.

Used by ``tests/test_docs.py`` (every document, in the workspace environment) and by
``scripts/check_wheels.py`` (each package's README, with only that wheel installed).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shlex
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = [
    "LANGUAGES",
    "Block",
    "blocks",
    "check_data",
    "check_pip_line",
    "clean_env",
    "run_bash",
    "run_python",
]

LANGUAGES = frozenset({"python", "bash", "yaml", "json", "env", "text"})
_FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```", re.M | re.S)
_HEALTH = "http://127.0.0.1:8000/health"


@dataclasses.dataclass(frozen=True)
class Block:
    path: Path
    line: int
    lang: str
    code: str

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def blocks(path: Path) -> list[Block]:
    """The fenced code blocks of a Markdown file, in order (indented ones dedented)."""
    text = path.read_text(encoding="utf-8")
    found = []
    for m in _FENCE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        found.append(Block(path, line, m.group("lang"), textwrap.dedent(m.group("body"))))
    return found


def run_python(code: str, *, python: str, cwd: Path, env: Mapping[str, str], timeout: float = 300) -> str:
    """Run ``code`` as a program; return its output, or raise AssertionError with it."""
    return _run([python, "-c", code], cwd=cwd, env=env, timeout=timeout)


def _run(argv: list[str], *, cwd: Path, env: Mapping[str, str], timeout: float) -> str:
    """Run ``argv``; return its output, or raise AssertionError with what it printed."""
    done = subprocess.run(
        argv, cwd=cwd, env=dict(env), capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise AssertionError(f"exit {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def check_pip_line(line: str, *, python: str, env: Mapping[str, str]) -> None:
    """Every distribution (and extra) a ``pip install`` line names is installed in ``python``."""
    words = [w for w in shlex.split(line.split("#", 1)[0])[2:] if not w.startswith("-")]
    for given in words:
        word = given
        if word.startswith((".", "/")):  # a folder of this repository: the distribution it builds
            folder = Path(__file__).parents[1] / word
            pyproject = folder / "pyproject.toml"
            if not pyproject.is_file():
                raise AssertionError(f"{line!r}: {word} is not a distribution's folder")
            found = re.search(r'^name = "([^"]+)"', pyproject.read_text(encoding="utf-8"), re.M)
            word = found.group(1) if found else word
        match = re.match(r"([A-Za-z0-9._-]+)(?:\[([^\]]*)\])?", word)
        if match is None:
            raise AssertionError(f"{line!r}: cannot read {word!r}")
        dist, extras = match.group(1), [e for e in (match.group(2) or "").split(",") if e]
        probe = (
            "import importlib.metadata as m, sys\n"
            f"dist, extras = {dist!r}, {extras!r}\n"
            "meta = m.metadata(dist)\n"
            "provided = set(meta.get_all('Provides-Extra') or [])\n"
            "missing = [e for e in extras if e not in provided]\n"
            "sys.exit(f'{dist} has no extra {missing}' if missing else 0)\n"
        )
        done = subprocess.run(
            [python, "-c", probe], env=dict(env), capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise AssertionError(f"{line!r}: {dist} is not installed as named ({done.stderr.strip()[-300:]})")


def _dev_sessions() -> set[str]:
    root = Path(__file__).parents[1]
    nox = (root / "noxfile.py").read_text(encoding="utf-8")
    sessions = set(re.findall(r"^def (\w+)\(session", nox, re.M))
    sessions |= set(re.findall(r'name="([\w-]+)"', nox)) | {"test"}
    sessions |= {
        f"tests-{fw}{end}" for fw in ("langchain", "llamaindex", "adk") for end in ("", "-lowest", "-newest")
    }
    return sessions


def _wait_for_health(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(_HEALTH, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"the service started by the block never answered {_HEALTH}")
        time.sleep(0.2)


def run_bash(
    blocks_: Sequence[Block], *, python: str, cwd: Path, env: Mapping[str, str], timeout: float = 300
) -> str:
    """Run a document's shell blocks in order (see the module docstring); return their output."""
    script = ["set -euo pipefail", "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT"]
    for i, block in enumerate(blocks_):
        logical = block.code.replace("\\\n", " ")
        for line in logical.splitlines():
            bare = line.strip()
            if bare.startswith("pip install "):
                check_pip_line(bare, python=python, env=env)
                continue
            if bare.startswith(("python3 dev.py ", "python dev.py ")):
                session = shlex.split(bare)[2]
                if session not in _dev_sessions():
                    raise AssertionError(f"{block.where}: dev.py has no session {session!r}")
                continue
            script.append(line)
        if block.code.rstrip().split("#", 1)[0].rstrip().endswith("&") and i + 1 < len(blocks_):
            script.append(
                f'"{python}" -c "import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); '
                'import docblocks; docblocks._wait_for_health()"'
            )
    return _run(["bash", "-c", "\n".join(script)], cwd=cwd, env=env, timeout=timeout)


def check_data(block: Block) -> None:
    """``yaml``, ``json`` and ``env`` blocks: parsed and checked (see the module docstring)."""
    if block.lang == "json":
        try:
            json.loads(block.code)
        except ValueError:
            for line in block.code.splitlines():
                if line.strip():
                    json.loads(line)
    elif block.lang == "yaml":
        if re.search(r"^firewall:", block.code, re.M):
            from mask_core.policy import Policy

            Policy.from_yaml(block.code, source=block.where)
        else:
            import yaml

            yaml.safe_load(block.code)
    elif block.lang == "env":
        from mask_core.settings import MaskSettings

        known = set(MaskSettings.variables())  # every group's, MASK_ENCRYPTION_KEY included
        try:
            from mask_server.settings import ServerSettings

            known |= {f"MASK_SERVER_{n.upper()}" for n in ServerSettings.model_fields}
        except ImportError:
            pass
        for line in block.code.splitlines():
            bare = line.split("#", 1)[0].strip()
            if bare:
                name = bare.split("=", 1)[0]
                if name not in known:
                    raise AssertionError(f"{block.where}: {name} is not a setting Mask reads")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment a reader has: none of this machine's ``MASK_*`` variables, this interpreter's
    scripts first on ``PATH``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MASK_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env
