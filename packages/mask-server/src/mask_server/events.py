"""Detection events for the reports: what was found, where, what was done, for whom, when. Never the value.

One row per finding: time, tenant, stage, entity type, action (the firewall decision: ``tokenize``,
``mask``, ``redact``, ``pass``, ``block``, ``allowlisted``, ``exempted``, ``passthrough``), source
endpoint and user. SQLite by default (WAL mode), PostgreSQL when ``MASK_SERVER_DATABASE_URL`` says so;
both through SQLAlchemy Core, so the queries are the same.

Writes never sit on the request path: :class:`EventRecorder` queues rows and a background thread
inserts them in batches (one transaction per batch). The queue is bounded; when it is full (the
database is down or far too slow) new events are dropped and counted in the
``mask_events_dropped_total`` metric, and the request still succeeds: the reports are a side channel,
the protection of the text is not (STYLE.md section 4).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

__all__ = ["DetectionEvent", "EventRecorder", "EventStore"]

logger = logging.getLogger("mask_server.events")

metadata = sa.MetaData()
events_table = sa.Table(
    "mask_detection_events",
    metadata,
    sa.Column(
        "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True
    ),
    sa.Column("ts", sa.Float, nullable=False),
    sa.Column("hour", sa.Integer, nullable=False, index=True),  # floor(ts / 3600): portable bucketing
    sa.Column("tenant", sa.String(64), nullable=False),
    sa.Column("stage", sa.String(64), nullable=False),
    sa.Column("entity_type", sa.String(64), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("source", sa.String(32), nullable=False),
    sa.Column("user_id", sa.String(256), nullable=True),
)


@dataclass(frozen=True, slots=True)
class DetectionEvent:
    ts: float
    tenant: str
    stage: str
    entity_type: str
    action: str
    source: str
    user_id: str | None = None

    def row(self) -> dict[str, Any]:
        return {
            "ts": self.ts,
            "hour": int(self.ts // 3600),
            "tenant": self.tenant,
            "stage": self.stage[:64],
            "entity_type": self.entity_type[:64],
            "action": self.action[:16],
            "source": self.source[:32],
            "user_id": None if self.user_id is None else self.user_id[:256],
        }


class EventStore:
    """The events table in one database, and the aggregate queries the reports need."""

    def __init__(self, url: str) -> None:
        kwargs: dict[str, Any] = {"pool_pre_ping": True}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False}
        self.engine = sa.create_engine(url, **kwargs)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def insert(self, events: Sequence[DetectionEvent]) -> None:
        if not events:
            return
        with self.engine.begin() as conn:
            conn.execute(events_table.insert(), [e.row() for e in events])

    def hourly(self, since: float, tenant: str | None = None) -> list[tuple[int, str, str, int]]:
        """(hour, entity_type, action, count) since ``since``: everything the reports draw."""
        t = events_table
        query = (
            sa.select(t.c.hour, t.c.entity_type, t.c.action, sa.func.count())
            .where(t.c.hour >= int(since // 3600))
            .group_by(t.c.hour, t.c.entity_type, t.c.action)
            .order_by(t.c.hour)
        )
        if tenant is not None:
            query = query.where(t.c.tenant == tenant)
        with self.engine.connect() as conn:
            return [(int(h), str(et), str(a), int(n)) for h, et, a, n in conn.execute(query)]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(events_table)).scalar_one())

    def users(self) -> list[str | None]:
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(sa.select(events_table.c.user_id).distinct())]

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


class EventRecorder:
    """Queues events and writes them in batches from one background thread (bounded, never blocking)."""

    def __init__(
        self,
        store: EventStore,
        *,
        max_pending: int = 100_000,
        batch: int = 1000,
        interval: float = 0.25,
        on_drop: Any = None,
    ) -> None:
        self.store = store
        self._queue: queue.Queue[DetectionEvent] = queue.Queue(maxsize=max_pending)
        self._batch = batch
        self._interval = interval
        self._stop = threading.Event()
        self._write_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._on_drop = on_drop
        self.dropped = 0
        self.failed_batches = 0

    def start(self) -> EventRecorder:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="mask-event-writer", daemon=True)
            self._thread.start()
        return self

    def record(self, events: Iterable[DetectionEvent]) -> None:
        for e in events:
            try:
                self._queue.put_nowait(e)
            except queue.Full:
                self.dropped += 1
                if self._on_drop is not None:
                    self._on_drop()

    def _drain(self) -> list[DetectionEvent]:
        out: list[DetectionEvent] = []
        while len(out) < self._batch:
            try:
                out.append(self._queue.get_nowait())
            except queue.Empty:
                break
        return out

    def _write(self) -> int:
        with self._write_lock:  # held through the insert, so flush() returns only after it landed
            batch = self._drain()
            if batch:
                try:
                    self.store.insert(batch)
                except Exception as exc:  # a side channel: log the class, never the rows
                    self.failed_batches += 1
                    self.dropped += len(batch)
                    logger.error("could not store %d detection events (%s)", len(batch), type(exc).__name__)
            return len(batch)

    def _run(self) -> None:
        while not self._stop.is_set():
            while self._write():
                pass
            self._stop.wait(self._interval)

    def flush(self) -> None:
        """Write everything queued so far, from the calling thread (tests, reports, shutdown)."""
        while self._write():
            pass

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        while self._write():
            pass
