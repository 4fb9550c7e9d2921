"""The tool boundary without a framework: what every adapter does around one tool call.

The framework packages (``mask-langchain``, ``mask-llamaindex``, ``mask-adk``) only translate their
framework's tool call into the steps below, which live here so that every adapter behaves alike:

1. **Arguments** (:meth:`ToolGuard.decode_args`): restore every token the model wrote, under the tool's
   least-privilege policy (``allowed_types=``: the entity types the tool may receive in clear; tokens of other
   types stay tokens). Any failure (an unknown or expired token, the vault down) raises
   :class:`~mask_core.errors.ToolCallRefusedError`. The adapter hands its message to the model as the
   tool's error output: the tool does not run, and the message holds no value, token or fingerprint.
2. **The tool runs** on real values. An async tool is awaited here, never passed through.
3. **Result** (:meth:`ToolGuard.encode_result`): tokenize every string in the result, keeping its
   types; with a ``firewall=``, apply its policy instead (``Firewall.apply_deep``: tokenize, mask,
   redact, pass or block per entity type, exactly as ``Firewall.apply`` does on text). If that
   fails, or the policy blocks a value, the result is withheld (``ToolCallRefusedError`` with stage
   ``"result"``).
4. **Errors** (:meth:`ToolGuard.mask_error`): a tool that raises gets its message tokenized, because
   frameworks hand error text to the model. The copy keeps the original exception type as a base
   class (``except ValueError`` still works) and drops the original message, notes and chain.

Usage (what an adapter's wrapper boils down to; the adapters themselves go through
:mod:`mask_core.adapters`, which adds framework-injected arguments and call-once bookkeeping)::

    guard = ToolGuard(client=client, allowed_types={"EMAIL_ADDRESS"}, tool="send_email")
    result = guard.call(send_email, to="u.6pu25hflxi@mask.example.net", body="...")
    result = await guard.acall(send_email_async, to=..., body=...)

``allowed_types=`` policies may also be per tool (:func:`decode_policy_for`): ``{"send_email":
{"EMAIL_ADDRESS"}, "*": None}``; a tool missing from such a mapping, with no ``"*"`` entry, receives
no value in clear.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from mask_core._default import get_default_client
from mask_core.audit.events import AuditEvent, audit_context
from mask_core.client import MaskClient
from mask_core.errors import (
    FirewallBlockedError,
    InvalidInputError,
    MaskError,
    TokenError,
    TokenNotFoundError,
    ToolCallRefusedError,
    VaultError,
    VaultIntegrityError,
    VaultUnavailableError,
)
from mask_core.guard.call import GuardedCall

if TYPE_CHECKING:
    from mask_core.policy.engine import Firewall

__all__ = ["DecodePolicy", "MaskedToolError", "ToolGuard", "decode_policy_for", "masked_exception"]

#: ``None`` (every type), a collection of entity types, or a mapping from tool name to either.
DecodePolicy = Collection[str] | Mapping[str, Collection[str] | None] | None

_REASONS: tuple[tuple[type[BaseException], str], ...] = (
    (TokenNotFoundError, "an argument holds a token that is unknown, expired or another tenant's"),
    (TokenError, "an argument holds a token that could not be restored"),
    (VaultUnavailableError, "the token vault is unavailable"),
    (VaultIntegrityError, "a token vault record failed authentication"),
    (VaultError, "the token vault failed"),
    (FirewallBlockedError, "the firewall policy blocks a value in it"),
    (InvalidInputError, "the values hold something Mask cannot read"),
)


def decode_policy_for(policy: DecodePolicy, tool: str | None) -> frozenset[str] | None:
    """The entity types ``tool`` may receive in clear under ``policy`` (None: every type)."""
    if policy is None:
        return None
    if isinstance(policy, Mapping):
        key = tool if tool is not None and tool in policy else "*"
        if key not in policy:
            return frozenset()
        chosen = policy[key]
        return None if chosen is None else frozenset(chosen)
    if isinstance(policy, str):  # a single type given bare: {"EMAIL_ADDRESS"} was meant
        return frozenset((policy,))
    return frozenset(policy)


def _reason(exc: BaseException) -> str:
    for kind, text in _REASONS:
        if isinstance(exc, kind):
            return text
    return "Mask could not process the values"


class MaskedToolError(Exception):
    """A tool's exception, re-raised with its message tokenized.

    :func:`masked_exception` builds a subclass of both this class and the original exception's class
    (named like the original), so ``except ValueError`` and framework checks such as LangChain's
    ``ToolException`` handling keep working. The original message, attributes, notes and chained
    exceptions are not copied: any of them could hold a value. ``client.detokenize_text(str(exc))``
    restores the message for someone allowed to read it.
    """

    original_type: ClassVar[type[BaseException]] = Exception

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __repr__(self) -> str:
        return f"{self.original_type.__name__}({str(self)!r})"


_masked_types: dict[type[BaseException], type[MaskedToolError]] = {MaskedToolError: MaskedToolError}
_masked_lock = threading.Lock()


def _masked_type(cls: type[BaseException]) -> type[MaskedToolError]:
    found = _masked_types.get(cls)
    if found is not None:
        return found
    with _masked_lock:
        found = _masked_types.get(cls)
        if found is None:
            try:
                found = type(
                    cls.__name__,
                    (MaskedToolError, cls),
                    {"__module__": cls.__module__, "__qualname__": cls.__qualname__, "original_type": cls},
                )
            except TypeError:  # a base that cannot be combined (layout conflict, final class)
                found = type(cls.__name__, (MaskedToolError,), {"original_type": cls})
            _masked_types[cls] = found
    return found


def masked_exception(exc: BaseException, message: str) -> MaskedToolError:
    """A copy of ``exc`` (same type as a base class where possible) whose message is ``message``."""
    cls = _masked_type(type(exc))
    try:
        new = cls.__new__(cls, message)
        BaseException.__init__(new, message)
    except Exception:  # an exotic __new__: fall back to the plain class
        new = MaskedToolError(message)
    new.__cause__ = None
    new.__suppress_context__ = True
    return new.with_traceback(exc.__traceback__)


@dataclasses.dataclass(frozen=True)
class ToolGuard:
    """Decode arguments, run a tool, encode its result: one tool, one client, one policy.

    ``client=None`` uses the default client (``mask_core.get_default_client()``), looked up at call
    time. ``allowed_types`` is the set of entity types the tool may receive in clear (None: all). ``firewall``
    (a :class:`~mask_core.Firewall`) decides what happens to each value in a result, per entity type;
    without one every value is tokenized. ``tool`` and ``agent`` name the call in audit events and in
    refusal messages.
    """

    client: MaskClient | None = None
    allowed_types: frozenset[str] | None = None
    tool: str | None = None
    agent: str | None = None
    firewall: Firewall | None = None

    @classmethod
    def for_tool(
        cls,
        tool: str | None,
        *,
        client: MaskClient | None = None,
        allowed_types: DecodePolicy = None,
        agent: str | None = None,
        firewall: Firewall | None = None,
    ) -> ToolGuard:
        return cls(
            client=client,
            allowed_types=decode_policy_for(allowed_types, tool),
            tool=tool,
            agent=agent,
            firewall=firewall,
        )

    def resolve(self) -> MaskClient:
        if self.client is not None:
            return self.client
        if self.firewall is not None:  # a firewall is built for one client: its tokens decode there
            return self.firewall.client
        return get_default_client()

    # -- refusals ------------------------------------------------------------------------------------
    def refusal(self, exc: BaseException, *, stage: str) -> ToolCallRefusedError:
        """The error an adapter reports to the model when it cannot protect a call (no value in it)."""
        name = f" '{self.tool}'" if self.tool else ""
        reason = type(exc).__name__
        if stage == "arguments":
            text = f"Mask did not run the tool{name}: {_reason(exc)} ({reason}). The tool did not run."
        else:
            text = (
                f"The tool{name} ran, but Mask could not protect its result: {_reason(exc)} ({reason}). "
                "The result was withheld."
            )
        err = ToolCallRefusedError(text, stage=stage, tool=self.tool, reason=reason)
        err.__cause__ = exc
        self._audit_refusal(stage, reason)
        return err

    def _audit_refusal(self, stage: str, reason: str) -> None:
        client = self.client if self.client is not None else _default_or_none()
        if client is None and self.firewall is not None:
            client = self.firewall.client
        if client is None or client.audit is None:
            return
        client.audit.emit(
            AuditEvent(
                "tool_refused",
                client.tenant,
                outcome="refused",
                tool=self.tool,
                agent=self.agent,
                detail=f"{stage}:{reason}",
            )
        )

    # -- arguments -------------------------------------------------------------------------------------
    def decode_args(self, args: Any) -> Any:
        """``args`` with every token restored, or :class:`ToolCallRefusedError` (nothing half-decoded)."""
        try:
            client = self.resolve()
            with audit_context(tool=self.tool, agent=self.agent):
                return client.deep_decode(args, allowed_types=self.allowed_types)
        except Exception as exc:
            failure = exc
        raise self.refusal(failure, stage="arguments")

    async def adecode_args(self, args: Any) -> Any:
        try:
            client = self.resolve()
            with audit_context(tool=self.tool, agent=self.agent):
                return await client.adeep_decode(args, allowed_types=self.allowed_types)
        except Exception as exc:
            failure = exc
        raise self.refusal(failure, stage="arguments")

    # -- results ---------------------------------------------------------------------------------------
    def encode_result(self, result: Any) -> Any:
        """``result`` with every string tokenized (same types), or :class:`ToolCallRefusedError`."""
        try:
            client = self.resolve()
            with audit_context(tool=self.tool, agent=self.agent):
                if self.firewall is not None:
                    return self.firewall.apply_deep(result)
                return client.deep_encode(result)
        except Exception as exc:
            failure = exc
        raise self.refusal(failure, stage="result")

    async def aencode_result(self, result: Any) -> Any:
        try:
            client = self.resolve()
            with audit_context(tool=self.tool, agent=self.agent):
                if self.firewall is not None:
                    return await self.firewall.aapply_deep(result)
                return await client.adeep_encode(result)
        except Exception as exc:
            failure = exc
        raise self.refusal(failure, stage="result")

    # -- errors ----------------------------------------------------------------------------------------
    def mask_error(self, exc: BaseException) -> BaseException:
        """``exc`` itself if its text holds nothing sensitive, else a copy with its message tokenized."""
        if isinstance(exc, MaskError | MaskedToolError):
            return exc  # Mask's own messages never hold values; already masked ones are done
        texts = _texts_of(exc)
        try:
            client = self.resolve()
            with audit_context(tool=self.tool, agent=self.agent):
                safe = [client.tokenize_text(t) for t in texts]
        except Exception:
            return masked_exception(exc, _withheld(exc))
        return _finish_mask(exc, texts, safe)

    async def amask_error(self, exc: BaseException) -> BaseException:
        if isinstance(exc, MaskError | MaskedToolError):
            return exc
        texts = _texts_of(exc)
        try:
            client = self.resolve()
            with audit_context(tool=self.tool, agent=self.agent):
                safe = [await client.atokenize_text(t) for t in texts]
        except Exception:
            return masked_exception(exc, _withheld(exc))
        return _finish_mask(exc, texts, safe)

    # -- a whole call ----------------------------------------------------------------------------------
    def call(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        """Decode ``args``/``kwargs``, run ``fn``, encode its result; a raised error is masked."""
        return GuardedCall(self, identity=fn)(fn, *args, **kwargs)

    async def acall(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        """The async twin of :meth:`call`; an awaitable result is awaited before it is encoded."""
        return await GuardedCall(self, identity=fn).acall(fn, *args, **kwargs)


def _default_or_none() -> MaskClient | None:
    try:
        return get_default_client()
    except MaskError:
        return None


def _texts_of(exc: BaseException) -> list[str]:
    try:
        return [str(exc), repr(exc)]
    except Exception:
        return ["", ""]


def _withheld(exc: BaseException) -> str:
    return f"{type(exc).__name__} raised by the tool (its message was withheld: Mask could not protect it)"


def _finish_mask(exc: BaseException, texts: list[str], safe: list[str]) -> BaseException:
    if safe == texts:
        return exc
    return masked_exception(exc, safe[0])
