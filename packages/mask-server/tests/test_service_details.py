"""What a person meets opening the service: no echoed input in errors, entity names as everywhere,
the console at ``/``, an icon, ``/docs`` without a CDN, and readable, truthful charts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mask_server import create_app
from mask_server.console.charts import ACTION_COLORS, hbar_chart, line_chart
from mask_server.testing import KEYS, POLICY, make_client, settings_for

ADMIN = {"Authorization": f"Bearer {KEYS['admin'][0]}"}
EMAIL, SSN = "alice.johnson@example.com", "536-22-8745"


@pytest.fixture
def http(tmp_path: Path) -> TestClient:
    return TestClient(create_app(settings_for(tmp_path), client=make_client()))


def test_a_made_up_field_is_not_echoed_in_the_422(http: TestClient) -> None:
    r = http.post("/api/v1/tokenize", json={"text": "x", EMAIL: SSN}, headers=ADMIN)
    assert r.status_code == 422
    assert EMAIL not in r.text and SSN not in r.text
    assert r.json()["detail"][0]["loc"] == ["body", "(unknown field)"]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/governance/pii/detect", "entity_types"),
        ("/api/v1/tokenize", "entity_types"),
        ("/api/v1/detokenize", "allowed_types"),
    ],
)
def test_an_entity_type_typo_is_a_short_422_with_close_matches(
    http: TestClient, path: str, field: str
) -> None:
    r = http.post(path, json={"text": f"mail {EMAIL}", field: ["emial"]}, headers=ADMIN)
    assert r.status_code == 422
    assert len(r.content) < 600, "a few close matches, not every name twice"
    assert "close matches: email" in r.text and "emial" not in r.text


@pytest.mark.parametrize("path", ["/api/v1/governance/pii/detect", "/api/v1/detokenize"])
def test_an_unknown_custom_name_is_refused_not_ignored(http: TestClient, path: str) -> None:
    field = "allowed_types" if "detok" in path else "entity_types"
    r = http.post(path, json={"text": f"mail {EMAIL}", field: ["BOGUS_TYPE"]}, headers=ADMIN)
    assert r.status_code == 422 and "unknown entity type name" in r.text


@pytest.mark.parametrize("allowed", [["email"], ["EMAIL_ADDRESS"], ["contact"]])
def test_detokenize_allowed_types_take_every_spelling(http: TestClient, allowed: list[str]) -> None:
    safe = http.post("/api/v1/tokenize", json={"text": f"mail {EMAIL} ssn {SSN}"}, headers=ADMIN).json()[
        "text"
    ]
    r = http.post("/api/v1/detokenize", json={"text": safe, "allowed_types": allowed}, headers=ADMIN)
    assert r.status_code == 200
    assert EMAIL in r.json()["text"] and SSN not in r.json()["text"]


def test_the_address_of_the_service_opens_the_console(http: TestClient) -> None:
    r = http.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console"
    assert http.get("/", follow_redirects=True).url.path == "/console/login"


def test_favicon(http: TestClient) -> None:
    r = http.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert 'rel="icon"' in http.get("/console/login").text


def test_docs_load_nothing_from_another_host(http: TestClient) -> None:
    page = http.get("/docs")
    assert page.status_code == 200
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']|url: *['"]([^'"]+)['"]""", page.text)
    assets = [a or b for a, b in urls]
    assert assets, page.text
    for asset in assets:
        assert asset.startswith("/"), f"/docs loads {asset} from another host"
        assert http.get(asset).status_code == 200, asset
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)


# -- charts ---------------------------------------------------------------------------------------------
def test_the_last_x_label_is_shown_whole() -> None:
    days = [f"Dec {d:02d}" for d in range(1, 8)]
    svg = str(line_chart("c", "t", days, {"a": [1.0] * 7}))
    labels = re.findall(r'<text class="x-label" x="([\d.]+)"[^>]*text-anchor="(\w+)"[^>]*>([^<]+)<', svg)
    assert labels[-1][2] == "Dec 07" and labels[-1][1] == "end"
    width = float(re.search(r'viewBox="0 0 (\d+)', svg).group(1))  # type: ignore[union-attr]
    for x, anchor, text in labels:
        half = 3.4 * len(text)
        left = float(x) - (2 * half if anchor == "end" else half if anchor == "middle" else 0)
        assert left >= 0 and left + 2 * half <= width, (text, x, anchor)
    many = [f"d{i}" for i in range(30)]
    shown = re.findall(r'class="x-label"[^>]*>([^<]+)<', str(line_chart("c", "t", many, {"a": [0.0] * 30})))
    assert shown[0] == "d0" and shown[-1] == "d29" and len(shown) <= 9


def test_action_colours_mean_what_they_say() -> None:
    items = [("block", 3.0), ("exempted", 2.0), ("tokenize", 1.0)]
    svg = str(hbar_chart("a", "Actions", items, colors=ACTION_COLORS))
    fills = dict(re.findall(r'fill="(#[0-9a-f]{6})" data-label="(\w+)"', svg))
    by_label = {label: fill for fill, label in fills.items()}
    assert by_label["block"] == "#dc2626"  # red
    assert by_label["exempted"] not in ("#dc2626", "#16a34a")  # neither red nor green
    assert ACTION_COLORS["allowlisted"] != ACTION_COLORS["block"]


def test_the_reports_page_colours_actions_and_keeps_the_range_apart(tmp_path: Path) -> None:
    app = create_app(settings_for(tmp_path), client=make_client())
    http = TestClient(app)
    detect = {"Authorization": f"Bearer {KEYS['detect'][0]}"}
    assert (
        http.post(
            "/api/v1/governance/pii/detect", json={"text": f"{EMAIL} {SSN}"}, headers=detect
        ).status_code
        == 200
    )
    http.post("/console/login", data={"key": KEYS["console"][0]})
    page = http.get("/console/reports").text
    assert '<div class="card-head">' in page and 'class="range"' in page
    assert page.count('<div class="chart-scroll">') == 5


def test_an_expired_passthrough_rule_is_marked(tmp_path: Path) -> None:
    policy = POLICY + (
        "    passthrough:\n"
        "      - role: old_audit\n        entity_types: [ssn]\n        expires_at: '2020-01-31'\n"
        "      - role: audit\n        entity_types: [ssn]\n        expires_at: '2999-01-31'\n"
        "      - role: forever\n        entity_types: [ssn]\n"
    )
    (tmp_path / "policy.yaml").write_text(policy)
    app = create_app(settings_for(tmp_path), client=make_client())
    http = TestClient(app)
    http.post("/console/login", data={"key": KEYS["console"][0]})
    page = http.get("/console/policy").text
    rows = re.findall(r"<tr><td>role (\w+)</td>(.*?)</tr>", page, re.S)
    marked = {role: "badge expired" in cells for role, cells in rows}
    assert marked == {"old_audit": True, "audit": False, "forever": False}
