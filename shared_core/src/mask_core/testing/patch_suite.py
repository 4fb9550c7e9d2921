"""The ``patched()`` conformance suite: every call path in the block, protected exactly once.

Each framework package says how to make a plain (unprotected) tool, how to open its ``patched()``
block, and how to call a tool through each path its framework has (direct calls, batch and stream,
agents of every kind, tool nodes, ``predict_and_call``, ...); the suite holds every path to the same
contract::

    class TestPatched(PatchConformance):
        call_paths = ("invoke", "ainvoke", "batch", "agent")

        def plain_tool(self, fn): return langchain_core.tools.tool(fn)
        def patched(self, *targets, **options): return mask_langchain.patched(*targets, **options)
        def patch_state(self): return (BaseTool.run, BaseTool.arun)
        async def call_via(self, path, tool, args, *, client): ...  # -> what the caller/model saw

Inside a block, through every path: the tool receives the real values behind the tokens, what comes
back holds no plaintext, and the client decodes and encodes **once** per call (a path that wraps
another, ``tool(...)`` calling ``tool.call(...)``, must not protect twice). Outside the block nothing
is protected and the framework's classes are exactly as they were. Blocks nest (the inner client wins,
the outer one is back on exit), cover only their targets when given some, never reach another
thread, and apply ``firewall=``; an unknown option is an error.

:class:`ModelCallConformance` holds the other side of a tool body to the same standard: a tool runs
on real values, and any model it calls on the way (a sub-agent's, a query engine's, its own
``llm.chat(...)``) must be sent tokens, through every way the framework has of calling a model, for a
tool protected with ``protect`` and for a plain tool inside ``patched()``; awaited calls tokenize
with the async API, never through a blocking one.
"""

# No ``from __future__ import annotations`` here: frameworks read the sample tool's annotations.
import asyncio
import contextlib
import dataclasses
import threading
from collections.abc import Callable
from typing import Any, ClassVar

import pytest

from mask_core.adapters.options import UnknownOptionError
from mask_core.client import MaskClient
from mask_core.keys.material import generate_key
from mask_core.policy import Firewall, Policy
from mask_core.testing.agent_script import CUSTOMER, Recorder
from mask_core.testing.corpus import assert_no_pii
from mask_core.vault.memory import MemoryVault

__all__ = ["CountingClient", "ModelCallConformance", "PatchConformance", "Seen"]


class CountingClient(MaskClient):
    """A client that counts ``deep_decode`` / ``deep_encode`` calls (sync and async together), and
    ``tokenize_text`` (``tokenizes``) and ``atokenize_text`` (``atokenizes``) calls apart."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.decodes = 0
        self.encodes = 0
        self.tokenizes = 0
        self.atokenizes = 0

    def tokenize_text(self, *args: Any, **kwargs: Any) -> str:
        self.tokenizes += 1
        return super().tokenize_text(*args, **kwargs)

    async def atokenize_text(self, *args: Any, **kwargs: Any) -> str:
        self.atokenizes += 1
        return await super().atokenize_text(*args, **kwargs)

    def deep_decode(self, *args: Any, **kwargs: Any) -> Any:
        self.decodes += 1
        return super().deep_decode(*args, **kwargs)

    async def adeep_decode(self, *args: Any, **kwargs: Any) -> Any:
        self.decodes += 1
        return await super().adeep_decode(*args, **kwargs)

    def deep_encode(self, *args: Any, **kwargs: Any) -> Any:
        self.encodes += 1
        return super().deep_encode(*args, **kwargs)

    async def adeep_encode(self, *args: Any, **kwargs: Any) -> Any:
        self.encodes += 1
        return await super().adeep_encode(*args, **kwargs)


@dataclasses.dataclass
class Seen:
    """What came back from one call: to the caller (direct paths) or to the model (agent paths).

    ``decodes`` / ``encodes``: how many the path should cost; more than one when it makes other tool
    calls on the way (an ADK transfer to a sub-agent is a tool call too; an agent tool's arguments are
    not decoded).
    """

    texts: list[str]
    decodes: int = 1
    encodes: int = 1


def _client(tenant: str) -> CountingClient:
    return CountingClient(tenant=tenant, master_key=generate_key(), vault=MemoryVault())


def _tools(rec: Recorder) -> tuple[Callable[..., Any], Callable[..., Any]]:
    def send_email(email: str) -> str:
        """Send the receipt to an email address."""
        rec.record("send_email", email=email)
        return f"receipt sent to {email}, card on file {CUSTOMER['card']}"

    def lookup_phone(email: str) -> str:
        """Look up the phone number of a customer by email."""
        rec.record("lookup_phone", email=email)
        return f"{email} can be reached at {CUSTOMER['phone']}"

    return send_email, lookup_phone


class PatchConformance:
    """Behaviour of a framework's ``patched()`` block. See the module docstring."""

    #: The ways this framework calls a tool; each is a parametrized run of the path scenarios.
    call_paths: ClassVar[tuple[str, ...]] = ()

    # -- what a framework package provides --------------------------------------------------------------
    def plain_tool(self, fn: Callable[..., Any]) -> Any:
        raise NotImplementedError("return the framework's unprotected tool for the function `fn`")

    def patched(self, *targets: Any, **options: Any) -> Any:
        raise NotImplementedError("return the package's patched(*targets, **options) context manager")

    def target_of(self, tools: list[Any]) -> Any:
        """An object ``patched()`` accepts that covers exactly ``tools`` (an agent, or the tools)."""
        return tools

    def patch_state(self) -> Any:
        raise NotImplementedError("return the framework attributes patched() replaces, for comparison")

    async def call_via(self, path: str, tool: Any, args: dict[str, Any], *, client: MaskClient) -> Seen:
        raise NotImplementedError("call `tool` with `args` through `path`; return what came back")

    # -- plumbing ------------------------------------------------------------------------------------------
    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if "path" in metafunc.fixturenames:
            metafunc.parametrize("path", self.call_paths)

    def _call(self, path: str, tool: Any, email: str, client: MaskClient) -> Seen:
        return asyncio.run(self.call_via(path, tool, {"email": email}, client=client))

    # -- the scenarios -------------------------------------------------------------------------------------
    def test_every_call_path_is_protected_exactly_once(self, path: str) -> None:
        """If this fails, a path leaks plaintext, skips decoding, or protects the call twice."""
        client, rec = _client("paths"), Recorder()
        send_email, _ = _tools(rec)
        tool = self.plain_tool(send_email)
        with self.patched(client=client):
            seen = self._call(path, tool, client.encode(CUSTOMER["email"]), client)
        assert rec.of("send_email") == [{"email": CUSTOMER["email"]}], (
            f"{path}: the tool needs the real value"
        )
        assert_no_pii(*seen.texts)
        assert (client.decodes, client.encodes) == (seen.decodes, seen.encodes), (
            f"{path}: decoded {client.decodes} and encoded {client.encodes} times; "
            f"expected {seen.decodes} and {seen.encodes} (once per tool call)"
        )

    def test_outside_the_block_nothing_is_protected_or_left_patched(self) -> None:
        before = self.patch_state()
        client, rec = _client("outside"), Recorder()
        tool = self.plain_tool(_tools(rec)[0])
        token = client.encode(CUSTOMER["email"])
        with self.patched(client=client):
            assert self.patch_state() != before, "entering the block should install the patch"
            self._call(self.call_paths[0], tool, token, client)
        assert self.patch_state() == before, "the block must restore the framework exactly"
        self._call(self.call_paths[0], tool, token, client)
        assert rec.of("send_email") == [{"email": CUSTOMER["email"]}, {"email": token}]
        with self.patched(client=client):  # protected again
            self._call(self.call_paths[0], tool, token, client)
        assert rec.of("send_email")[-1] == {"email": CUSTOMER["email"]}

    @pytest.mark.parametrize("targeted", [False, True], ids=["global", "targets"])
    def test_nested_blocks_inner_client_wins_and_outer_comes_back(self, targeted: bool) -> None:
        """If this fails, re-entering with another tenant's client is ignored or leaks across tenants."""
        a, b, rec = _client("tenant-a"), _client("tenant-b"), Recorder()
        tool = self.plain_tool(_tools(rec)[0])
        targets = (self.target_of([tool]),) if targeted else ()
        path = self.call_paths[0]
        with self.patched(*targets, client=a):
            with self.patched(*targets, client=b):
                seen = self._call(path, tool, b.encode(CUSTOMER["email"]), b)
                assert rec.of("send_email")[-1] == {"email": CUSTOMER["email"]}, "B's token must decode"
                assert b.encode(CUSTOMER["email"]) in "\n".join(seen.texts), "B's result must be B's tokens"
                assert a.encodes == 0, "the outer tenant must not tokenize the inner block's results"
            count = len(rec.of("send_email"))
            self._call(path, tool, a.encode(CUSTOMER["email"]), a)
            assert rec.of("send_email")[count:] == [{"email": CUSTOMER["email"]}], "A is back after B closes"

    def test_targets_limit_the_block_to_their_tools(self) -> None:
        client, rec = _client("targets"), Recorder()
        send_email, lookup_phone = _tools(rec)
        covered, other = self.plain_tool(send_email), self.plain_tool(lookup_phone)
        token = client.encode(CUSTOMER["email"])
        with self.patched(self.target_of([covered]), client=client):
            self._call(self.call_paths[0], covered, token, client)
            self._call(self.call_paths[0], other, token, client)
        assert rec.of("send_email") == [{"email": CUSTOMER["email"]}]
        assert rec.of("lookup_phone") == [{"email": token}], "a tool outside the targets is not touched"

    def test_the_block_never_reaches_another_thread(self) -> None:
        client, rec = _client("threads"), Recorder()
        tool = self.plain_tool(_tools(rec)[0])
        token = client.encode(CUSTOMER["email"])
        inside, release = threading.Event(), threading.Event()

        def in_block() -> None:
            with self.patched(client=client):
                inside.set()
                release.wait(10)

        thread = threading.Thread(target=in_block)
        thread.start()
        inside.wait(10)
        try:
            self._call(self.call_paths[0], tool, token, client)
        finally:
            release.set()
            thread.join()
        assert rec.of("send_email") == [{"email": token}], "another request must not pick up the block"

    def test_concurrent_blocks_leave_the_framework_as_it_was(self) -> None:
        before = self.patch_state()

        def churn() -> None:
            for _ in range(30):
                with self.patched(client=_client("churn")):
                    pass

        threads = [threading.Thread(target=churn) for _ in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        assert self.patch_state() == before

    def test_firewall_applies_its_policy(self) -> None:
        client, rec = _client("firewall"), Recorder()
        policy = Policy.from_dict(
            {
                "firewall": {
                    "stages": [
                        {"name": "input-pii-scanner", "config": {"entity_actions": {"credit_card": "redact"}}}
                    ]
                }
            }
        )
        tool = self.plain_tool(_tools(rec)[0])
        with self.patched(client=client, firewall=Firewall(policy, client=client)):
            seen = self._call(self.call_paths[0], tool, client.encode(CUSTOMER["email"]), client)
        text = "\n".join(seen.texts)
        assert "[CREDIT_CARD]" in text, "a redacted type shows as its placeholder"
        assert client.encode(CUSTOMER["email"]) in text, "other types are tokenized"
        assert_no_pii(text)

    def test_an_unknown_option_is_an_error(self) -> None:
        client = _client("options")
        for bad in ({"decodes": {"EMAIL_ADDRESS"}}, {"policy": Firewall(client=client)}):
            with pytest.raises(UnknownOptionError), contextlib.ExitStack() as stack:
                stack.enter_context(self.patched(client=client, **bad))


class ModelCallConformance:
    """A model called while a protected tool body runs is sent tokens. See the module docstring.

    A framework package lists its ways of calling a model (``model_paths``; those also in
    ``async_model_paths`` are awaited from an async tool body) and provides::

        def protect_tool(self, fn, *, client): ...      # the package's protect(fn, client=client)
        def plain_tool(self, fn): ...                   # an unprotected tool
        def patched(self, **options): ...               # the package's patched() block
        async def run_tool(self, tool, args, *, asynchronous): ...  # call it (awaited if asynchronous)
        def call_model(self, path, text): ...           # a scripted model called through `path` with
        async def acall_model(self, path, text): ...    # a user message `text`; -> what it received
    """

    model_paths: ClassVar[tuple[str, ...]] = ()
    async_model_paths: ClassVar[frozenset[str]] = frozenset()

    # -- what a framework package provides --------------------------------------------------------------
    def protect_tool(self, fn: Callable[..., Any], *, client: MaskClient) -> Any:
        raise NotImplementedError("return the package's protect(fn, client=client)")

    def plain_tool(self, fn: Callable[..., Any]) -> Any:
        raise NotImplementedError("return the framework's unprotected tool for the function `fn`")

    def patched(self, *targets: Any, **options: Any) -> Any:
        raise NotImplementedError("return the package's patched(*targets, **options) context manager")

    async def run_tool(self, tool: Any, args: dict[str, Any], *, asynchronous: bool) -> Any:
        raise NotImplementedError("call `tool` with `args` (through the framework's async entry if asked)")

    def call_model(self, path: str, text: str) -> list[str]:
        raise NotImplementedError("call a fresh scripted model through `path`; return what it received")

    async def acall_model(self, path: str, text: str) -> list[str]:
        raise NotImplementedError("await a fresh scripted model through `path`; return what it received")

    # -- plumbing ------------------------------------------------------------------------------------------
    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if "model_path" in metafunc.fixturenames:
            metafunc.parametrize("model_path", self.model_paths)

    def _body(self, path: str, rec: Recorder, sent: list[str]) -> Callable[..., Any]:
        if path in self.async_model_paths:

            async def send_receipt(email: str) -> str:
                """Write and send the receipt to an email address."""
                rec.record("send_receipt", email=email)
                sent.extend(await self.acall_model(path, f"Write a receipt for {email}."))
                return "sent"

            return send_receipt

        def send_receipt(email: str) -> str:  # type: ignore[no-redef]  # the sync twin of the above
            """Write and send the receipt to an email address."""
            rec.record("send_receipt", email=email)
            sent.extend(self.call_model(path, f"Write a receipt for {email}."))
            return "sent"

        return send_receipt

    # -- the scenarios -------------------------------------------------------------------------------------
    @pytest.mark.parametrize("how", ["protect", "patched"])
    def test_a_model_called_in_a_tool_body_is_sent_tokens(self, model_path: str, how: str) -> None:
        """If this fails, a model a tool calls (a sub-agent's, its own) received a real value."""
        client, rec, sent = _client("models"), Recorder(), list[str]()
        body = self._body(model_path, rec, sent)
        asynchronous = model_path in self.async_model_paths
        token = client.encode(CUSTOMER["email"])
        with contextlib.ExitStack() as stack:
            if how == "patched":
                stack.enter_context(self.patched(client=client))
                tool = self.plain_tool(body)
            else:
                tool = self.protect_tool(body, client=client)
            tokenized_before = client.tokenizes
            asyncio.run(self.run_tool(tool, {"email": token}, asynchronous=asynchronous))
        assert rec.of("send_receipt") == [{"email": CUSTOMER["email"]}], "the tool body gets the real value"
        assert sent, f"{model_path}: the model was never called"
        assert_no_pii(*sent)
        assert token in "\n".join(sent), f"{model_path}: the model should see the token of the value"
        if asynchronous:
            blocking = f"{model_path}: an awaited model call must tokenize with the async API"
            assert client.tokenizes == tokenized_before, blocking
            assert client.atokenizes > 0, blocking

    def test_a_model_called_outside_every_tool_body_is_untouched(self, model_path: str) -> None:
        """Mask changes what a tool hands on, not what the application sends its own model."""
        client = _client("untouched")
        text = f"Write a receipt for {CUSTOMER['email']}."
        with self.patched(client=client):
            if model_path in self.async_model_paths:
                sent = asyncio.run(self.acall_model(model_path, text))
            else:
                sent = self.call_model(model_path, text)
        assert CUSTOMER["email"] in "\n".join(sent)
        assert client.tokenizes == client.atokenizes == 0
