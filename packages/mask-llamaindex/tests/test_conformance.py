"""The shared adapter conformance suite, run through real LlamaIndex agent loops.

``FunctionAgent`` (function calling, via LlamaIndex's ``MockFunctionCallingLLM``), ``AgentWorkflow``
(a multi-agent workflow with one agent) and ``ReActAgent`` (text-based tool calls), each with tools
built by ``FunctionTool.from_defaults(fn=MaskToolWrapper(fn))``; and a ``FunctionAgent`` whose plain
tools are protected by ``mask_llamaindex_hooks()``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from llama_index.core.agent.workflow import AgentWorkflow, FunctionAgent, ReActAgent
from llama_index.core.tools import FunctionTool

from mask_core import MaskClient
from mask_core.testing.adapter_suite import AdapterConformance
from mask_core.testing.agent_script import AgentRun, Script
from mask_llamaindex import MaskToolWrapper, mask_llamaindex_hooks
from mask_llamaindex.testing import ScriptedLLM


class _Base(AdapterConformance):
    def protect(
        self, fn: Callable[..., Any], *, client: MaskClient, decode: Collection[str] | None = None
    ) -> Any:
        return FunctionTool.from_defaults(fn=MaskToolWrapper(fn, client=client, decode=decode))

    async def call_tool(self, tool: Any, args: dict[str, Any]) -> Any:
        return (await tool.acall(**args)).raw_output


class TestFunctionAgent(_Base):
    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        llm = ScriptedLLM(script=script)
        agent = FunctionAgent(tools=tools, llm=llm, streaming=False)
        result = await agent.run(prompt)
        return AgentRun(llm.requests, str(result))


class TestStreamingAgentWorkflow(_Base):
    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        llm = ScriptedLLM(script=script)
        agent = FunctionAgent(name="support", description="Support agent", tools=tools, llm=llm)
        workflow = AgentWorkflow(agents=[agent], root_agent="support")
        result = await workflow.run(prompt)
        return AgentRun(llm.requests, str(result))


class TestReActAgent(_Base):
    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        llm = ScriptedLLM(script=script, react=True)
        agent = ReActAgent(tools=tools, llm=llm)
        result = await agent.run(prompt)
        return AgentRun(llm.requests, str(result))


class TestHooks(_Base):
    """Plain tools; ``mask_llamaindex_hooks`` protects them while the agent runs."""

    def protect(
        self, fn: Callable[..., Any], *, client: MaskClient, decode: Collection[str] | None = None
    ) -> Any:
        made = FunctionTool.from_defaults(fn=fn)
        made.mask_policy = (client, decode)  # type: ignore[attr-defined]
        return made

    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        llm = ScriptedLLM(script=script)
        agent = FunctionAgent(tools=tools, llm=llm)
        decode = {t.metadata.name: t.mask_policy[1] for t in tools}
        with mask_llamaindex_hooks(client=client, decode=decode):
            result = await agent.run(prompt)
        return AgentRun(llm.requests, str(result))

    async def call_tool(self, tool: Any, args: dict[str, Any]) -> Any:
        from mask_llamaindex import protect

        client, decode = tool.mask_policy
        return (await protect(tool, client=client, decode=decode).acall(**args)).raw_output
