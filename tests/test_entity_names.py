"""Entity type names are accepted the same way at every entry point, and a typo is refused with close
matches (mask_core.entity_names): the CLI's --allow and --entity, the settings, configure_detection,
policy files. The HTTP API's fields: packages/mask-server/tests/test_service_details.py."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from mask_core import MaskClient, MemoryVault, UnknownEntityTypeError
from mask_core.cli._common import CliState
from mask_core.cli.app import app
from mask_core.entities import BUILTIN_ENTITIES, Category
from mask_core.entity_names import BRIEF_NAMES, close_matches, resolve_entity_names
from mask_core.errors import MaskConfigurationError
from mask_core.policy import Policy, PolicyError
from mask_core.settings import get_settings

runner = CliRunner()
EMAIL, CARD = "alice.johnson@example.com", "4539 1488 0343 6467"


@given(st.sampled_from(sorted(BRIEF_NAMES)), st.sampled_from([str.lower, str.title]))
def test_a_brief_name_means_the_same_in_lower_or_title_case(name: str, case: object) -> None:
    assert resolve_entity_names([case(name)]) == frozenset(BRIEF_NAMES[name])  # type: ignore[operator]


@given(st.sampled_from(sorted(BUILTIN_ENTITIES)))
def test_a_catalogue_name_in_capitals_is_that_type(name: str) -> None:
    assert resolve_entity_names([name]) == {name}
    if name.lower() not in BRIEF_NAMES:  # ``passport`` is the brief name: PASSPORT and US_PASSPORT
        assert resolve_entity_names([name.lower()]) == {name}


def test_a_name_that_is_both_is_the_brief_one_in_lower_case() -> None:
    assert resolve_entity_names(["passport"]) == {"PASSPORT", "US_PASSPORT"}
    assert resolve_entity_names(["PASSPORT"]) == {"PASSPORT"}


def test_categories_and_all() -> None:
    health = resolve_entity_names(["health"])
    assert health is not None and "US_NPI" in health and "EMAIL_ADDRESS" not in health
    assert (
        resolve_entity_names(["HEALTH"])
        == health
        == {n for n, c in BUILTIN_ENTITIES.items() if c == "HEALTH"}
    )
    assert resolve_entity_names(["email", "all"]) is None
    assert set(Category) >= {Category.HEALTH}


@pytest.mark.parametrize(
    ("typo", "suggestion"),
    [("emial", "email"), ("credit_crd", "credit_card"), ("US_SNN", "US_SSN"), ("helth", "HEALTH")],
)
def test_a_typo_is_refused_with_close_matches_and_without_repeating_it(typo: str, suggestion: str) -> None:
    with pytest.raises(UnknownEntityTypeError) as info:
        resolve_entity_names([typo], where="--allow")
    message = str(info.value)
    assert message.startswith("--allow: unknown entity type name")
    assert suggestion in message.split("close matches:")[1]
    assert typo not in message.replace(suggestion, "")
    assert len(message) < 400  # a few matches, not the catalogue


def test_close_matches_are_few() -> None:
    assert close_matches("emial")[:1] == ["email"]
    assert len(close_matches("a")) <= 3


def test_custom_types_count_only_where_they_are_known() -> None:
    assert resolve_entity_names(["TICKET_ID"], extra=["TICKET_ID"]) == {"TICKET_ID"}
    with pytest.raises(UnknownEntityTypeError):
        resolve_entity_names(["BOGUS"])
    assert resolve_entity_names(["BOGUS"], custom=True) == {"BOGUS"}  # a policy file's custom type


# -- settings and configure_detection ----------------------------------------------------------------
def test_settings_accept_brief_names_and_store_catalogue_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_ENTITIES", "email, credit_card, health")
    monkeypatch.setenv("MASK_DISABLED_ENTITIES", "us_npi")
    monkeypatch.setenv("MASK_REPORT_ONLY", "date,url")
    settings = get_settings()
    detection = settings.detection
    assert detection.entities is not None
    assert {"EMAIL_ADDRESS", "CREDIT_CARD", "US_DEA"} <= set(detection.entities)
    assert detection.disabled_entities == ["US_NPI"]
    assert detection.report_only == ["DATE_TIME", "URL"]
    client = MaskClient(tenant="t", master_key=b"k" * 32, vault=MemoryVault(), settings=settings)
    found = {e.entity_type for e in client.scan(f"mail {EMAIL}, card {CARD}, SSN 536-22-8745")}
    assert found == {"EMAIL_ADDRESS", "CREDIT_CARD"}


@pytest.mark.parametrize("variable", ["MASK_ENTITIES", "MASK_DISABLED_ENTITIES", "MASK_REPORT_ONLY"])
def test_a_typo_in_a_settings_list_names_the_variable(monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    monkeypatch.setenv(variable, "email,emial")
    with pytest.raises(MaskConfigurationError) as info:
        get_settings()
    assert f"{variable}: unknown entity type name; close matches: email" in str(info.value)


def test_report_only_all_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_REPORT_ONLY", "all")
    with pytest.raises(MaskConfigurationError, match="MASK_REPORT_ONLY"):
        get_settings()


def test_configure_detection_takes_brief_names_and_refuses_typos(client: MaskClient) -> None:
    client.configure_detection(enable=["email"])
    assert {e.entity_type for e in client.scan(f"{EMAIL} {CARD}")} == {"EMAIL_ADDRESS"}
    with pytest.raises(UnknownEntityTypeError, match="close matches: email"):
        client.configure_detection(enable=["emial"])


def test_policy_names_resolve_the_same_way() -> None:
    policy = Policy.from_yaml(
        "firewall:\n  stages:\n    - name: input-pii-scanner\n      config:\n"
        "        entity_types: [Email, us_ssn, HEALTH]\n"
    )
    assert policy is not None
    with pytest.raises(PolicyError) as info:
        Policy.from_yaml(
            "firewall:\n  stages:\n    - name: input-pii-scanner\n      config:\n        entity_types: [emial]\n"
        )
    assert "close matches: email" in str(info.value) and "emial" not in str(info.value).split("close")[1]


# -- the command line ---------------------------------------------------------------------------------
def _tokens(client: MaskClient) -> str:
    return client.tokenize_text(f"mail {EMAIL} card {CARD}")


@pytest.mark.parametrize("allow", ["email", "EMAIL_ADDRESS", "Email", "contact"])
def test_detokenize_allow_takes_every_spelling(allow: str) -> None:
    vault = MemoryVault()
    client = MaskClient(tenant="acme", master_key=b"\x01" * 32, vault=vault)
    from mask_core import Keyring

    state = CliState(vault=vault, keyring=Keyring.from_master_key(b"\x01" * 32))
    result = runner.invoke(app, ["detokenize", "-t", "acme", "--allow", allow, _tokens(client)], obj=state)
    assert result.exit_code == 0, result.stderr
    assert EMAIL in result.stdout and CARD not in result.stdout


@pytest.mark.parametrize(("allow", "suggestion"), [("emial", "email"), ("BOGUS", None)])
def test_detokenize_allow_typo_fails_with_close_matches(allow: str, suggestion: str | None) -> None:
    vault = MemoryVault()
    client = MaskClient(tenant="acme", master_key=b"\x01" * 32, vault=vault)
    from mask_core import Keyring

    state = CliState(vault=vault, keyring=Keyring.from_master_key(b"\x01" * 32))
    result = runner.invoke(app, ["detokenize", "-t", "acme", "--allow", allow, _tokens(client)], obj=state)
    assert result.exit_code == 2 and result.stdout == ""
    assert (
        len(result.stderr.strip().splitlines()) == 1 and "--allow: unknown entity type name" in result.stderr
    )
    if suggestion:
        assert f"close matches: {suggestion}" in result.stderr


def test_scan_entity_filter_takes_brief_names_and_refuses_typos() -> None:
    text = f"mail {EMAIL} card {CARD}\n"
    both = runner.invoke(app, ["scan", "-f", "jsonl", "-e", "email", "-e", "FINANCIAL"], input=text)
    assert both.exit_code == 0
    assert sorted(line.split('"entity_type": "')[1].split('"')[0] for line in both.stdout.splitlines()) == [
        "CREDIT_CARD",
        "EMAIL_ADDRESS",
    ]
    typo = runner.invoke(app, ["scan", "-e", "emial"], input=text)
    assert typo.exit_code == 2 and "close matches: email" in typo.stderr
