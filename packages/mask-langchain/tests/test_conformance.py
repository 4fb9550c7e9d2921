"""The shared adapter conformance suite, run through LangChain v1 agents (create_agent).

Two ways in, each a real ``create_agent`` loop with a scripted fake chat model: tools protected one by
one (``secure_tool``), and plain ``@tool`` tools protected by ``MaskMiddleware``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from langchain.agents import create_agent
from langchain_core.messages import HumanMessage
from langchain_core.tools import tool as lc_tool

from mask_core import MaskClient
from mask_core.testing.adapter_suite import AdapterConformance
from mask_core.testing.agent_script import AgentRun, Script
from mask_langchain import MaskMiddleware, secure_tool
from mask_langchain.testing import ScriptedChatModel


async def _run(agent: Any, model: ScriptedChatModel, prompt: str) -> AgentRun:
    result = await agent.ainvoke({"messages": [HumanMessage(prompt)]})
    return AgentRun(model.requests, str(result["messages"][-1].content))


class TestSecureTool(AdapterConformance):
    tool_errors_reach_model = False  # create_agent's ToolNode re-raises tool errors (tokenized)

    def protect(
        self, fn: Callable[..., Any], *, client: MaskClient, decode: Collection[str] | None = None
    ) -> Any:
        return secure_tool(fn, client=client, decode=decode)

    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        model = ScriptedChatModel(script=script)
        return await _run(create_agent(model, tools=tools), model, prompt)

    async def call_tool(self, tool: Any, args: dict[str, Any]) -> Any:
        return await tool.ainvoke(args)


class TestMiddleware(AdapterConformance):
    tool_errors_reach_model = False

    def protect(
        self, fn: Callable[..., Any], *, client: MaskClient, decode: Collection[str] | None = None
    ) -> Any:
        made = lc_tool(fn)
        made.metadata = {"mask_policy": (client, decode)}
        return made

    @staticmethod
    def _middleware(tools: list[Any]) -> MaskMiddleware:
        clients = {t.metadata["mask_policy"][0] for t in tools}
        assert len(clients) == 1
        decode = {t.name: t.metadata["mask_policy"][1] for t in tools}
        return MaskMiddleware(client=clients.pop(), decode=decode)

    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        model = ScriptedChatModel(script=script)
        agent = create_agent(model, tools=tools, middleware=[self._middleware(tools)])
        return await _run(agent, model, prompt)

    async def call_tool(self, tool: Any, args: dict[str, Any]) -> Any:
        return await self._middleware([tool])._protected(tool).ainvoke(args)
