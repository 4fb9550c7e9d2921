"""Build every distribution, then install each wheel alone and run what its README documents.

    python scripts/check_wheels.py [DIST ...]     (nox -s wheels; default: all five)

For each distribution: its wheel and sdist are built (``uv build``); the sdist is unpacked and built
again on its own, as a downstream packager would (it must not need the workspace); the wheel must
carry the license and ``py.typed``; then a fresh virtualenv gets that wheel alone (``mask-core``'s
wheel found beside it, every other requirement from the package index), and the README's code blocks
run there with ``scripts/docblocks.py``: its Python examples, its shell commands (``mask-server``
started and asked over HTTP). Exit status 1 names the first distribution that failed.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import docblocks

ROOT = Path(__file__).resolve().parents[1]
DISTRIBUTIONS = {
    "mask-core": ROOT / "shared_core",
    "mask-server": ROOT / "packages" / "mask-server",
    "mask-langchain": ROOT / "packages" / "mask-langchain",
    "mask-llamaindex": ROOT / "packages" / "mask-llamaindex",
    "mask-adk": ROOT / "packages" / "mask-adk",
}
#: Extras installed with a wheel because its README's first commands use them.
README_EXTRAS = {"mask-core": "[cli]"}


def _uv(*args: str | Path, cwd: Path = ROOT) -> None:
    subprocess.run(["uv", *map(str, args)], cwd=cwd, check=True)


def _module(dist: str) -> str:
    return dist.replace("-", "_")


def _check_wheel(wheel: Path, dist: str) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for wanted in (
        r"\.dist-info/licenses/LICENSE$",
        rf"^{_module(dist)}/py\.typed$",
        r"\.dist-info/METADATA$",
    ):
        if not any(re.search(wanted, n) for n in names):
            raise SystemExit(f"{wheel.name}: no file matching {wanted}")
    metadata = next(zipfile.ZipFile(wheel).read(n) for n in names if n.endswith(".dist-info/METADATA"))
    text = metadata.decode()
    for field in ("License-Expression: Apache-2.0", "Requires-Python: >=3.11", "Description-Content-Type"):
        if field not in text:
            raise SystemExit(f"{wheel.name}: METADATA lacks {field}")


def _rebuild_sdist(sdist: Path, out: Path) -> None:
    """An unpacked sdist builds on its own: no ``[tool.uv.sources]`` pointing into a workspace."""
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(sdist) as archive:
        archive.extractall(tmp, filter="data")
        (unpacked,) = Path(tmp).iterdir()
        if "tool.uv.sources" in (unpacked / "pyproject.toml").read_text(encoding="utf-8"):
            raise SystemExit(f"{sdist.name}: its pyproject.toml still names workspace sources")
        _uv("build", "--wheel", "--out-dir", out, unpacked, cwd=unpacked)


def check(dist: str, dist_dir: Path, work: Path) -> None:
    wheel = next(dist_dir.glob(f"{_module(dist)}-*.whl"))
    _check_wheel(wheel, dist)
    _rebuild_sdist(next(dist_dir.glob(f"{_module(dist)}-*.tar.gz")), work / "from-sdist")
    env_dir = work / f"venv-{dist}"
    _uv("venv", "--python", sys.executable, env_dir)
    python = env_dir / "bin" / "python"
    _uv(
        "pip",
        "install",
        "--python",
        python,
        "--find-links",
        dist_dir,
        f"{wheel}{README_EXTRAS.get(dist, '')}",
    )
    readme = DISTRIBUTIONS[dist] / "README.md"
    blocks = docblocks.blocks(readme)
    env = docblocks.clean_env()
    env["PATH"] = f"{env_dir / 'bin'}:{env['PATH']}"
    run_dir = work / f"run-{dist}"
    run_dir.mkdir()
    python_code = "\n\n".join(b.code for b in blocks if b.lang == "python")
    if python_code:
        # The framework packages' examples use the module default client only through their own
        # client=...; the core's first example passes its key. A reader who runs an example has
        # configured a key (MASK_MASTER_KEY), as each README says.
        env["MASK_MASTER_KEY"] = "hex:" + "5a" * 32
        print(docblocks.run_python(python_code, python=str(python), cwd=run_dir, env=env))
    shell = [b for b in blocks if b.lang == "bash"]
    if shell:
        print(docblocks.run_bash(shell, python=str(python), cwd=run_dir, env=env))
    print(f"ok: {dist} installs alone from {wheel.name} and its README runs")


def main(argv: list[str]) -> int:
    wanted = argv or list(DISTRIBUTIONS)
    unknown = set(wanted) - set(DISTRIBUTIONS)
    if unknown:
        print(f"unknown distributions: {sorted(unknown)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="mask-wheels-") as tmp:
        work = Path(tmp)
        dist_dir = work / "dist"
        _uv("build", "--all-packages", "--out-dir", dist_dir)
        for dist in wanted:
            try:
                check(dist, dist_dir, work)
            except (subprocess.CalledProcessError, AssertionError) as exc:
                print(f"FAILED: {dist}: {exc}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
