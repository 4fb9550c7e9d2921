"""Policy files: the brief's structure loads; every kind of mistake fails at load with file, line, field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from mask_core.entities import BUILTIN_ENTITIES
from mask_core.errors import InvalidInputError, MaskConfigurationError, PolicyError
from mask_core.policy import BRIEF_NAMES, Action, Policy, brief_name, canonical_types, redaction_label

# The brief's two YAML examples, merged into one file (stages, allowlist, passthrough).
BRIEF_POLICY = textwrap.dedent(
    """\
    firewall:
      stages:
        - name: "input-pii-scanner"
          enabled: true
          config:
            entity_types:
              - "email"
              - "ssn"
              - "credit_card"
              - "phone"
              - "api_key"
              - "passport"
            action: "mask"
            mask_char: "X"
            mask_percentage: 75
            confidence_threshold: 0.85
            user_exemptions:
              - user_id: "support_agent@company.com"
                skip_entity_types: ["email", "phone"]
        - name: "output-pii-scanner"
          enabled: true
          config:
            entity_types:
              - "ssn"
              - "credit_card"
              - "api_key"
              - "database_password"
            action: "mask"
            mask_char: "*"
            confidence_threshold: 0.90
      pii-masking:
        allowlist:
          - pattern: "^999-99-9999$"
            reason: "Test SSN fixture"
          - pattern: "^4111-1111-1111-1111$"
            reason: "Example credit card"
          - pattern: "example@example.com"
            reason: "Documentation example"
          - pattern: "127.0.0.1"
            reason: "Localhost IP"
        passthrough:
          - role: "security_audit"
            entity_types: ["ssn", "credit_card", "api_key"]
            expires_at: "2025-06-30"
            reason: "Q2 compliance audit"
          - user_id: "admin@company.com"
            entity_types: ["all"]
            expires_at: null
    """
)


def _fail(text: str, source: str = "policy.yaml") -> PolicyError:
    with pytest.raises(PolicyError) as info:
        Policy.from_yaml(textwrap.dedent(text), source=source)
    return info.value


def test_the_brief_policy_loads_with_its_meaning() -> None:
    policy = Policy.from_yaml(BRIEF_POLICY, source="brief.yaml")
    inp, out = policy.stage("input-pii-scanner"), policy.stage("output-pii-scanner")
    assert inp.types == {
        "EMAIL_ADDRESS",
        "US_SSN",
        "CREDIT_CARD",
        "PHONE_NUMBER",
        "API_KEY",
        "PASSPORT",
        "US_PASSPORT",
    }
    assert out.types == {"US_SSN", "CREDIT_CARD", "API_KEY", "DATABASE_PASSWORD"}
    assert inp.action is Action.MASK and inp.threshold == 0.85 and out.mask_char == "*"
    assert next(a.reason for a in policy.allowlist) == "Test SSN fixture"
    assert policy.passthrough[1].expires == float("inf")
    assert "brief.yaml" in repr(policy) and policy.text == BRIEF_POLICY


def test_every_brief_name_maps_to_catalogue_types() -> None:
    for name, types in BRIEF_NAMES.items():
        assert types, name
        assert set(types) <= set(BUILTIN_ENTITIES), name
        assert canonical_types(name) == frozenset(types)
    # The brief's own names, as the issue lists them.
    for name, expected in {
        "email": "EMAIL_ADDRESS",
        "ssn": "US_SSN",
        "credit_card": "CREDIT_CARD",
        "api_key": "API_KEY",
        "passport": "PASSPORT",
        "database_password": "DATABASE_PASSWORD",
        "medical_record_number": "MEDICAL_RECORD_NUMBER",
        "health_insurance_id": "HEALTH_INSURANCE_ID",
        "birth_date": "DATE_OF_BIRTH",
    }.items():
        assert expected in (canonical_types(name) or ()), name
        assert brief_name(expected) == name
    assert canonical_types("all") is None
    assert canonical_types("US_SSN") == canonical_types("us_ssn") == {"US_SSN"}
    assert redaction_label("EMAIL_ADDRESS") == "[EMAIL]" and redaction_label("US_SSN") == "[SSN]"
    assert redaction_label("ES_NIE") == "[ES_NIE]"
    with pytest.raises(InvalidInputError):
        canonical_types("emial")


def test_a_wrong_action_names_file_line_and_field() -> None:
    err = _fail(
        """\
        firewall:
          stages:
            - name: input-pii-scanner
              config:
                entity_types: [email]
                action: scramble
        """
    )
    assert isinstance(err, MaskConfigurationError)
    (issue,) = err.issues
    assert (issue.source, issue.line, issue.field) == ("policy.yaml", 6, "firewall.stages[0].config.action")
    assert "policy.yaml:6:" in str(err) and "firewall.stages[0].config.action" in str(err)
    assert "scramble" not in str(err)  # values never appear in messages


@pytest.mark.parametrize(
    ("yaml_text", "line", "field", "words"),
    [
        (  # a typo in a key is not silently ignored
            "firewall:\n  stages:\n    - name: s\n      config:\n        confidence_treshold: 0.9\n",
            5,
            "firewall.stages[0].config.confidence_treshold",
            "Extra inputs",
        ),
        (  # an unknown entity name inside a list
            "firewall:\n  stages:\n    - name: s\n      config:\n        entity_types:\n          - email\n          - emial\n",
            7,
            "firewall.stages[0].config.entity_types[1]",
            "unknown entity type",
        ),
        (  # a bad regular expression in the allowlist
            "firewall:\n  stages: [{name: s}]\n  pii-masking:\n    allowlist:\n      - pattern: '(unclosed'\n        reason: r\n",
            5,
            "firewall.pii-masking.allowlist[0].pattern",
            "regular expression",
        ),
        (  # a missing required field is named at its parent's line
            "firewall:\n  stages: [{name: s}]\n  pii-masking:\n    allowlist:\n      - pattern: x\n",
            5,
            "firewall.pii-masking.allowlist[0].reason",
            "Field required",
        ),
        (  # out of range
            "firewall:\n  stages:\n    - name: s\n      config:\n        mask_percentage: 175\n",
            5,
            "firewall.stages[0].config.mask_percentage",
            "less than or equal to 100",
        ),
        (  # a passthrough rule needs exactly one subject
            "firewall:\n  stages: [{name: s}]\n  pii-masking:\n    passthrough:\n      - role: a\n        user_id: b\n        entity_types: [all]\n",
            5,
            "firewall.pii-masking.passthrough[0]",
            "exactly one",
        ),
        (  # a bad redaction token key
            "firewall:\n  stages:\n    - name: s\n      config:\n        redaction_tokens:\n          emial: '[E]'\n",
            6,
            "firewall.stages[0].config.redaction_tokens.emial",
            "unknown entity type",
        ),
        (  # an unparseable expiry
            "firewall:\n  stages: [{name: s}]\n  pii-masking:\n    passthrough:\n      - role: a\n        entity_types: [ssn]\n        expires_at: soon\n",
            7,
            "firewall.pii-masking.passthrough[0].expires_at",
            "valid date",
        ),
        (  # duplicate keys would silently drop one value in plain PyYAML
            "firewall:\n  stages:\n    - name: s\n      config:\n        action: pass\n        action: redact\n",
            6,
            "firewall.stages[0].config.action",
            "duplicate key",
        ),
        (  # two stages with one name
            "firewall:\n  stages:\n    - name: s\n    - name: s\n",
            2,
            "firewall.stages",
            "unique",
        ),
    ],
)
def test_mistakes_point_at_their_line(yaml_text: str, line: int, field: str, words: str) -> None:
    err = _fail(yaml_text)
    assert any(i.line == line and i.field == field and words in i.message for i in err.issues), str(err)
    assert f"policy.yaml:{line}:" in str(err)


def test_yaml_syntax_errors_and_wrong_shapes() -> None:
    err = _fail("firewall:\n  stages:\n    - name: [unclosed\n")
    assert err.issues[0].line >= 3 and "invalid YAML" in str(err)
    assert "a mapping" in str(_fail("- just\n- a list\n"))
    assert "a mapping" in str(_fail(""))
    assert "firewall" in str(_fail("stages: []\n"))
    assert "at least 1" in str(_fail("firewall:\n  stages: []\n"))


def test_load_from_a_file_reports_its_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("firewall:\n  stages:\n    - name: s\n      enabled: perhaps\n")
    with pytest.raises(PolicyError, match=r"bad\.yaml:4:.*firewall\.stages\[0\]\.enabled"):
        Policy.load(path)
    with pytest.raises(PolicyError, match="cannot read"):
        Policy.load(tmp_path / "missing.yaml")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (2 << 20))
    with pytest.raises(PolicyError, match="larger than"):
        Policy.load(big)


def test_defaults_tokenize_everything_and_unknown_stages_are_refused() -> None:
    policy = Policy.default()
    stage = policy.stage("input-pii-scanner")
    assert stage.action is Action.TOKENIZE and stage.types is None
    assert set(policy.stages) == {"input-pii-scanner", "output-pii-scanner"}
    with pytest.raises(InvalidInputError, match="unknown firewall stage"):
        policy.stage("nope")


def test_entity_actions_override_and_extend_detection() -> None:
    policy = Policy.from_yaml(
        "firewall:\n  stages:\n    - name: s\n      config:\n        entity_types: [email]\n"
        "        action: redact\n        entity_actions: {api_key: block}\n"
    )
    stage = policy.stage("s")
    assert stage.action_for("API_KEY") is Action.BLOCK and stage.action_for("EMAIL_ADDRESS") is Action.REDACT
    assert stage.types == {"EMAIL_ADDRESS", "API_KEY"}
