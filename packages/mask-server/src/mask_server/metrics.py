"""Prometheus metrics (prometheus-client), one registry per app so several apps can live in one process.

Labels are bounded and never carry data: route templates, methods, status codes, entity type names
from the catalogue, stage names from the policy, firewall decisions. Nothing from a request body, a
query string or a user id ever becomes a label.
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

__all__ = ["Metrics"]

_LATENCY_BUCKETS = (0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "mask_http_requests",
            "HTTP requests by route template, method and status",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "mask_http_request_duration_seconds",
            "Server-side request latency by route template",
            ["route"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.findings = Counter(
            "mask_findings",
            "Findings by entity type, firewall stage and action taken",
            ["entity_type", "stage", "action"],
            registry=self.registry,
        )
        self.blocked = Counter(
            "mask_blocked_requests", "Texts refused by a block action", ["stage"], registry=self.registry
        )
        self.events_dropped = Counter(
            "mask_events_dropped",
            "Detection events dropped because the writer queue was full",
            registry=self.registry,
        )
        self.policy_valid = Gauge(
            "mask_policy_file_valid",
            "1 when the policy file on disk is the active policy, 0 when its last reload failed",
            registry=self.registry,
        )
        self.policy_reloads = Gauge(
            "mask_policy_reloads", "Successful policy reloads since start", registry=self.registry
        )

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        self.requests.labels(route, method, str(status)).inc()
        self.latency.labels(route).observe(seconds)

    def watch_policy(self, valid: Callable[[], float], reloads: Callable[[], float]) -> None:
        self.policy_valid.set_function(valid)
        self.policy_reloads.set_function(reloads)

    def render(self) -> bytes:
        return generate_latest(self.registry)
