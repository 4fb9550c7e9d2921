"""The JSON API over real HTTP: the brief's shapes, scopes, limits, and nothing echoed back."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import httpx
import pytest

from mask_core.errors import MaskConfigurationError
from mask_core.testing import PII_CORPUS, assert_no_pii
from mask_core.testing.tokens import dead_token
from mask_server import ServerSettings, create_app
from mask_server.testing import KEYS, POLICY, LiveServer, Running, make_client, settings_for

EMAIL = "jane.smith@company.com"
SSN = "536-22-8745"
CARD = "4539 1488 0343 6467"
API_KEY = "sk_live_1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p"
CORPUS_TEXT = "\n".join(f"{i.entity_type}: {i.value}" for i in PII_CORPUS)


def test_detect_answers_in_the_briefs_shape(server: Running) -> None:
    text = f"My email is {EMAIL} and my SSN is {SSN}"
    with server.http("detect") as http:
        r = http.post("/api/v1/governance/pii/detect", json={"text": text, "entity_types": ["email", "ssn"]})
    assert r.status_code == 200
    body = r.json()
    assert body["masked_text"] == "My email is [EMAIL] and my SSN is [SSN]"
    assert [(e["type"], e["value"], e["start"], e["end"]) for e in body["entities"]] == [
        ("email", EMAIL, 12, 34),
        ("ssn", SSN, 49, 60),
    ]
    assert all(0.0 <= e["confidence"] <= 1.0 and e["action"] == "redact" for e in body["entities"])
    assert body["blocked"] is False and body["stage"] == "input-pii-scanner"


def test_detect_narrows_types_and_honours_exemptions_and_allowlists(server: Running) -> None:
    text = f"{EMAIL} paid with {CARD}, test card 4111-1111-1111-1111"
    with server.http("detect") as http:
        only_cards = http.post(
            "/api/v1/governance/pii/detect", json={"text": text, "entity_types": ["credit_card"]}
        )
        agent = http.post(
            "/api/v1/governance/pii/detect", json={"text": text, "user_id": "support_agent@company.com"}
        )
    assert only_cards.json()["masked_text"] == f"{EMAIL} paid with [CC], test card 4111-1111-1111-1111"
    assert [e["action"] for e in only_cards.json()["entities"]] == ["redact", "allowlisted"]
    assert agent.json()["masked_text"] == f"{EMAIL} paid with [CC], test card 4111-1111-1111-1111"
    assert agent.json()["entities"][0]["action"] == "exempted"


def test_firewall_apply_returns_actions_without_values_and_blocks(server: Running) -> None:
    with server.http("detect") as http:
        r = http.post("/api/v1/firewall/apply", json={"text": CORPUS_TEXT, "stage": "output-pii-scanner"})
        assert r.status_code == 200
        assert_no_pii(r.text)
        body = r.json()
        assert body["blocked"] is False and len(body["findings"]) == len(PII_CORPUS)
        assert {f["action"] for f in body["findings"]} == {"mask"}
        blocked = http.post(
            "/api/v1/firewall/apply", json={"text": f"use {API_KEY}", "stage": "output-pii-scanner"}
        )
    assert blocked.status_code == 200
    assert blocked.json()["blocked"] is True and blocked.json()["text"] is None
    assert API_KEY not in blocked.text
    assert blocked.json()["findings"][0]["action"] == "block"
    with server.http("detect") as http:
        detect = http.post(
            "/api/v1/governance/pii/detect", json={"text": f"use {API_KEY}", "stage": "output-pii-scanner"}
        ).json()
    assert detect["blocked"] is True and detect["masked_text"] is None
    assert detect["entities"][0]["value"] == API_KEY and detect["entities"][0]["action"] == "block"


def test_tokenize_and_detokenize_need_their_own_scopes(server: Running) -> None:
    with server.http("detect") as http:
        tok = http.post("/api/v1/tokenize", json={"text": CORPUS_TEXT})
        assert tok.status_code == 200
        assert_no_pii(tok.text)
        denied = http.post("/api/v1/detokenize", json={"text": tok.json()["text"]})
    assert denied.status_code == 403 and denied.json()["error"] == "forbidden"
    with server.http("detok") as http:
        back = http.post("/api/v1/detokenize", json={"text": tok.json()["text"]})
        assert back.status_code == 200 and back.json()["text"] == CORPUS_TEXT
        dead = dead_token(server.client.keyring)  # a token of this deployment whose entry is gone
        missing = http.post("/api/v1/detokenize", json={"text": f"SSN {dead}"})
        assert missing.status_code == 404 and missing.json()["error"] == "token_not_found"
        assert http.post("/api/v1/tokenize", json={"text": "x"}).status_code == 403


def test_401_and_403_do_not_say_what_failed(server: Running) -> None:
    answers = []
    for headers in (
        {},
        {"Authorization": "Basic abc"},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer wrong-key-0123456789"},
        {"Authorization": f"Bearer {KEYS['detect'][0]}x"},
    ):
        r = httpx.post(f"{server.url}/api/v1/tokenize", json={"text": "x"}, headers=headers)
        answers.append((r.status_code, r.text, r.headers.get("www-authenticate")))
    assert len(set(answers)) == 1 and answers[0][:1] == (401,) and answers[0][2] == "Bearer"
    with server.http("console") as http:
        a = http.post("/api/v1/tokenize", json={"text": "x"})
        b = http.post("/api/v1/detokenize", json={"text": "x"})
        c = http.get("/metrics")
    assert a.status_code == b.status_code == c.status_code == 403
    assert a.text == b.text == c.text
    assert httpx.get(f"{server.url}/health").status_code == 200  # liveness needs no key


def test_body_limits_answer_413(tmp_path: Path) -> None:
    app = create_app(settings_for(tmp_path, max_body_bytes=4096), client=make_client())
    with LiveServer(app) as live:
        headers = {"Authorization": f"Bearer {KEYS['admin'][0]}"}
        big = {"text": "a" * 5000}
        r = httpx.post(f"{live.url}/api/v1/tokenize", json=big, headers=headers)
        assert r.status_code == 413 and r.json()["error"] == "payload_too_large"

        def chunks():  # no Content-Length: the limit is enforced while the body streams
            for _ in range(10):
                yield b"x" * 1000

        r = httpx.post(f"{live.url}/api/v1/tokenize", content=chunks(), headers=headers)
        assert r.status_code == 413
        assert (
            httpx.post(f"{live.url}/api/v1/tokenize", json={"text": "ok"}, headers=headers).status_code == 200
        )


def test_validation_errors_never_echo_the_body(server: Running) -> None:
    with server.http("admin") as http:
        answers = [
            http.post("/api/v1/governance/pii/detect", json={"text": CORPUS_TEXT, "surprise": CORPUS_TEXT}),
            http.post("/api/v1/governance/pii/detect", json={"text": [CORPUS_TEXT]}),
            http.post("/api/v1/firewall/apply", json={"txt": CORPUS_TEXT}),
            http.post("/api/v1/detokenize", json={"text": CORPUS_TEXT, "allowed_types": CORPUS_TEXT}),
            http.post(
                "/api/v1/tokenize",
                content=("{" + CORPUS_TEXT).encode(),
                headers={"Content-Type": "application/json"},
            ),
            http.post(
                "/analyze", json={"text": CORPUS_TEXT, "language": "en", "score_threshold": CORPUS_TEXT}
            ),
            http.post("/api/v1/governance/pii/detect", json={"text": CORPUS_TEXT, "stage": "no-such-stage"}),
            http.post("/api/v1/governance/pii/detect", json={"text": CORPUS_TEXT, "entity_types": ["emial"]}),
        ]
    assert [r.status_code for r in answers] == [422, 422, 422, 422, 422, 422, 404, 422]
    for r in answers:
        assert_no_pii(r.text)


def test_no_pii_in_logs(server: Running, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        with server.http("admin") as http:
            http.post(f"/api/v1/governance/pii/detect?email={EMAIL}", json={"text": CORPUS_TEXT})
            http.post("/api/v1/firewall/apply", json={"text": CORPUS_TEXT, "stage": "output-pii-scanner"})
            http.post("/api/v1/tokenize", json={"text": CORPUS_TEXT, "bad": CORPUS_TEXT})
            http.post("/analyze", json={"text": CORPUS_TEXT, "language": "en"})
            http.get(f"/nowhere/{SSN}?ssn={SSN}")
        server.flush()
    access = [r for r in caplog.records if r.name == "mask_server.access"]
    assert any("/api/v1/governance/pii/detect 200" in r.getMessage() for r in access)
    assert any("<unmatched> 404" in r.getMessage() for r in access)
    server_side = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    assert server_side
    for r in server_side:  # (httpx, the test's own client, logs its request URLs)
        assert_no_pii(r.getMessage())
        assert EMAIL not in r.getMessage() and SSN not in r.getMessage()


def test_metrics_count_findings_with_bounded_labels(server: Running) -> None:
    with server.http("admin") as http:
        http.post("/api/v1/governance/pii/detect", json={"text": f"{EMAIL} {SSN}"})
        http.get(f"/unknown/{SSN}")
    with server.http("metrics") as http:
        text = http.get("/metrics").text
    assert (
        'mask_findings_total{action="redact",entity_type="EMAIL_ADDRESS",stage="input-pii-scanner"} 1.0'
        in text
    )
    assert 'route="/api/v1/governance/pii/detect"' in text and 'route="<unmatched>"' in text
    assert "mask_http_request_duration_seconds_bucket" in text and "mask_policy_file_valid 1.0" in text
    assert SSN not in text and EMAIL not in text


def test_events_are_stored_without_values(server: Running) -> None:
    with server.http("admin") as http:
        found = http.post(
            "/api/v1/governance/pii/detect", json={"text": CORPUS_TEXT, "user_id": "ana"}
        ).json()
        http.post("/analyze", json={"text": f"{EMAIL}", "language": "en"})
    server.flush()
    store = server.app.state.store
    rows = store.hourly(time.time() - 3600)
    assert sum(n for *_, n in rows) == len(found["entities"]) + 1 > 10
    assert {a for _, _, a, _ in rows} == {"redact", "detect"}
    assert set(store.users()) == {"ana", None}
    raw = Path(server.tmp_path / "events.db").read_bytes()
    for item in PII_CORPUS:
        assert item.value.encode() not in raw


def test_policy_reloads_live_and_a_bad_edit_is_reported(server: Running) -> None:
    path = server.tmp_path / "policy.yaml"
    with server.http("admin") as http:
        path.write_text(POLICY.replace("action: redact", "action: pass", 1))
        deadline = time.monotonic() + 10
        while http.post("/api/v1/governance/pii/detect", json={"text": SSN}).json()["masked_text"] != SSN:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        path.write_text(POLICY.replace("action: redact", "action: shred", 1))
        deadline = time.monotonic() + 10
        while not http.get("/health").json()["policy_reload_error"]:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert http.post("/api/v1/governance/pii/detect", json={"text": SSN}).json()["masked_text"] == SSN


def test_presidio_analyze_matches_presidios_json(server: Running) -> None:
    text = f"My email is {EMAIL} and my SSN is {SSN}"
    with server.http("detect") as http:
        r = http.post("/analyze", json={"text": text, "language": "en"})
        assert r.status_code == 200
        results = r.json()
        assert [(x["entity_type"], x["start"], x["end"]) for x in results] == [
            ("EMAIL_ADDRESS", 12, 34),
            ("US_SSN", 49, 60),
        ]
        assert list(results[0]) == sorted(results[0])  # Presidio's service sorts keys
        assert set(results[0]) == {
            "analysis_explanation",
            "end",
            "entity_type",
            "recognition_metadata",
            "score",
            "start",
        }
        assert results[0]["analysis_explanation"] is None
        only = http.post("/analyze", json={"text": text, "language": "en", "entities": ["US_SSN"]}).json()
        assert [x["entity_type"] for x in only] == ["US_SSN"]
        explained = http.post(
            "/analyze", json={"text": text, "language": "en", "return_decision_process": True}
        ).json()
        assert explained[0]["analysis_explanation"]["recognizer"]
        batch = http.post("/analyze", json={"text": [text, "nothing here"], "language": "en"}).json()
        assert len(batch) == 2 and len(batch[0]) == 2 and batch[1] == []
        allowed = http.post("/analyze", json={"text": text, "language": "en", "allow_list": [EMAIL]}).json()
        assert [x["entity_type"] for x in allowed] == ["US_SSN"]
        high = http.post("/analyze", json={"text": text, "language": "en", "score_threshold": 1.0}).json()
        assert all(x["score"] >= 1.0 for x in high)
        adhoc = http.post(
            "/analyze", json={"text": text, "language": "en", "ad_hoc_recognizers": [{"name": "x"}]}
        )
        assert adhoc.status_code == 422 and "error" in adhoc.json()  # refused: see presidio.py
        regex = http.post(
            "/analyze",
            json={"text": text, "language": "en", "allow_list": ["x"], "allow_list_match": "regex"},
        )
        assert regex.status_code == 422
        assert http.post("/analyze", json={"text": "", "language": "en"}).status_code == 422
        entities = http.get("/supportedentities", params={"language": "en"}).json()
    assert {"EMAIL_ADDRESS", "US_SSN", "CREDIT_CARD", "PHONE_NUMBER", "API_KEY"} <= set(entities)
    assert entities == sorted(entities)


def test_production_without_keys_refuses_to_start(tmp_path: Path) -> None:
    from mask_core.settings import MaskSettings

    with pytest.raises(MaskConfigurationError, match="MASK_SERVER_API_KEYS"):
        create_app(
            ServerSettings(database_url=f"sqlite:///{tmp_path / 'e.db'}"),  # type: ignore[arg-type]
            mask_settings=MaskSettings(env="production"),
            client=make_client(),
        )


def test_hashed_keys_and_fingerprinted_users(tmp_path: Path) -> None:
    import hashlib

    from mask_server import ApiKey

    raw = "hashed-key-0123456789abcdef"
    digest = "sha256:" + hashlib.sha256(raw.encode()).hexdigest()
    settings = settings_for(
        tmp_path,
        api_keys=[ApiKey(name="h", key=digest, scopes=frozenset({"detect"}))],
        event_user="fingerprint",
    )
    app = create_app(settings, client=make_client())
    with LiveServer(app) as live:
        r = httpx.post(
            f"{live.url}/api/v1/governance/pii/detect",
            json={"text": SSN, "user_id": "alice.johnson@example.com"},
            headers={"Authorization": f"Bearer {raw}"},
        )
        assert r.status_code == 200
        app.state.service.recorder.flush()
        users = app.state.store.users()
    assert len(users) == 1 and users[0].startswith("fp:") and "alice" not in users[0]
