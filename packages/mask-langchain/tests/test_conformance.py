"""The shared conformance suites, run through real LangChain v1 agent loops (``create_agent``).

Three ways in, each a real ``create_agent`` loop with a scripted fake chat model: tools protected one by
one (``protect``), plain ``@tool`` tools protected by ``MaskMiddleware``, and plain tools inside a
``patched()`` block. ``TestPatched`` runs every LangChain call path through ``patched()``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection
from typing import Any

from langchain.agents import create_agent
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.tools import BaseTool
from langchain_core.tools import tool as lc_tool
from langgraph.graph import START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode

from mask_core import Firewall, MaskClient
from mask_core.testing.adapter_suite import AdapterConformance
from mask_core.testing.agent_script import AgentRun, Script, ToolCall, Turn, scripted
from mask_core.testing.patch_suite import PatchConformance, Seen
from mask_langchain import MaskMiddleware, patched, protect
from mask_langchain.patch import TOOLS
from mask_langchain.subagents import MODELS
from mask_langchain.testing import ScriptedChatModel


async def _run(agent: Any, model: ScriptedChatModel, prompt: str) -> AgentRun:
    result = await agent.ainvoke({"messages": [HumanMessage(prompt)]})
    return AgentRun(model.requests, str(result["messages"][-1].content))


class _Base(AdapterConformance):
    tool_errors_reach_model = False  # create_agent's ToolNode re-raises tool errors (tokenized)

    def protect(
        self,
        fn: Callable[..., Any],
        *,
        client: MaskClient,
        decode: Collection[str] | None = None,
        firewall: Firewall | None = None,
    ) -> Any:
        return protect(fn, client=client, decode=decode, firewall=firewall)

    def agent(self, model: ScriptedChatModel, tools: list[Any]) -> Any:
        return create_agent(model, tools=tools)

    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        model = ScriptedChatModel(script=script)
        return await _run(self.agent(model, tools), model, prompt)

    async def call_tool(self, tool: Any, args: dict[str, Any]) -> Any:
        return await tool.ainvoke(args)

    def make_agent_tool(
        self, sub_tools: list[Any], script: Script, *, client: MaskClient
    ) -> tuple[Any, list[str]]:
        model = ScriptedChatModel(script=script)
        sub_agent = self.agent(model, sub_tools)

        async def ask_assistant(request: str) -> str:
            """Ask the assistant to do something."""
            result = await sub_agent.ainvoke({"messages": [HumanMessage(request)]})
            return str(result["messages"][-1].content)

        return self.protect(ask_assistant, client=client), model.requests


class TestProtect(_Base):
    """``protect(fn)``: what ``secure_tool`` builds."""


class TestMiddleware(_Base):
    """Plain ``@tool`` tools; ``MaskMiddleware`` protects them in the agent."""

    def protect(
        self,
        fn: Callable[..., Any],
        *,
        client: MaskClient,
        decode: Collection[str] | None = None,
        firewall: Firewall | None = None,
    ) -> Any:
        made = lc_tool(fn)
        made.metadata = {"mask_policy": (client, decode, firewall)}
        return made

    @staticmethod
    def _middleware(tools: list[Any]) -> MaskMiddleware:
        policies = {(t.metadata["mask_policy"][0], t.metadata["mask_policy"][2]) for t in tools}
        assert len(policies) == 1
        client, firewall = policies.pop()
        decode = {t.name: t.metadata["mask_policy"][1] for t in tools}
        return MaskMiddleware(client=client, decode=decode, firewall=firewall)

    def agent(self, model: ScriptedChatModel, tools: list[Any]) -> Any:
        return create_agent(model, tools=tools, middleware=[self._middleware(tools)])

    async def call_tool(self, tool: Any, args: dict[str, Any]) -> Any:
        return await self._middleware([tool])._protected(tool).ainvoke(args)


class TestPatchedAgent(TestMiddleware):
    """Plain ``@tool`` tools in an unchanged agent, protected by ``with patched(agent, ...)``."""

    def agent(self, model: ScriptedChatModel, tools: list[Any]) -> Any:
        agent = create_agent(model, tools=tools)
        middleware = self._middleware(tools)
        options = middleware.protection
        outer = agent.invoke, agent.ainvoke

        def invoke(*args: Any, **kwargs: Any) -> Any:
            with patched(agent, client=options.client, decode=options.policy, firewall=options.firewall):
                return outer[0](*args, **kwargs)

        async def ainvoke(*args: Any, **kwargs: Any) -> Any:
            with patched(agent, client=options.client, decode=options.policy, firewall=options.firewall):
                return await outer[1](*args, **kwargs)

        object.__setattr__(agent, "invoke", invoke)
        object.__setattr__(agent, "ainvoke", ainvoke)
        return agent


class TestPatched(PatchConformance):
    call_paths = (
        "invoke",
        "ainvoke",
        "run",
        "batch",
        "abatch",
        "stream",
        "tool_node",
        "agent",
        "agent_stream",
    )

    def plain_tool(self, fn: Callable[..., Any]) -> Any:
        return lc_tool(fn)

    def patched(self, *targets: Any, **options: Any) -> Any:
        return patched(*targets, **options)

    def target_of(self, tools: list[Any]) -> Any:
        return ToolNode(tools)

    def patch_state(self) -> Any:
        return (BaseTool.run, BaseTool.arun, TOOLS.installed, MODELS.installed)

    async def call_via(self, path: str, tool: Any, args: dict[str, Any], *, client: MaskClient) -> Seen:
        call = {"name": tool.name, "args": args, "id": "c1", "type": "tool_call"}
        if path == "invoke":
            return Seen([str(tool.invoke(call).content)])
        if path == "ainvoke":
            return Seen([str((await tool.ainvoke(call)).content)])
        if path == "run":
            return Seen([str(tool.run(args))])
        if path == "batch":
            return Seen([str(r) for r in tool.batch([args])])
        if path == "abatch":
            return Seen([str(r) for r in await tool.abatch([args])])
        if path == "stream":
            return Seen([str(chunk) for chunk in tool.stream(args)])
        if path == "tool_node":
            graph = StateGraph(MessagesState)
            graph.add_node("tools", ToolNode([tool]))
            graph.add_edge(START, "tools")
            out = await graph.compile().ainvoke({"messages": [AIMessage("", tool_calls=[call])]})
            return Seen([str(m.content) for m in out["messages"][1:]])
        model = ScriptedChatModel(
            script=scripted(Turn(calls=(ToolCall(tool.name, args, "c1"),)), Turn(text="ok"))
        )
        agent = create_agent(model, tools=[tool])
        if path == "agent":
            await agent.ainvoke({"messages": [HumanMessage("go")]})
        else:
            with contextlib.suppress(StopIteration):
                for _ in agent.stream({"messages": [HumanMessage("go")]}, stream_mode="messages"):
                    pass
        return Seen(model.requests)
