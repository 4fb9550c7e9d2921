"""Scripted fake models and sample tools for adapter tests, independent of any framework.

An adapter's test harness wraps a framework's fake LLM around a :data:`Script`: on every request the
fake model serialises *everything it received* into one string (kept in ``AgentRun.requests``, which
the suite searches for plaintext PII), builds a :class:`ModelView` and asks the script what to do
next: call tools (:class:`ToolCall`) or answer (``Turn(text=...)``). The script only sees what the
model saw, so when it calls a second tool with values from a tool result, it passes the *tokens*.

The sample tools record the arguments they received (:class:`Recorder`), so a test can check that a
tool got the exact real values back.

No ``from __future__ import annotations`` here: frameworks read the sample tools' annotations.
"""

import asyncio
import dataclasses
import re
import threading
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from mask_core.errors import VaultUnavailableError
from mask_core.vault.memory import MemoryVault

__all__ = [
    "CUSTOMER",
    "LOOKUP",
    "LOOKUP_CALL",
    "AgentRun",
    "CustomerCard",
    "CustomerModel",
    "ModelView",
    "Recorder",
    "Script",
    "SwitchableVault",
    "ToolCall",
    "Turn",
    "answer_from",
    "answer_turn",
    "customer_tools",
    "field",
    "refund_from",
    "refund_tools",
    "refund_turn",
    "scripted",
]

#: A realistic customer record. Every value except the name is found by the deterministic tier and is
#: in ``PII_CORPUS``. The name is only detected by the NER tier, so tests do not assert on it.
CUSTOMER: dict[str, Any] = {
    "id": "C-1001",
    "name": "Alice Johnson",
    "email": "alice.johnson@example.com",
    "phone": "+1 (415) 555-2671",
    "card": "4539 1488 0343 6467",
    "iban": "DE89 3704 0044 0532 0130 00",
    "ssn": "536-22-8745",
    "orders": [{"order": "O-77", "total": 129.5, "paid_with": "4539 1488 0343 6467"}],
}


@dataclasses.dataclass(frozen=True)
class CustomerCard:
    email: str
    card: str
    note: str


class CustomerModel(BaseModel):
    email: str
    phone: str
    iban: str


@dataclasses.dataclass(frozen=True)
class ToolCall:
    name: str
    args: dict[str, Any]
    id: str = ""


@dataclasses.dataclass(frozen=True)
class Turn:
    """What the scripted model does next: call tools, or answer with ``text``."""

    calls: tuple[ToolCall, ...] = ()
    text: str | None = None


@dataclasses.dataclass(frozen=True)
class ModelView:
    """One request, as the fake model received it."""

    index: int  # 0 for the first request of a run
    text: str  # everything in the request, serialised
    tool_outputs: tuple[str, ...]  # the tool results in the request, oldest first


Script = Callable[[ModelView], Turn]


@dataclasses.dataclass
class AgentRun:
    requests: list[str]  # every request the model received, serialised
    final_text: str  # the agent's final answer (tokens, as the model wrote it)


def scripted(*steps: Turn | Callable[[ModelView], Turn]) -> Script:
    """A script that plays ``steps`` in order, one per request; later requests repeat the last one."""

    def script(view: ModelView) -> Turn:
        step = steps[min(view.index, len(steps) - 1)]
        return step(view) if callable(step) else step

    return script


def field(text: str, key: str) -> str:
    """The string value under ``key`` in a serialised dict (JSON or Python repr); the last one wins."""
    found = re.findall(rf"""["']{re.escape(key)}["']\s*:\s*["']([^"']*)["']""", text)
    if not found:
        raise AssertionError(f"the model never saw a field named {key!r}")
    return str(found[-1])


class Recorder:
    """Thread-safe record of the arguments each tool received."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def record(self, tool: str, **kwargs: Any) -> None:
        with self._lock:
            self.calls.append((tool, kwargs))

    def of(self, tool: str) -> list[dict[str, Any]]:
        with self._lock:
            return [kw for name, kw in self.calls if name == tool]


# -- the refund conversation every adapter's agent-loop test runs ------------------------------------------
#: First turn: look the customer up.
LOOKUP = Turn(calls=(ToolCall("lookup_customer", {"customer_id": "C-1001"}, "c1"),))


def refund_turn(view: ModelView) -> Turn:
    """Second turn: refund to the card and email the model saw in the lookup (tokens, if protected)."""
    seen = view.tool_outputs[-1]
    return Turn(
        calls=(ToolCall("refund", {"card": field(seen, "card"), "email": field(seen, "email")}, "c2"),)
    )


def answer_turn(view: ModelView) -> Turn:
    """Last turn: an answer quoting the card and email the model saw."""
    seen = "\n".join(view.tool_outputs)
    return Turn(text=f"Refunded card {field(seen, 'card')}; receipt sent to {field(seen, 'email')}.")


def customer_tools(rec: Recorder, *, async_refund: bool = False) -> list[Any]:
    """``lookup_customer`` (returns :data:`CUSTOMER`) and ``refund`` (sync or async), both recording."""

    def lookup_customer(customer_id: str) -> dict[str, Any]:
        """Look up a customer."""
        rec.record("lookup_customer", customer_id=customer_id)
        return dict(CUSTOMER)

    def refund(card: str, email: str) -> str:
        """Refund to a card."""
        rec.record("refund", card=card, email=email)
        return f"refunded {card}"

    async def refund_async(card: str, email: str) -> str:
        """Refund to a card."""
        return refund(card, email)

    refund_async.__name__ = refund_async.__qualname__ = "refund"
    return [lookup_customer, refund_async if async_refund else refund]


# -- the conformance suite's conversation (adapter_suite.py): refund to card, email and IBAN ---------------
class SwitchableVault(MemoryVault):
    """A memory vault that can be taken down, to test fail-shut behaviour."""

    down = False

    def _check(self) -> None:
        if self.down:
            raise VaultUnavailableError("the vault is unavailable (test switch)")

    def get_many(self, keys: Any) -> Any:
        self._check()
        return super().get_many(keys)

    def get(self, key: str) -> Any:
        self._check()
        return super().get(key)

    def put_many_if_absent(self, items: Any, ttl: Any) -> Any:
        self._check()
        return super().put_many_if_absent(items, ttl)


def refund_tools(rec: Recorder, *, asynchronous: bool = False) -> tuple[Callable[..., Any], ...]:
    if asynchronous:

        async def lookup_customer(customer_id: str) -> dict[str, Any]:
            """Look up a customer record by id."""
            rec.record("lookup_customer", customer_id=customer_id)
            await asyncio.sleep(0)
            return dict(CUSTOMER)

        async def refund(card: str, email: str, iban: str) -> str:
            """Refund the last order to a card and confirm by email."""
            rec.record("refund", card=card, email=email, iban=iban)
            await asyncio.sleep(0)
            return f"refund sent to card {card}; confirmation mailed to {email}"

        return lookup_customer, refund

    def lookup_customer(customer_id: str) -> dict[str, Any]:  # type: ignore[no-redef]
        """Look up a customer record by id."""
        rec.record("lookup_customer", customer_id=customer_id)
        return dict(CUSTOMER)

    def refund(card: str, email: str, iban: str) -> str:  # type: ignore[no-redef]
        """Refund the last order to a card and confirm by email."""
        rec.record("refund", card=card, email=email, iban=iban)
        return f"refund sent to card {card}; confirmation mailed to {email}"

    return lookup_customer, refund


def refund_from(view: ModelView) -> Turn:
    seen = view.tool_outputs[-1]
    args = {"card": field(seen, "card"), "email": field(seen, "email"), "iban": field(seen, "iban")}
    return Turn(calls=(ToolCall("refund", args, "call_refund"),))


def answer_from(view: ModelView) -> Turn:
    seen = "\n".join(view.tool_outputs)
    return Turn(text=f"Done: refunded {field(seen, 'card')} and wrote to {field(seen, 'email')}.")


LOOKUP_CALL = Turn(calls=(ToolCall("lookup_customer", {"customer_id": "C-1001"}, "call_lookup"),))
