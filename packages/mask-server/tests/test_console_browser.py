"""The web console end to end in headless Chromium (Debian's package, driven by Playwright).

Each page is loaded by a real browser: sign in, scan on Test Firewall (highlights, types, confidence,
masked output), the Policy page (stages, source, a reload error, draft validation), and the Reports
page (charts render with data). Screenshots go to ``artifacts/`` at the repository root.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from mask_server import create_app
from mask_server.testing import KEYS, POLICY, LiveServer, make_client, settings_for

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"
CHROMIUM = os.environ.get("MASK_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EMAIL = "jane.smith@company.com"
SSN = "536-22-8745"
CARD = "4539 1488 0343 6467"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("MASK_REQUIRE_SERVERS") == "1":
            pytest.fail("Chromium is required: apt-get install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def console(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    app = create_app(settings_for(tmp_path), client=make_client())
    with LiveServer(app) as live:
        # Some traffic for the reports: detections, an allowlisted card and an exempted email.
        headers = {"Authorization": f"Bearer {KEYS['detect'][0]}"}
        for text, user in [
            (f"{EMAIL} and {SSN}", None),
            (f"card {CARD} and test card 4111-1111-1111-1111", None),
            (f"{EMAIL} for the agent", "support_agent@company.com"),
        ]:
            r = httpx.post(
                f"{live.url}/api/v1/governance/pii/detect",
                json={"text": text, "user_id": user},
                headers=headers,
            )
            assert r.status_code == 200
        yield live.url, tmp_path


def _shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)  # type: ignore[attr-defined]


def _sign_in(page: object, url: str) -> None:
    page.goto(f"{url}/console")  # type: ignore[attr-defined]
    assert page.url.endswith("/console/login")  # type: ignore[attr-defined]
    page.fill("#key", KEYS["detect"][0])  # type: ignore[attr-defined]
    page.click("#login")  # type: ignore[attr-defined]
    assert page.locator(".error").inner_text().startswith("That key")  # type: ignore[attr-defined]
    page.fill("#key", KEYS["console"][0])  # type: ignore[attr-defined]
    page.click("#login")  # type: ignore[attr-defined]
    page.wait_for_url("**/console/test")  # type: ignore[attr-defined]


def test_console_pages_in_chromium(browser: object, console: tuple[str, Path]) -> None:
    url, tmp_path = console
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _sign_in(page, url)

    # -- Test Firewall: scan, highlights with type and confidence, the masked output ---------------
    text = f"Customer {EMAIL} paid with {CARD}; SSN {SSN}; example card 4111-1111-1111-1111."
    page.fill("#text", text)
    page.click("#scan")
    page.wait_for_selector("#highlighted mark.finding")
    marks = page.locator("#highlighted mark.finding")
    assert marks.count() == 4
    types = [marks.nth(i).get_attribute("data-type") for i in range(4)]
    assert types == ["email", "credit_card", "ssn", "credit_card"]
    first = marks.nth(0)
    assert first.inner_text().startswith(EMAIL)
    assert "confidence" in (first.get_attribute("title") or "")
    assert 0.5 <= float(first.get_attribute("data-score") or 0) <= 1.0
    assert marks.nth(3).get_attribute("data-action") == "allowlisted"
    output = page.locator("#output").inner_text()
    assert "[EMAIL]" in output and "[CC]" in output and "[SSN]" in output and EMAIL not in output
    assert page.locator("#findings tbody tr").count() == 4
    _shot(page, "console-test-firewall.png")

    # A user exemption, as the support agent.
    page.fill("#user", "support_agent@company.com")
    page.click("#scan")
    page.wait_for_function(
        "document.querySelector('#findings tbody td:nth-child(3)').textContent === 'exempted'"
    )
    assert EMAIL in page.locator("#output").inner_text()

    # -- Policy: readable, then a bad edit is shown and the old policy stays ----------------------
    page.click("text=Policy")
    page.wait_for_url("**/console/policy")
    assert page.locator("#stages tbody tr").count() == 2
    assert "input-pii-scanner" in page.locator("#policy-source").inner_text()
    (tmp_path / "policy.yaml").write_text(POLICY.replace("action: redact", "action: shred", 1))
    deadline = time.monotonic() + 10
    while True:
        page.reload()
        if page.locator("#policy-error").count():
            break
        assert time.monotonic() < deadline, "the reload error never showed"
        time.sleep(0.1)
    assert "firewall.stages[0].config.action" in page.locator("#policy-error").inner_text()
    assert "policy.yaml:" in page.locator("#policy-error").inner_text()
    page.fill("#draft", "firewall:\n  stages:\n    - name: s\n      config: {mask_percentage: 500}\n")
    page.click("#validate")
    page.wait_for_selector("#draft-issues li")
    assert "line 4" in page.locator("#draft-issues").inner_text()
    _shot(page, "console-policy.png")

    # -- Reports: charts render with the traffic above ------------------------------------------
    page.click("text=Reports")
    page.wait_for_url("**/console/reports")
    assert page.locator("#stat-total").inner_text() == "5"  # 2 + 2 + 1 detections, console scans excluded
    volume_bars = page.locator("#chart-volume rect.bar")
    values = [float(volume_bars.nth(i).get_attribute("data-value") or 0) for i in range(volume_bars.count())]
    assert sum(values) == 5
    box = page.locator("#chart-volume").bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 50
    dist = page.locator("#chart-distribution rect.bar")
    labels = {dist.nth(i).get_attribute("data-label") for i in range(dist.count())}
    assert labels == {"email", "ssn", "credit_card"}
    assert page.locator("#chart-fp polyline.series").count() == 1
    assert page.locator("#chart-trend polyline.series").count() == 2
    assert page.locator("#stat-fp").inner_text() == "40.0%"  # allowlisted card + exempted email of 5
    _shot(page, "console-reports.png")
    assert not errors, errors
    context.close()


def test_console_needs_a_session(console: tuple[str, Path]) -> None:
    url, _ = console
    r = httpx.get(f"{url}/console/reports", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/login"
    r = httpx.post(f"{url}/console/api/scan", json={"text": SSN})
    assert r.status_code == 401
    forged = httpx.post(f"{url}/console/api/scan", json={"text": SSN}, cookies={"mask_console": "x.y"})
    assert forged.status_code == 401


def test_reports_read_well_at_phone_width(browser: object, console: tuple[str, Path]) -> None:
    url, _ = console
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{url}/console/login")
    page.fill("#key", KEYS["console"][0])
    page.click("#login")
    page.wait_for_url("**/console/test")
    page.goto(f"{url}/console/reports")
    # One chart per row, each at a size whose 11 px labels stay readable (it scrolls sideways).
    columns = page.evaluate("getComputedStyle(document.querySelector('.grid')).gridTemplateColumns")
    assert len(columns.split()) == 1, columns
    for chart in ("#chart-volume", "#chart-trend", "#chart-actions"):
        box = page.locator(chart).bounding_box()
        assert box is not None and box["width"] >= 500, (chart, box)
    # The page itself does not scroll sideways; only the charts' own frames do.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The range selector sits apart from the figures below it.
    select, stats = page.locator(".range").bounding_box(), page.locator(".stats").bounding_box()
    assert select is not None and stats is not None and select["y"] + select["height"] <= stats["y"]
    _shot(page, "console-reports-phone.png")
    context.close()
