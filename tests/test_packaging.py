"""Each distribution can be published as it is: license, metadata, one version source, no workspace
leftovers, type information, a README that stands alone. Building and installing each wheel alone
and running its README is ``python3 dev.py wheels`` (scripts/check_wheels.py), which CI runs."""

from __future__ import annotations

import importlib
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from check_wheels import DISTRIBUTIONS  # noqa: E402  (the five distributions, named once)


def _project(folder: Path) -> dict[str, object]:
    return tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("dist", list(DISTRIBUTIONS))
def test_the_license_ships_with_every_distribution(dist: str) -> None:
    folder = DISTRIBUTIONS[dist]
    assert (ROOT / "LICENSE").read_text().startswith("\n                                 Apache License")
    assert (folder / "LICENSE").read_bytes() == (ROOT / "LICENSE").read_bytes(), "a stale copy"
    project = _project(folder)["project"]
    assert isinstance(project, dict)
    assert project["license"] == "Apache-2.0" and project["license-files"] == ["LICENSE"]


@pytest.mark.parametrize("dist", list(DISTRIBUTIONS))
def test_metadata_is_complete(dist: str) -> None:
    project = _project(DISTRIBUTIONS[dist])["project"]
    assert isinstance(project, dict)
    for field in ("description", "readme", "requires-python", "authors", "keywords", "classifiers"):
        assert project.get(field), f"{dist}: no {field}"
    assert "Typing :: Typed" in project["classifiers"]  # type: ignore[operator]


@pytest.mark.parametrize("dist", list(DISTRIBUTIONS))
def test_one_version_source_and_the_installed_version_is_it(dist: str) -> None:
    pyproject = _project(DISTRIBUTIONS[dist])
    project = pyproject["project"]
    assert isinstance(project, dict)
    assert "version" not in project and project["dynamic"] == ["version"]
    path = DISTRIBUTIONS[dist] / pyproject["tool"]["hatch"]["version"]["path"]  # type: ignore[index]
    written = re.findall(r'^__version__ = "([^"]+)"', path.read_text(encoding="utf-8"), re.M)
    assert len(written) == 1, f"{path}: the version is written once"
    module = importlib.import_module(dist.replace("-", "_"))
    assert module.__version__ == written[0] == importlib.metadata.version(dist)


def test_the_service_reports_its_own_version() -> None:
    from mask_server import __version__, create_app
    from mask_server.testing import make_client, settings_for

    app = create_app(settings_for(Path(__import__("tempfile").mkdtemp())), client=make_client())
    assert app.version == __version__


@pytest.mark.parametrize("dist", list(DISTRIBUTIONS))
def test_no_workspace_sources_in_a_distribution(dist: str) -> None:
    # An sdist keeps its pyproject.toml: a workspace source in it cannot be built outside this repository.
    assert "sources" not in _project(DISTRIBUTIONS[dist]).get("tool", {}).get("uv", {})  # type: ignore[union-attr]


@pytest.mark.parametrize("dist", list(DISTRIBUTIONS))
def test_type_information_ships(dist: str) -> None:
    module = dist.replace("-", "_")
    src = DISTRIBUTIONS[dist] / "src" / module
    assert (src / "py.typed").is_file()


@pytest.mark.parametrize("dist", list(DISTRIBUTIONS))
def test_the_readme_stands_alone_on_a_package_index(dist: str) -> None:
    readme = (DISTRIBUTIONS[dist] / "README.md").read_text(encoding="utf-8")
    # Relative links break on a package index: the repository's files are named in words instead.
    assert not re.findall(r"\]\((?!https?://)[^)]+\)", readme), "a relative link"
    assert f"pip install {dist}" in readme or f"pip install '{dist}" in readme
    assert "```python" in readme or "```bash" in readme
    assert len(readme) > 1500, "more than a pointer elsewhere"


def test_floors_that_the_lowest_resolution_proved() -> None:
    deps = " ".join(_project(DISTRIBUTIONS["mask-core"])["project"]["dependencies"])  # type: ignore[index]
    for floor in ("pydantic>=2.7", "pydantic-settings>=2.7", "python-stdnum>=2.2", "phonenumbers>=8.13.13"):
        assert floor in deps
    cli = _project(DISTRIBUTIONS["mask-core"])["project"]["optional-dependencies"]["cli"]  # type: ignore[index]
    assert "typer>=0.16" in cli


def test_mask_server_starts_from_its_own_distribution() -> None:
    scripts = _project(DISTRIBUTIONS["mask-server"])["project"]["scripts"]  # type: ignore[index]
    assert scripts == {"mask-server": "mask_server.cli:run"}
    assert importlib.util.find_spec("mask_server.__main__") is not None
