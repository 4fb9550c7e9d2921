"""Every code block in README.md, docs/ and the package READMEs runs as written (scripts/docblocks.py).

Python blocks run in order per document, each with the blocks before it (one program, as a reader
types them); shell blocks run with ``bash -euo pipefail``; YAML, JSON and ``env`` blocks are loaded and
checked. A block that does not run yet in a document this suite's owner may not edit is listed in
:data:`NOT_YET` (an ``xfail(strict=True)``: once it runs, the entry must go).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import docblocks  # noqa: E402

DOCUMENTS = sorted(
    {
        ROOT / "README.md",
        ROOT / "shared_core" / "README.md",
        *(ROOT / "docs").glob("*.md"),
        *(ROOT / "packages").glob("*/README.md"),
    }
)
#: The reader has configured a key, as the README's Configuration section asks (a fixed test key).
READER_KEY = "hex:" + "5a" * 32
REQUIRE_SERVERS = os.environ.get("MASK_REQUIRE_SERVERS") == "1"  # read before the fixtures clear MASK_*

#: Blocks that do not run as written yet: (document, a line of the block) -> why. Each is an xfail that
#: must fail; when the block is fixed the test passes, strict xfail turns that into a failure, and the
#: entry is removed.
NOT_YET: dict[tuple[str, str], str] = {
    ("README.md", "with patched(agent, client=client, firewall=firewall):"): (
        "a fragment (names from elsewhere, agent.invoke(...)) in README's 'In an agent', which the "
        "framework packages' owner keeps; the runnable version is examples/langchain_agent.py"
    ),
    ("docs/detection.md", 'client.scan(text, entities=["US_SSN"])  # per call'): "uses `text`, never defined",
    ("docs/detection.md", "client.add_recognizer(PresidioRecognizer(any_presidio_entity_recognizer))"): (
        "a fragment: undefined names, a top-level await, an analyzer at http://analyzer:3000"
    ),
    (
        "docs/architecture.md",
        "uv workspace: members shared_core, packages/*",
    ): "a tree with no fence language",
    ("docs/architecture.md", "model ──tool call (args with tokens)──▶ framework"): (
        "a diagram with no fence language"
    ),
}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _known(block: docblocks.Block) -> str | None:
    for (doc, line), reason in NOT_YET.items():
        if _rel(block.path) == doc and line in block.code:
            return reason
    return None


def _cases(lang: str) -> Iterator[object]:
    for path in DOCUMENTS:
        for block in docblocks.blocks(path):
            if block.lang == lang:
                reason = _known(block)
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                if lang == "python":
                    marks.append(pytest.mark.slow)  # a fresh interpreter per block, frameworks imported
                yield pytest.param(block, id=f"{_rel(path)}:{block.line}", marks=marks)


def _all_blocks() -> Iterator[object]:
    for path in DOCUMENTS:
        for block in docblocks.blocks(path):
            reason = _known(block) if not block.lang else None
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(block, id=f"{_rel(path)}:{block.line}", marks=marks)


@pytest.mark.parametrize("block", list(_all_blocks()))
def test_every_block_says_its_language(block: docblocks.Block) -> None:
    assert block.lang in docblocks.LANGUAGES, (
        f"{block.where}: a fence needs one of {sorted(docblocks.LANGUAGES)} (text for diagrams and trees)"
    )


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A Redis server and moto's DynamoDB for the vault docs: their blocks read the addresses from the
    variables a deployment sets (MASK_REDIS_URL, MASK_DYNAMODB_ENDPOINT_URL)."""
    from mask_core.testing.servers import ServerMissing, ServerProcess, start_moto, start_redis

    tmp = tmp_path_factory.mktemp("doc-services")
    env: dict[str, str] = {}
    started: list[ServerProcess] = []
    try:
        try:
            redis = start_redis(tmp)
            started.append(redis)
            env["MASK_REDIS_URL"] = f"redis://127.0.0.1:{redis.port}/0"
        except ServerMissing:
            pass
        try:
            moto = start_moto()
            started.append(moto)
            env.update(
                MASK_DYNAMODB_ENDPOINT_URL=f"http://127.0.0.1:{moto.port}",
                AWS_ACCESS_KEY_ID="testing",
                AWS_SECRET_ACCESS_KEY="testing",
                AWS_DEFAULT_REGION="us-east-1",
            )
        except (ServerMissing, RuntimeError):  # moto is not installed here: the blocks that need it skip
            pass
        yield env
    finally:
        for server in started:
            server.stop()


def _needs(code: str, env: dict[str, str]) -> None:
    for variable, what in (("MASK_REDIS_URL", "redis-server"), ("MASK_DYNAMODB_ENDPOINT_URL", "moto")):
        if variable in code and variable not in env:
            if REQUIRE_SERVERS:
                pytest.fail(f"MASK_REQUIRE_SERVERS=1 but {what} could not start")
            pytest.skip(f"{what} is not available")
    if "MASK_REDIS_URL" in code:  # each document starts from an empty vault, as its reader's does
        import redis

        redis.Redis.from_url(env["MASK_REDIS_URL"]).flushall()


@pytest.mark.parametrize("block", list(_cases("python")))
def test_python_block_runs(block: docblocks.Block, tmp_path: Path, services: dict[str, str]) -> None:
    before = [
        b
        for b in docblocks.blocks(block.path)
        if b.lang == "python" and b.line < block.line and not _known(b)
    ]
    program = "\n\n".join(b.code for b in (*before, block))
    _needs(program, services)
    env = docblocks.clean_env(MASK_MASTER_KEY=READER_KEY, **services)
    docblocks.run_python(program, python=sys.executable, cwd=tmp_path, env=env)


@pytest.mark.slow  # each document's commands in a fresh shell, servers started where they ask for one
@pytest.mark.parametrize(
    "document", [p for p in DOCUMENTS if any(b.lang == "bash" for b in docblocks.blocks(p))], ids=_rel
)
def test_shell_blocks_run(document: Path, tmp_path: Path, services: dict[str, str]) -> None:
    shell = [b for b in docblocks.blocks(document) if b.lang == "bash"]
    _needs("\n".join(b.code for b in shell), services)
    docblocks.run_bash(
        shell,
        python=sys.executable,
        cwd=tmp_path,
        env=docblocks.clean_env(MASK_MASTER_KEY=READER_KEY, **services),
    )


@pytest.mark.parametrize("block", [*_cases("yaml"), *_cases("json"), *_cases("env")])
def test_data_block_loads(block: docblocks.Block) -> None:
    docblocks.check_data(block)


def test_a_broken_block_is_caught(tmp_path: Path) -> None:
    # The runner itself: a block that fails makes the test fail, a pip line naming nothing installed too.
    doc = tmp_path / "doc.md"
    doc.write_text(
        "```python\nraise SystemExit(3)\n```\n\n```bash\npip install mask-core[no-such-extra]\n```\n"
    )
    python, bash = docblocks.blocks(doc)
    with pytest.raises(AssertionError, match="exit 3"):
        docblocks.run_python(python.code, python=sys.executable, cwd=tmp_path, env=docblocks.clean_env())
    with pytest.raises(AssertionError, match="no-such-extra"):
        docblocks.run_bash([bash], python=sys.executable, cwd=tmp_path, env=docblocks.clean_env())
