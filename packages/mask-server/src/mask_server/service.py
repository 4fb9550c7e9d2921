"""The service object behind the routes: the firewall, the client, event recording and metrics.

Routes stay thin (parse, authorise, call one method here, serialise). Scanning is CPU work: a text up
to ``inline_scan_chars`` is handled on the event loop (a 1 KB scan takes a fraction of a millisecond,
less than a thread hop), a longer one in a worker thread so one large request cannot stall the others.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

from anyio import to_thread
from fastapi import HTTPException

from mask_core import MaskClient
from mask_core.errors import FirewallBlockedError
from mask_core.policy import Finding, Firewall, FirewallResult
from mask_core.types import Entity
from mask_server.events import DetectionEvent, EventRecorder
from mask_server.metrics import Metrics

__all__ = ["Service"]

T = TypeVar("T")


class Service:
    def __init__(
        self,
        *,
        firewall: Firewall,
        recorder: EventRecorder | None,
        metrics: Metrics,
        inline_chars: int,
        event_user: Literal["plain", "fingerprint", "none"],
    ) -> None:
        self.firewall = firewall
        self.client: MaskClient = firewall.client
        self.recorder = recorder
        self.metrics = metrics
        self.inline_chars = inline_chars
        self.event_user = event_user

    async def run(self, size: int, fn: Callable[[], T]) -> T:
        if size <= self.inline_chars:
            return fn()
        return await to_thread.run_sync(fn)

    def _user(self, user: str | None) -> str | None:
        if user is None or self.event_user == "none":
            return None
        if self.event_user == "fingerprint":
            return "fp:" + self.client.engine.fingerprint(user)
        return user

    # -- firewall ------------------------------------------------------------------------------------
    def apply(
        self,
        text: str,
        *,
        stage: str,
        user: str | None,
        roles: Iterable[str],
        only: list[str] | None,
        source: str,
        record: bool = True,
    ) -> tuple[FirewallResult | None, tuple[Finding, ...]]:
        """The firewall result, or ``(None, findings)`` when a block action refused the text.

        An unknown stage is a 404 (the policy may change while the service runs, so stage names are
        not part of the OpenAPI spec).
        """
        if stage not in self.firewall.policy.stages:
            raise HTTPException(404, "unknown_stage")
        try:
            result = self.firewall.apply(text, stage=stage, user=user, roles=list(roles), only=only)
            findings, blocked = result.findings, False
        except FirewallBlockedError as exc:
            result, blocked = None, True
            findings = tuple(f for f in exc.findings if isinstance(f, Finding))
        if record:
            self._count(stage, findings, blocked)
            self._record(stage, findings, user, source)
        return result, findings

    def _count(self, stage: str, findings: Iterable[Finding], blocked: bool) -> None:
        for f in findings:
            self.metrics.findings.labels(f.entity_type, stage, f.action.value).inc()
        if blocked:
            self.metrics.blocked.labels(stage).inc()

    def _record(self, stage: str, findings: Iterable[Finding], user: str | None, source: str) -> None:
        if self.recorder is None:
            return
        now = time.time()
        who = self._user(user)
        tenant = self.client.tenant
        self.recorder.record(
            DetectionEvent(now, tenant, stage, f.entity_type, f.action.value, source, who) for f in findings
        )

    # -- plain detection (Presidio's /analyze) and tokens --------------------------------------------
    def record_entities(self, stage: str, action: str, entities: Iterable[Entity], source: str) -> None:
        entities = list(entities)
        for e in entities:
            self.metrics.findings.labels(e.entity_type, stage, action).inc()
        if self.recorder is not None and entities:
            now, tenant = time.time(), self.client.tenant
            self.recorder.record(
                DetectionEvent(now, tenant, stage, e.entity_type, action, source) for e in entities
            )
