"""Presidio interop and RemoteScanner, against Presidio's real AnalyzerEngine served over HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from mask_core import MaskClient, ScanError
from mask_core.testing import PII_CORPUS, assert_no_pii

presidio_analyzer = pytest.importorskip("presidio_analyzer")
pytest.importorskip("httpx")

from mask_core.scan.presidio import PresidioRecognizer, from_presidio, to_presidio  # noqa: E402
from mask_core.scan.remote import RemoteScanner  # noqa: E402
from mask_core.testing.analyze_server import AnalyzeServer, presidio_analyze  # noqa: E402

TEXT = "Write to alice.johnson@example.com or pay with 4539 1488 0343 6467 (SSN 536-22-8745)."


@pytest.fixture(scope="module")
def analyze():  # type: ignore[no-untyped-def]
    return presidio_analyze()


@pytest.fixture(scope="module")
def server(analyze) -> Iterator[AnalyzeServer]:  # type: ignore[no-untyped-def]
    with AnalyzeServer(analyze) as s:
        yield s


def test_results_convert_to_and_from_recognizer_result(client: MaskClient) -> None:
    found = client.scan(TEXT)
    results = to_presidio(found)
    assert all(isinstance(r, presidio_analyzer.RecognizerResult) for r in results)
    assert [(r.entity_type, r.start, r.end, r.score) for r in results] == [
        (e.entity_type, e.start, e.end, e.score) for e in found
    ]
    back = from_presidio(results, TEXT)
    assert [(e.entity_type, e.start, e.end, e.text) for e in back] == [
        (e.entity_type, e.start, e.end, e.text) for e in found
    ]
    assert from_presidio([r.to_dict() for r in results], TEXT)[0].text == found[0].text


def test_any_presidio_recognizer_joins_the_pipeline(client: MaskClient) -> None:
    from presidio_analyzer import Pattern
    from presidio_analyzer import PatternRecognizer as PresidioPattern

    titles = PresidioPattern(
        supported_entity="CASE_NUMBER", patterns=[Pattern("case", r"\bCASE-\d{4}-\d{3}\b", 0.8)]
    )
    client.add_recognizer(PresidioRecognizer(titles))
    safe = client.tokenize_text(f"Re CASE-2024-117: {TEXT}")
    assert "CASE-2024-117" not in safe and "alice.johnson" not in safe
    assert "CASE_NUMBER_" in safe
    assert client.detokenize_text(safe) == f"Re CASE-2024-117: {TEXT}"


def test_presidio_predefined_recognizer_with_nlp_artifacts(client: MaskClient) -> None:
    from presidio_analyzer.predefined_recognizers import UsBankRecognizer

    client.add_recognizer(PresidioRecognizer(UsBankRecognizer()))
    found = client.scan("my bank account 000123456789 please")
    assert ("US_BANK_NUMBER", "000123456789") in {(e.entity_type, e.text) for e in found}


def test_remote_scanner_finds_what_the_service_finds(server: AnalyzeServer) -> None:
    remote = RemoteScanner(server.url)
    found = {(e.entity_type, e.text) for e in remote.analyze(TEXT)}
    assert ("EMAIL_ADDRESS", "alice.johnson@example.com") in found
    assert ("CREDIT_CARD", "4539 1488 0343 6467") in found
    assert_no_pii(remote.analyze(TEXT))  # reprs of findings never hold the text
    remote.close()


def test_remote_scanner_async(server: AnalyzeServer) -> None:
    async def main() -> set[tuple[str, str]]:
        remote = RemoteScanner(server.url)
        try:
            return {(e.entity_type, e.text) for e in await remote.aanalyze(TEXT)}
        finally:
            await remote.aclose()

    assert ("EMAIL_ADDRESS", "alice.johnson@example.com") in asyncio.run(main())


def test_remote_scanner_in_the_client_pipeline(server: AnalyzeServer, client: MaskClient) -> None:
    client.add_recognizer(RemoteScanner(server.url, entities=["EMAIL_ADDRESS", "CREDIT_CARD"]))
    safe = client.deep_encode({"note": TEXT})
    assert_no_pii(safe)
    assert client.deep_decode(safe) == {"note": TEXT}
    assert asyncio.run(client.adeep_decode(asyncio.run(client.adeep_encode({"n": TEXT})))) == {"n": TEXT}


def test_retries_ride_out_a_brief_outage() -> None:
    with AnalyzeServer(lambda body: [], fail=503, fail_times=2) as flaky:
        assert RemoteScanner(flaky.url, retries=2, backoff=0.001).analyze("hello") == []
        assert flaky.requests == 3


@pytest.mark.parametrize("fail", [503, 500, 400, "drop"])
def test_a_failing_service_raises_and_never_passes_text_as_scanned(fail: int | str) -> None:
    with AnalyzeServer(lambda body: [], fail=fail) as down:
        remote = RemoteScanner(down.url, retries=1, backoff=0.001)
        with pytest.raises(ScanError) as info:
            remote.analyze(TEXT)
        assert_no_pii(str(info.value), repr(info.value))
        expected = 1 if fail == 400 else 2  # client errors are not retried
        assert down.requests == expected


def test_an_unreachable_service_fails_the_whole_encode(client: MaskClient) -> None:
    client.add_recognizer(RemoteScanner("http://127.0.0.1:9", retries=1, backoff=0.001, timeout=0.5))
    with pytest.raises(ScanError):
        client.deep_encode({"note": TEXT})
    with pytest.raises(ScanError):
        asyncio.run(client.atokenize_text(TEXT))


def test_a_malformed_answer_is_a_scan_error() -> None:
    for answer in ({"not": "a list"}, [{"entity_type": "EMAIL_ADDRESS", "start": 0, "end": 999, "score": 1}]):
        with AnalyzeServer(lambda body, a=answer: a) as odd, pytest.raises(ScanError):  # type: ignore[misc]
            RemoteScanner(odd.url, retries=0).analyze("short")


def test_unknown_remote_types_are_protected_as_generic(client: MaskClient) -> None:
    answer = [{"entity_type": "ZZ_SECRET_CODE", "start": 5, "end": 11, "score": 0.9}]
    with AnalyzeServer(lambda body: answer) as odd:
        client.add_recognizer(RemoteScanner(odd.url, retries=0))
        out = client.tokenize_text("code QX7Z2K here")
    assert "QX7Z2K" not in out and "GENERIC_" in out


def test_pii_corpus_through_remote(server: AnalyzeServer, client: MaskClient) -> None:
    client.add_recognizer(RemoteScanner(server.url))
    text = "\n".join(f"{item.entity_type}: {item.value}" for item in PII_CORPUS)
    safe = client.tokenize_text(text)
    assert_no_pii(safe)
