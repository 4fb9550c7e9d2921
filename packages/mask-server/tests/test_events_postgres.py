"""Detection events in a real PostgreSQL (a throwaway cluster started by the fixture) and in SQLite."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from mask_server import create_app
from mask_server.console.reports import build_report
from mask_server.events import DetectionEvent, EventRecorder, EventStore
from mask_server.testing import KEYS, LiveServer, make_client, settings_for

pytestmark = pytest.mark.servers

NOW = 1_800_000_000.0


def _events() -> list[DetectionEvent]:
    out = []
    for i in range(30):
        action = ("redact", "allowlisted", "pass")[i % 3]
        entity = ("EMAIL_ADDRESS", "US_SSN")[i % 2]
        out.append(
            DetectionEvent(NOW - i * 3600 * 5, "acme", "input-pii-scanner", entity, action, "detect", "ana")
        )
    out.append(DetectionEvent(NOW, "other", "s", "US_SSN", "redact", "detect"))
    return out


def _check_store(store: EventStore) -> None:
    recorder = EventRecorder(store).start()
    recorder.record(_events())
    recorder.flush()
    recorder.stop()
    assert store.count() == 31
    rows = store.hourly(NOW - 7 * 86400, tenant="acme")
    assert sum(n for *_, n in rows) == 30
    report = build_report(store, days=7, now=NOW, tenant="acme")
    assert report.total == 30 and report.false_positives == 10
    assert abs(report.false_positive_rate - 1 / 3) < 1e-9
    assert dict(report.distribution) == {"email": 15, "ssn": 15}
    assert sum(report.volume) == 30 and len(report.volume) == 8  # 7 days back, today included
    assert sum(report.protected) == 10 and sum(report.in_clear) == 10


def test_sqlite_store_and_report(tmp_path: Path) -> None:
    store = EventStore(f"sqlite:///{tmp_path / 'e.db'}")
    assert store.dialect == "sqlite"
    _check_store(store)


def test_postgres_store_and_report(postgres_url: str) -> None:
    store = EventStore(postgres_url)
    assert store.dialect == "postgresql"
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM mask_detection_events")
    _check_store(store)
    store.close()


def test_the_service_records_into_postgres(tmp_path: Path, postgres_url: str) -> None:
    app = create_app(settings_for(tmp_path, database_url=postgres_url), client=make_client())
    store = app.state.store
    before = store.count()
    with LiveServer(app) as live:
        r = httpx.post(
            f"{live.url}/api/v1/governance/pii/detect",
            json={"text": "SSN 536-22-8745, mail jane.smith@company.com"},
            headers={"Authorization": f"Bearer {KEYS['detect'][0]}"},
        )
        assert r.status_code == 200
        app.state.service.recorder.flush()
        assert store.count() == before + 2
        rows = store.hourly(time.time() - 3600, tenant="acme")
        assert {(et, a) for _, et, a, _ in rows} >= {("US_SSN", "redact"), ("EMAIL_ADDRESS", "redact")}


def test_a_dead_database_never_fails_a_request(tmp_path: Path) -> None:
    """The reports are a side channel: events that cannot be written are dropped and counted."""
    app = create_app(settings_for(tmp_path), client=make_client())
    recorder = app.state.service.recorder
    with LiveServer(app) as live:
        app.state.store.engine.dispose()
        app.state.store.insert = lambda events: (_ for _ in ()).throw(OSError("disk gone"))
        r = httpx.post(
            f"{live.url}/api/v1/governance/pii/detect",
            json={"text": "SSN 536-22-8745"},
            headers={"Authorization": f"Bearer {KEYS['detect'][0]}"},
        )
        assert r.status_code == 200 and r.json()["masked_text"] == "SSN [SSN]"
        recorder.flush()
        assert recorder.failed_batches >= 1 and recorder.dropped >= 1
