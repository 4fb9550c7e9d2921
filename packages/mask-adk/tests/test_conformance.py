"""The shared adapter conformance suite, run through real ADK agent loops (``InMemoryRunner``).

Three ways in: the agent's own ``before_tool_callback`` / ``after_tool_callback`` (Mask's callbacks),
an ``App`` with ``MaskPlugin``, and an unchanged agent inside ``mask_adk.patched(agent)``.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Collection
from typing import Any

from google.adk.agents import LlmAgent
from google.adk.apps import App
from google.adk.runners import InMemoryRunner
from google.genai import types

from mask_adk import MaskPlugin, MaskToolCallbacks, mask_tool_callbacks, patched
from mask_adk.testing import ScriptedLlm
from mask_core import MaskClient
from mask_core.testing.adapter_suite import AdapterConformance
from mask_core.testing.agent_script import AgentRun, Script


@dataclasses.dataclass
class Policy:
    """ADK tools are plain functions; Mask protects them through callbacks built from this policy."""

    fn: Callable[..., Any]
    client: MaskClient
    decode: Collection[str] | None

    @property
    def name(self) -> str:
        return self.fn.__name__


async def run_runner(runner: InMemoryRunner, prompt: str) -> str:
    session = await runner.session_service.create_session(app_name=runner.app_name, user_id="u")
    final = ""
    message = types.Content(role="user", parts=[types.Part(text=prompt)])
    async for event in runner.run_async(user_id="u", session_id=session.id, new_message=message):
        if event.is_final_response() and event.content and event.content.parts:
            final = "".join(p.text or "" for p in event.content.parts)
    return final


class _Base(AdapterConformance):
    def protect(
        self, fn: Callable[..., Any], *, client: MaskClient, decode: Collection[str] | None = None
    ) -> Any:
        return Policy(fn, client, decode)

    @staticmethod
    def _policy(tools: list[Policy]) -> tuple[MaskClient, dict[str, Any]]:
        clients = {id(t.client): t.client for t in tools}
        assert len(clients) == 1
        return next(iter(clients.values())), {t.name: t.decode for t in tools}

    def _agent(self, tools: list[Policy], model: ScriptedLlm, **kwargs: Any) -> LlmAgent:
        return LlmAgent(name="support", model=model, tools=[t.fn for t in tools], **kwargs)

    async def call_tool(self, tool: Policy, args: dict[str, Any]) -> Any:
        callbacks = MaskToolCallbacks(client=tool.client, decode=tool.decode)
        named = type("T", (), {"name": tool.name})()
        args = dict(args)
        assert await callbacks.abefore_tool(named, args, None) is None
        return await callbacks.aafter_tool(named, args, None, tool.fn(**args))


class TestAgentCallbacks(_Base):
    tool_errors_reach_model = False  # ADK re-raises a tool's error (mask_tool_error tokenizes it)

    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        client, decode = self._policy(tools)
        before, after, on_error = mask_tool_callbacks(client=client, decode=decode)
        model = ScriptedLlm(script=script)
        agent = self._agent(
            tools,
            model,
            before_tool_callback=before,
            after_tool_callback=after,
            on_tool_error_callback=on_error,
        )
        final = await run_runner(InMemoryRunner(agent=agent, app_name=f"t{uuid.uuid4().hex[:8]}"), prompt)
        return AgentRun(model.requests, final)


class TestPlugin(_Base):
    tool_errors_reach_model = True  # MaskPlugin(report_tool_errors=True)

    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        client, decode = self._policy(tools)
        model = ScriptedLlm(script=script)
        plugin = MaskPlugin(client=client, decode=decode, report_tool_errors=True, scan_user_input=True)
        app = App(name="support", root_agent=self._agent(tools, model), plugins=[plugin])
        final = await run_runner(InMemoryRunner(app=app), prompt)
        return AgentRun(model.requests, final)


class TestPatchedAgent(_Base):
    tool_errors_reach_model = False

    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        client, decode = self._policy(tools)
        model = ScriptedLlm(script=script)
        agent = self._agent(tools, model)
        with patched(agent, client=client, decode=decode):
            final = await run_runner(InMemoryRunner(agent=agent, app_name=f"t{uuid.uuid4().hex[:8]}"), prompt)
        assert agent.before_tool_callback is None, "patched() must restore the agent"
        return AgentRun(model.requests, final)
