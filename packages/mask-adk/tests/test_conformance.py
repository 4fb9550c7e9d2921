"""The shared conformance suites, run through real ADK agent loops (``InMemoryRunner``).

Four ways in: tools protected one by one (``protect``), the agent's own callbacks
(``mask_tool_callbacks``), an ``App`` with ``MaskPlugin``, and an unchanged agent inside
``mask_adk.patched(agent)``. ``TestPatched`` runs ADK's call paths through ``patched()``.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Collection
from typing import Any

from google.adk.agents import LlmAgent
from google.adk.agents.run_config import RunConfig, StreamingMode
from google.adk.apps import App
from google.adk.runners import InMemoryRunner
from google.adk.tools.agent_tool import AgentTool
from google.genai import types

from mask_adk import MaskPlugin, MaskToolCallbacks, mask_tool_callbacks, patched, protect
from mask_adk.patch import TOOLS
from mask_adk.testing import ScriptedLlm
from mask_core import Firewall, MaskClient
from mask_core.testing.adapter_suite import AdapterConformance
from mask_core.testing.agent_script import AgentRun, Script, ToolCall, Turn, scripted
from mask_core.testing.patch_suite import PatchConformance, Seen


@dataclasses.dataclass
class Policy:
    """ADK tools are plain functions; Mask protects them through callbacks built from this policy."""

    fn: Any
    client: MaskClient
    allowed_types: Collection[str] | None
    firewall: Firewall | None = None
    below: dict[str, Any] = dataclasses.field(default_factory=dict)  # allowed_types= of a sub-agent's tools

    @property
    def name(self) -> str:
        return str(getattr(self.fn, "name", None) or self.fn.__name__)


async def run_runner(runner: InMemoryRunner, prompt: str, run_config: RunConfig | None = None) -> str:
    session = await runner.session_service.create_session(app_name=runner.app_name, user_id="u")
    final = ""
    message = types.Content(role="user", parts=[types.Part(text=prompt)])
    async for event in runner.run_async(
        user_id="u", session_id=session.id, new_message=message, run_config=run_config or RunConfig()
    ):
        if event.is_final_response() and event.content and event.content.parts:
            final = "".join(p.text or "" for p in event.content.parts)
    return final


def _runner(agent: LlmAgent) -> InMemoryRunner:
    return InMemoryRunner(agent=agent, app_name=f"t{uuid.uuid4().hex[:8]}")


class _Base(AdapterConformance):
    def protect(
        self,
        fn: Callable[..., Any],
        *,
        client: MaskClient,
        allowed_types: Collection[str] | None = None,
        firewall: Firewall | None = None,
    ) -> Any:
        return Policy(fn, client, allowed_types, firewall)

    @staticmethod
    def _policy(tools: list[Policy]) -> tuple[MaskClient, dict[str, Any], Firewall | None]:
        clients = {(id(t.client), id(t.firewall)): (t.client, t.firewall) for t in tools}
        assert len(clients) == 1
        client, firewall = next(iter(clients.values()))
        allowed_types = {t.name: t.allowed_types for t in tools}
        for t in tools:
            allowed_types.update(t.below)
        return client, allowed_types, firewall

    def agent(self, name: str, tools: list[Policy], model: ScriptedLlm) -> LlmAgent:
        client, allowed_types, firewall = self._policy(tools)
        before, after, on_error = mask_tool_callbacks(
            client=client, allowed_types=allowed_types, firewall=firewall
        )
        return LlmAgent(
            name=name,
            model=model,
            tools=[t.fn for t in tools],
            before_tool_callback=before,
            after_tool_callback=after,
            on_tool_error_callback=on_error,
        )

    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        model = ScriptedLlm(script=script)
        final = await run_runner(_runner(self.agent("support", tools, model)), prompt)
        return AgentRun(model.requests, final)

    async def call_tool(self, tool: Policy, args: dict[str, Any]) -> Any:
        callbacks = MaskToolCallbacks(
            client=tool.client, allowed_types=tool.allowed_types, firewall=tool.firewall
        )
        named = type("T", (), {"name": tool.name})()
        args = dict(args)
        assert await callbacks.abefore_tool(named, args, None) is None
        return await callbacks.aafter_tool(named, args, None, tool.fn(**args))

    def make_agent_tool(
        self, sub_tools: list[Any], script: Script, *, client: MaskClient
    ) -> tuple[Any, list[str]]:
        model = ScriptedLlm(script=script)
        sub_agent = self.agent("assistant", sub_tools, model)
        sub_agent.description = "Does what it is asked."
        return self.protect(_AskAssistant(sub_agent), client=client), model.requests


class _AskAssistant(AgentTool):
    """ADK's agent-as-a-tool, named as the suite's scripts call it."""

    def __init__(self, agent: LlmAgent) -> None:
        super().__init__(agent=agent)
        self.name = "ask_assistant"


class TestAgentCallbacks(_Base):
    tool_errors_reach_model = False  # ADK re-raises a tool's error (mask_tool_error tokenizes it)


class TestProtect(_Base):
    tool_errors_reach_model = False

    def agent(self, name: str, tools: list[Policy], model: ScriptedLlm) -> LlmAgent:
        client, allowed_types, firewall = self._policy(tools)
        plain = [t.fn for t in tools]
        return LlmAgent(
            name=name,
            model=model,
            tools=protect(plain, client=client, allowed_types=allowed_types, firewall=firewall),
        )


class TestPlugin(_Base):
    tool_errors_reach_model = True  # MaskPlugin(report_tool_errors=True)

    def agent(self, name: str, tools: list[Policy], model: ScriptedLlm) -> LlmAgent:
        return LlmAgent(name=name, model=model, tools=[t.fn for t in tools])

    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        client, allowed_types, firewall = self._policy(tools)
        model = ScriptedLlm(script=script)
        plugin = MaskPlugin(
            client=client,
            allowed_types=allowed_types,
            firewall=firewall,
            report_tool_errors=True,
            scan_user_input=True,
        )
        app = App(name="support", root_agent=self.agent("support", tools, model), plugins=[plugin])
        final = await run_runner(InMemoryRunner(app=app), prompt)
        return AgentRun(model.requests, final)

    def make_agent_tool(
        self, sub_tools: list[Any], script: Script, *, client: MaskClient
    ) -> tuple[Any, list[str]]:
        tool, requests = super().make_agent_tool(sub_tools, script, client=client)
        return Policy(tool.fn, client, None, below={t.name: t.allowed_types for t in sub_tools}), requests


class TestPatchedAgent(TestPlugin):
    tool_errors_reach_model = False

    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        client, allowed_types, firewall = self._policy(tools)
        model = ScriptedLlm(script=script)
        agent = self.agent("support", tools, model)
        with patched(agent, client=client, allowed_types=allowed_types, firewall=firewall):
            final = await run_runner(_runner(agent), prompt)
        assert agent.before_tool_callback is None, "patched() never modifies the agent"
        return AgentRun(model.requests, final)


class TestPatched(PatchConformance):
    call_paths = ("runner", "runner_sse", "sub_agent", "agent_tool")

    def plain_tool(self, fn: Callable[..., Any]) -> Any:
        return fn

    def patched(self, *targets: Any, **options: Any) -> Any:
        return patched(*targets, **options)

    def target_of(self, tools: list[Any]) -> Any:
        # ADK protects agents, not functions: the block names this agent, and call_via runs it.
        agent = LlmAgent(name="target", model=ScriptedLlm(script=scripted(Turn(text="ok"))), tools=tools)
        self.__dict__.setdefault("targets", {}).update({id(t): agent for t in tools})
        return agent

    def patch_state(self) -> Any:
        names = ("canonical_before_tool_callbacks", "canonical_after_tool_callbacks")
        return (*(LlmAgent.__dict__[n] for n in names), TOOLS.installed)

    async def call_via(self, path: str, tool: Any, args: dict[str, Any], *, client: MaskClient) -> Seen:
        script = scripted(Turn(calls=(ToolCall(tool.__name__, args, "c1"),)), Turn(text="ok"))
        model = ScriptedLlm(script=script)
        config = RunConfig(streaming_mode=StreamingMode.SSE) if path == "runner_sse" else None
        if path in ("runner", "runner_sse"):
            agent = self.__dict__.get("targets", {}).get(id(tool)) or LlmAgent(
                name="a", model=model, tools=[tool]
            )
            agent.model = model
            await run_runner(_runner(agent), "go", config)
            return Seen(model.requests)
        worker = LlmAgent(name="worker", description="Sends receipts.", model=model, tools=[tool])
        if path == "sub_agent":  # the root transfers to a sub-agent, which calls the tool
            hand_off = Turn(calls=(ToolCall("transfer_to_agent", {"agent_name": "worker"}, "t1"),))
            root_model = ScriptedLlm(script=scripted(hand_off, Turn(text="ok")))
            root = LlmAgent(name="root", model=root_model, sub_agents=[worker])
            counts = (2, 2)  # the transfer is a tool call too
        else:  # the root calls the worker as a tool
            ask = Turn(calls=(ToolCall("worker", {"request": "send the receipt"}, "t1"),))
            root_model = ScriptedLlm(script=scripted(ask, Turn(text="ok")))
            root = LlmAgent(name="root", model=root_model, tools=[AgentTool(agent=worker)])
            counts = (1, 2)  # the agent tool's arguments stay tokens; its answer is encoded
        await run_runner(_runner(root), "go")
        return Seen([*root_model.requests, *model.requests], *counts)
