"""Firewall.apply: every action, allowlists, exemptions, expiring passthrough, thresholds, no leaks."""

from __future__ import annotations

import asyncio
import datetime as dt
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mask_core import MaskClient, MemoryVault, PatternRecognizer
from mask_core.audit import AuditEvent
from mask_core.errors import FirewallBlockedError, InvalidInputError, PolicyError
from mask_core.policy import Decision, Firewall, Policy, PolicyFile, mask_value
from mask_core.testing import PII_CORPUS, FakeClock, assert_no_pii

EMAIL = "jane.smith@company.com"
CARD = "4539 1488 0343 6467"
SSN = "536-22-8745"
PHONE = "+1 (415) 555-2671"


def _policy(body: str) -> Policy:
    return Policy.from_yaml(textwrap.dedent(body), source="test.yaml")


def _stage(config: str, extra: str = "") -> Policy:
    cfg = textwrap.indent(textwrap.dedent(config), " " * 8)
    return _policy(
        f"firewall:\n  stages:\n    - name: s\n      config:\n{cfg}{textwrap.indent(textwrap.dedent(extra), '  ')}"
    )


@pytest.fixture
def api_key_client(client: MaskClient) -> MaskClient:
    # Until the full catalogue lands, a custom recognizer plays the brief's API key detector.
    client.add_recognizer(PatternRecognizer("API_KEY", r"\bsk_live_[0-9a-zA-Z]{24,}\b", score=0.99))
    client.add_recognizer(PatternRecognizer("MEDICAL_RECORD_NUMBER", r"\bMRN-\d{8}\b", score=0.95))
    return client


def test_mask_keeps_structure_and_the_configured_tail() -> None:
    # The brief's examples, exactly.
    assert mask_value("jane.smith@company.com", "X", 0) == "XXXX.XXXXX@XXXXXXX.XXX"
    assert mask_value("555-123-4567", "X", 0) == "XXX-XXX-XXXX"
    assert mask_value("4532-1234-5678-9010", "X", 4) == "XXXX-XXXX-XXXX-9010"
    assert mask_value("1975-03-22", "X", 0) == "XXXX-XX-XX"
    assert mask_value("MRN-12345678", "X", 0) == "XXX-XXXXXXXX"


def test_mask_action_per_the_brief(api_key_client: MaskClient) -> None:
    fw = Firewall(
        _stage(
            "entity_types: [email, credit_card, phone, medical_record_number]\naction: mask\nmask_percentage: 75\n"
        ),
        client=api_key_client,
    )
    text = f"Mail {EMAIL}, card {CARD}, call {PHONE}, record MRN-12345678."
    result = fw.apply(text, stage="s")
    assert (
        result.text
        == "Mail XXXX.XXXXX@XXXXXXX.XXX, card XXXX XXXX XXXX 6467, call +X (XXX) XXX-XXXX, record XXX-XXXXXXXX."
    )
    assert [f.name for f in result.findings] == ["email", "credit_card", "phone", "medical_record_number"]
    assert all(f.action is Decision.MASK for f in result.findings)
    for f in result.findings:  # spans in both texts are exact
        assert text[f.start : f.end] == f.text
        assert result.text[f.new_start : f.new_end] == f.replacement
    # Default mask_percentage is 100: nothing of a card shows.
    fw = Firewall(_stage("action: mask\nmask_char: '*'\n"), client=api_key_client)
    assert fw.apply(f"card {CARD}", stage="s").text == "card **** **** **** ****"


def test_redact_default_and_configured_tokens(api_key_client: MaskClient) -> None:
    fw = Firewall(_stage("action: redact\n"), client=api_key_client)
    assert (
        fw.apply(f"User {EMAIL} called with complaint", stage="s").text
        == "User [EMAIL] called with complaint"
    )
    assert fw.apply(f"Credit card {CARD} on file", stage="s").text == "Credit card [CREDIT_CARD] on file"
    key = "sk_live_1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p"
    out = fw.apply(f"curl -H 'Authorization: Bearer {key}'", stage="s").text
    assert out == "curl -H 'Authorization: Bearer [API_KEY]'"
    fw = Firewall(
        _stage('action: redact\nredaction_tokens: {email: "[EMAIL]", credit_card: "[CC]", ssn: "[SSN]"}\n'),
        client=api_key_client,
    )
    assert fw.apply(f"{CARD} / {SSN}", stage="s").text == "[CC] / [SSN]"


def test_tokenize_is_the_default_and_reverses(client: MaskClient) -> None:
    fw = Firewall(client=client)
    text = f"Reach {EMAIL} or {PHONE}; SSN {SSN}."
    result = fw.apply(text)
    assert all(f.action is Decision.TOKENIZE for f in result.findings) and len(result.findings) == 3
    assert EMAIL not in result.text and SSN not in result.text
    assert client.detokenize_text(result.text) == text
    # Idempotent: a second pass finds the live tokens and leaves them alone.
    assert fw.apply(result.text).text == result.text


def test_pass_detects_but_changes_nothing(client: MaskClient) -> None:
    events: list[AuditEvent] = []
    fw = Firewall(
        _stage("action: pass\n"),
        client=client,
        audit=type("S", (), {"emit": lambda self, e: events.append(e)})(),
    )
    result = fw.apply(f"SSN {SSN}", stage="s")
    assert result.text == f"SSN {SSN}" and not result.changed
    assert [f.action for f in result.findings] == [Decision.PASS]
    assert [(e.action, e.entity_type, e.outcome, e.detail) for e in events] == [
        ("policy", "US_SSN", "ok", "s:pass")
    ]
    assert_no_pii(events, [e.to_dict() for e in events])


def test_block_refuses_without_saying_the_value(api_key_client: MaskClient) -> None:
    fw = Firewall(
        _stage("entity_types: [email]\naction: redact\nentity_actions: {api_key: block}\n"),
        client=api_key_client,
    )
    key = "sk_live_1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p"
    with pytest.raises(FirewallBlockedError) as info:
        fw.apply(f"{EMAIL} uses {key}", stage="s")
    err = info.value
    assert err.stage == "s" and "API_KEY" in str(err)
    assert [str(f.action) for f in err.findings] == ["redact", "block"]
    assert key not in str(err) + repr(err.findings) and EMAIL not in str(err) + repr(err.findings)
    assert all(getattr(f, "text", None) == "" for f in err.findings)  # no value kept on the exception
    assert [(getattr(f, "start", None), getattr(f, "end", None)) for f in err.findings] == [
        (0, len(EMAIL)),
        (len(EMAIL) + 6, len(EMAIL) + 6 + len(key)),
    ]
    assert fw.apply(f"only {EMAIL}", stage="s").text == "only [EMAIL]"


def test_allowlist_matches_whole_findings_only(client: MaskClient) -> None:
    fw = Firewall(
        _stage(
            "action: redact\n",
            """\
              pii-masking:
                allowlist:
                  - pattern: "^4111-1111-1111-1111$"
                    reason: Example credit card
                  - pattern: "10.0.0.1"
                    reason: The gateway's address
            """,
        ),
        client=client,
    )
    # (Loopback addresses are not reported at all, so a private address shows the whole-match rule.)
    result = fw.apply("test card 4111-1111-1111-1111, hosts 10.0.0.1 and 10.0.0.15", stage="s")
    assert result.text == "test card 4111-1111-1111-1111, hosts 10.0.0.1 and [IP_ADDRESS]"
    assert [f.action for f in result.findings] == [
        Decision.ALLOWLISTED,
        Decision.ALLOWLISTED,
        Decision.REDACT,
    ]
    assert result.findings[0].reason == "Example credit card" and result.findings[0].false_positive


def test_user_exemptions_by_user_and_role(client: MaskClient) -> None:
    policy = _stage(
        """\
        entity_types: [email, phone, ssn]
        action: redact
        user_exemptions:
          - user_id: support_agent@company.com
            skip_entity_types: [email, phone]
          - role: hr
            skip_entity_types: [ssn]
        """
    )
    fw = Firewall(policy, client=client)
    text = f"{EMAIL} {PHONE} {SSN}"
    agent = fw.apply(text, stage="s", user="support_agent@company.com")
    assert agent.text == f"{EMAIL} {PHONE} [SSN]"
    assert [f.action for f in agent.findings] == [Decision.EXEMPTED, Decision.EXEMPTED, Decision.REDACT]
    assert fw.apply(text, stage="s", user="someone@else.com", roles=["hr"]).text == f"[EMAIL] [PHONE] {SSN}"
    assert fw.apply(text, stage="s").text == "[EMAIL] [PHONE] [SSN]"
    with pytest.raises(InvalidInputError, match="roles"):
        fw.apply(text, stage="s", roles="hr")


def test_passthrough_rules_expire_on_time(client: MaskClient) -> None:
    end_of_june = dt.datetime(2025, 7, 1, tzinfo=dt.UTC).timestamp()
    clock = FakeClock(end_of_june - 2.0)
    policy = _stage(
        "entity_types: [ssn, email]\naction: redact\n",
        """\
          pii-masking:
            passthrough:
              - role: security_audit
                entity_types: [ssn]
                expires_at: "2025-06-30"
                reason: Q2 compliance audit
              - user_id: admin@company.com
                entity_types: [all]
                expires_at: null
              - user_id: temp@company.com
                entity_types: [email]
                expires_at: "2025-06-30T23:59:59.500Z"
        """,
    )
    fw = Firewall(policy, client=client, clock=clock)
    text = f"{SSN} {EMAIL}"
    audit = fw.apply(text, stage="s", roles=["security_audit"])
    assert audit.text == f"{SSN} [EMAIL]"
    assert (
        audit.findings[0].action is Decision.PASSTHROUGH and audit.findings[0].reason == "Q2 compliance audit"
    )
    assert fw.apply(text, stage="s", user="temp@company.com").text == f"[SSN] {EMAIL}"
    clock.advance(1.6)  # 23:59:59.6: the datetime rule is over, the date rule runs through the day
    assert fw.apply(text, stage="s", user="temp@company.com").text == "[SSN] [EMAIL]"
    assert fw.apply(text, stage="s", roles=["security_audit"]).text == f"{SSN} [EMAIL]"
    clock.advance(0.4)  # midnight UTC: the Q2 audit is over
    assert fw.apply(text, stage="s", roles=["security_audit"]).text == "[SSN] [EMAIL]"
    clock.advance(10 * 365 * 86400.0)
    assert fw.apply(text, stage="s", user="admin@company.com").text == text


def test_confidence_threshold_per_stage(client: MaskClient) -> None:
    client.add_recognizer(PatternRecognizer("EMPLOYEE_ID", r"\bEMP-\d{6}\b", score=0.7))
    strict = Firewall(_stage("action: redact\nconfidence_threshold: 0.9\n"), client=client)
    lax = Firewall(_stage("action: redact\nconfidence_threshold: 0.6\n"), client=client)
    assert strict.apply("id EMP-123456", stage="s").text == "id EMP-123456"
    assert lax.apply("id EMP-123456", stage="s").text == "id [EMPLOYEE_ID]"
    low = PatternRecognizer("EMPLOYEE_ID", r"\bSTAFF-\d{4}\b", score=0.3, name="staff")
    client.add_recognizer(low)  # below the client's 0.5 threshold: a stage may still ask for it
    lowest = Firewall(_stage("action: redact\nconfidence_threshold: 0.25\n"), client=client)
    assert lowest.apply("STAFF-1234", stage="s").text == "[EMPLOYEE_ID]"
    assert lax.apply("STAFF-1234", stage="s").text == "STAFF-1234"


def test_stage_types_and_disabled_stages(client: MaskClient) -> None:
    policy = _policy(
        """\
        firewall:
          stages:
            - name: only-ssn
              config: {entity_types: [ssn], action: redact}
            - name: "off"
              enabled: false
              config: {action: block}
        """
    )
    fw = Firewall(policy, client=client)
    assert fw.apply(f"{EMAIL} {SSN}", stage="only-ssn").text == f"{EMAIL} [SSN]"
    assert fw.apply(f"{EMAIL} {SSN}", stage="off").text == f"{EMAIL} {SSN}"
    with pytest.raises(InvalidInputError):
        fw.apply("x", stage="missing")


def test_the_pii_corpus_never_leaks_through_any_changing_action(client: MaskClient) -> None:
    text = "\n".join(f"{item.entity_type.lower()}: {item.value}" for item in PII_CORPUS)
    for action in ("tokenize", "mask", "redact"):
        fw = Firewall(_stage(f"action: {action}\n"), client=client)
        result = fw.apply(text, stage="s")
        assert_no_pii(result.text, repr(result), [repr(f) for f in result.findings], str(result.findings))
        assert len(result.findings) == len(PII_CORPUS), action


def test_apply_deep_walks_payloads(client: MaskClient) -> None:
    fw = Firewall(
        _stage("entity_types: [email]\naction: redact\nentity_actions: {ssn: tokenize}\n"), client=client
    )
    payload = {"user": {"email": EMAIL, "notes": [f"ssn {SSN}", 3]}, "ok": True}
    out = fw.apply_deep(payload, stage="s")
    assert out["user"]["email"] == "[EMAIL]" and out["ok"] is True and out["user"]["notes"][1] == 3
    assert SSN not in out["user"]["notes"][0]
    assert client.deep_decode(out)["user"]["notes"][0] == f"ssn {SSN}"


def test_async_twins_match(client: MaskClient) -> None:
    fw = Firewall(_stage("action: redact\n"), client=client)
    text = f"{EMAIL} {CARD}"

    async def run() -> tuple[str, list[str]]:
        return (await fw.aapply(text, stage="s")).text, await fw.aapply_deep([text], stage="s")

    assert asyncio.run(run()) == (fw.apply(text, stage="s").text, ["[EMAIL] [CREDIT_CARD]"])


_MASKING = Firewall(
    _stage("action: mask\nmask_percentage: 75\n"),
    client=MaskClient(tenant="t", master_key=b"k" * 32, vault=MemoryVault()),
)


@settings(max_examples=60, deadline=None)
@given(prefix=st.text(max_size=30), suffix=st.text(max_size=30))
def test_spans_hold_for_any_surroundings(prefix: str, suffix: str) -> None:
    fw = _MASKING
    text = f"{prefix} {SSN} and {EMAIL} {suffix}"
    result = fw.apply(text, stage="s")
    assert SSN not in result.text and EMAIL not in result.text
    for f in result.findings:
        assert text[f.start : f.end] == f.text
        assert result.text[f.new_start : f.new_end] == f.replacement


@settings(max_examples=200, deadline=None)
@given(value=st.text(min_size=1, max_size=40), tail=st.integers(min_value=0, max_value=50))
def test_mask_value_keeps_layout_and_shows_only_the_tail(value: str, tail: int) -> None:
    masked = mask_value(value, "#", tail)
    assert len(masked) == len(value)
    slots = [i for i, ch in enumerate(value) if ch.isalnum()]
    shown = set(slots[len(slots) - tail :]) if tail else set()
    for i, (a, b) in enumerate(zip(value, masked, strict=True)):
        if not a.isalnum() or i in shown:
            assert a == b
        else:
            assert b == "#"


# -- field rules in the policy ---------------------------------------------------------------------------
_FIELDS = """
firewall:
  stages: [{name: output-pii-scanner}]
  fields:
    patient_ref: MEDICAL_RECORD_NUMBER
    order.note: person
    ticket_status: never
"""


def test_policy_field_rules_protect_values_no_recognizer_would_find(client: MaskClient) -> None:
    firewall = Firewall(_policy(_FIELDS), client=client)
    payload = {"patientRef": "A-77", "order": {"note": "Zorblax"}, "ticket_status": "open"}
    out = firewall.apply_deep(payload, stage="output-pii-scanner")
    assert out["patientRef"].startswith("MEDICAL_RECORD_NUMBER_")
    assert out["order"]["note"].startswith("PERSON_")
    assert out["ticket_status"] == "open"
    assert client.deep_decode(out) == payload
    # The path rule names order.note only: a note elsewhere is content.
    other = {"note": "Zorblax", "order": {"total": 3}}
    assert firewall.apply_deep(other, stage="output-pii-scanner") == other
    # The client's own rules are untouched: the policy's apply only through the firewall.
    assert client.deep_encode({"patientRef": "A-77"}) == {"patientRef": "A-77"}


def test_a_value_the_policy_s_fields_name_is_protected_where_the_payload_repeats_it(
    client: MaskClient,
) -> None:
    firewall = Firewall(_policy(_FIELDS), client=client)
    payload = {"order": {"note": "Zorblax"}, "comment": "Zorblax called about the order"}
    out = firewall.apply_deep(payload, stage="output-pii-scanner")
    assert "Zorblax" not in str(out)
    assert out["comment"] == out["order"]["note"] + " called about the order"
    assert client.deep_decode(out) == payload


def test_policy_field_rules_name_the_columns_of_a_table_written_as_text(client: MaskClient) -> None:
    firewall = Firewall(_policy(_FIELDS), client=client)
    rows = "patient_ref,ward\nA-77,4B\n"
    out = firewall.apply_deep({"result": rows}, stage="output-pii-scanner")
    assert "A-77" not in out["result"] and out["result"].startswith("patient_ref,ward\n")
    assert client.deep_decode(out) == {"result": rows}
    assert client.tokenize_text(rows) == rows  # the client's own rules know no patient_ref


def test_a_never_field_still_scans_free_text(client: MaskClient) -> None:
    firewall = Firewall(_policy(_FIELDS), client=client)
    out = firewall.apply_deep(
        {"ticket_status": "refunded, mail jane.smith@company.com"}, stage="output-pii-scanner"
    )
    assert "jane.smith@company.com" not in out["ticket_status"]


def test_a_policy_reload_brings_its_own_field_rules(client: MaskClient, tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(_FIELDS)
    source = PolicyFile(path)
    firewall = Firewall(source, client=client)
    assert firewall.apply_deep({"patient_ref": "A-77"}, stage="output-pii-scanner") != {"patient_ref": "A-77"}
    path.write_text(_FIELDS.replace("patient_ref: MEDICAL_RECORD_NUMBER", "patient_ref: never"))
    source.reload(force=True)
    assert firewall.apply_deep({"patient_ref": "A-77"}, stage="output-pii-scanner") == {"patient_ref": "A-77"}


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("passport", "one entity type"),  # stands for PASSPORT and US_PASSPORT
        ("HEALTH", "one entity type"),
        ("all", "one entity type"),
        ("emial", "close matches: email"),
    ],
)
def test_a_field_rule_names_exactly_one_type(rule: str, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        _policy(f"firewall: {{stages: [{{name: a}}], fields: {{x: {rule}}}}}")


def test_a_field_rule_key_is_a_key_or_a_parent_path() -> None:
    with pytest.raises(PolicyError, match=r"fields\.a\.b\.c"):
        _policy("firewall: {stages: [{name: a}], fields: {a.b.c: person}}")
