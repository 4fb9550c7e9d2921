"""The shared conformance suites, run through real LlamaIndex agent loops.

``FunctionAgent`` (function calling, via LlamaIndex's ``MockFunctionCallingLLM``), ``AgentWorkflow``
(a multi-agent workflow with one agent) and ``ReActAgent`` (text-based tool calls), each with tools
built by ``protect(fn)``; and a ``FunctionAgent`` whose plain tools are protected by ``patched()``.
``TestPatched`` runs every LlamaIndex call path through ``patched()``; ``TestModelCalls`` every way of
calling a model (an LLM's eight entry points, ``predict``, a query engine, a sub-agent) from inside a
protected tool body.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from llama_index.core import PromptTemplate, SummaryIndex
from llama_index.core.agent.workflow import AgentWorkflow, FunctionAgent, ReActAgent
from llama_index.core.llms import ChatMessage
from llama_index.core.llms.llm import ToolSelection
from llama_index.core.query_engine import CustomQueryEngine
from llama_index.core.schema import TextNode
from llama_index.core.tools import FunctionTool, QueryEngineTool
from llama_index.core.tools.calling import acall_tool_with_selection, call_tool_with_selection
from llama_index.core.tools.types import AsyncBaseTool, BaseTool

from mask_core import Firewall, MaskClient
from mask_core.testing.adapter_suite import AdapterConformance
from mask_core.testing.agent_script import AgentRun, Script, ToolCall, Turn, scripted
from mask_core.testing.patch_suite import ModelCallConformance, PatchConformance, Seen
from mask_llamaindex import patched, protect
from mask_llamaindex.patch import TOOLS
from mask_llamaindex.subagents import MODELS
from mask_llamaindex.testing import ScriptedLLM


class _Engine(CustomQueryEngine):
    """A query engine that answers by calling ``fn`` with the query (an email)."""

    fn: Any

    def custom_query(self, query_str: str) -> str:
        return str(self.fn(email=query_str))


class _Base(AdapterConformance):
    def protect(
        self,
        fn: Callable[..., Any],
        *,
        client: MaskClient,
        allowed_types: Collection[str] | None = None,
        firewall: Firewall | None = None,
    ) -> Any:
        return protect(fn, client=client, allowed_types=allowed_types, firewall=firewall)

    async def call_tool(self, tool: Any, args: dict[str, Any]) -> Any:
        return (await tool.acall(**args)).raw_output

    def agent(self, tools: list[Any], llm: ScriptedLLM) -> Any:
        return FunctionAgent(tools=tools, llm=llm, streaming=False)

    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        llm = ScriptedLLM(script=script, react=self.react)
        result = await self.agent(tools, llm).run(prompt)
        return AgentRun(llm.requests, str(result))

    react = False

    def make_agent_tool(
        self, sub_tools: list[Any], script: Script, *, client: MaskClient
    ) -> tuple[Any, list[str]]:
        llm = ScriptedLLM(script=script, react=self.react)
        sub_agent = self.agent(sub_tools, llm)

        async def ask_assistant(request: str) -> str:
            """Ask the assistant to do something."""
            return str(await sub_agent.run(user_msg=request))

        return self.protect(ask_assistant, client=client), llm.requests


class TestFunctionAgent(_Base):
    pass


class TestStreamingAgentWorkflow(_Base):
    def agent(self, tools: list[Any], llm: ScriptedLLM) -> Any:
        agent = FunctionAgent(name="support", description="Support agent", tools=tools, llm=llm)
        return AgentWorkflow(agents=[agent], root_agent="support")


class TestReActAgent(_Base):
    react = True

    def agent(self, tools: list[Any], llm: ScriptedLLM) -> Any:
        return ReActAgent(tools=tools, llm=llm)


class TestPatchedAgent(_Base):
    """Plain tools; ``patched()`` protects them while the agent runs."""

    def protect(
        self,
        fn: Callable[..., Any],
        *,
        client: MaskClient,
        allowed_types: Collection[str] | None = None,
        firewall: Firewall | None = None,
    ) -> Any:
        made = FunctionTool.from_defaults(fn=fn)
        made.mask_policy = (client, allowed_types, firewall)  # type: ignore[attr-defined]
        return made

    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        llm = ScriptedLLM(script=script)
        agent = FunctionAgent(tools=tools, llm=llm)
        allowed_types = {t.metadata.name: t.mask_policy[1] for t in tools}
        firewall = tools[0].mask_policy[2]
        with patched(agent, client=client, allowed_types=allowed_types, firewall=firewall):
            result = await agent.run(prompt)
        return AgentRun(llm.requests, str(result))

    async def call_tool(self, tool: Any, args: dict[str, Any]) -> Any:
        client, allowed_types, firewall = tool.mask_policy
        with patched(client=client, allowed_types=allowed_types, firewall=firewall):
            return (await tool.acall(**args)).raw_output

    def make_agent_tool(
        self, sub_tools: list[Any], script: Script, *, client: MaskClient
    ) -> tuple[Any, list[str]]:
        llm = ScriptedLLM(script=script)
        sub_agent = FunctionAgent(tools=sub_tools, llm=llm)

        async def ask_assistant(request: str) -> str:
            """Ask the assistant to do something."""
            with patched(sub_agent, client=client):  # a block names the agents it covers, this one too
                return str(await sub_agent.run(user_msg=request))

        return self.protect(ask_assistant, client=client), llm.requests


def _text(out: Any) -> str:
    return f"{out.content}\n{out.raw_output}\n{out.raw_input}"


class TestPatched(PatchConformance):
    @staticmethod
    async def _agent_tool(tool: BaseTool, args: dict[str, Any]) -> Seen:
        """A root agent asks a worker agent (a tool that runs an agent) to call ``tool``."""
        worker_llm = ScriptedLLM(
            script=scripted(Turn(calls=(ToolCall(tool.metadata.name, args, "w1"),)), Turn(text="sent"))
        )
        worker = FunctionAgent(tools=[tool], llm=worker_llm)

        async def ask_worker(request: str) -> str:
            """Ask the worker to do something."""
            return str(await worker.run(user_msg=request))

        ask = ToolCall("ask_worker", {"request": f"Send the receipt to {args['email']}"}, "r1")
        llm = ScriptedLLM(script=scripted(Turn(calls=(ask,)), Turn(text="ok")))
        await FunctionAgent(tools=[FunctionTool.from_defaults(fn=ask_worker)], llm=llm).run("go")
        # Two tool calls, each decoded and encoded once; the worker's model is sent tokens again.
        return Seen([*llm.requests, *worker_llm.requests], 2, 2)

    call_paths = (
        "call", "acall", "dunder", "query_engine", "call_tool_with_selection", "acall_tool_with_selection",
        "predict_and_call", "function_agent", "react_agent", "agent_workflow", "agent_tool",
    )  # fmt: skip

    def plain_tool(self, fn: Callable[..., Any]) -> Any:
        return FunctionTool.from_defaults(fn=fn)

    def patched(self, *targets: Any, **options: Any) -> Any:
        return patched(*targets, **options)

    def target_of(self, tools: list[Any]) -> Any:
        return FunctionAgent(tools=tools, llm=ScriptedLLM(script=scripted(Turn(text="ok"))))

    def patch_state(self) -> Any:
        return (
            FunctionTool.__dict__["call"], FunctionTool.__dict__["acall"], FunctionTool.__dict__["__call__"],
            AsyncBaseTool.__dict__["__call__"], QueryEngineTool.__dict__["call"], TOOLS.installed, MODELS.installed,
        )  # fmt: skip

    async def call_via(self, path: str, tool: BaseTool, args: dict[str, Any], *, client: MaskClient) -> Seen:
        selection = ToolSelection(tool_id="c1", tool_name=tool.metadata.name, tool_kwargs=args)
        if path == "call":
            return Seen([_text(tool.call(**args))])
        if path == "acall":
            return Seen([_text(await tool.acall(**args))])
        if path == "dunder":
            return Seen([_text(tool(**args))])
        if path == "query_engine":
            engine = _Engine(fn=tool.real_fn)  # a plain query engine tool around the same function
            qe_tool = QueryEngineTool.from_defaults(engine, name="records", description="Search the records.")
            return Seen([_text(await qe_tool.acall(args["email"]))])
        if path == "call_tool_with_selection":
            return Seen([_text(call_tool_with_selection(selection, [tool]))])
        if path == "acall_tool_with_selection":
            return Seen([_text(await acall_tool_with_selection(selection, [tool]))])
        llm = ScriptedLLM(
            script=scripted(Turn(calls=(ToolCall(tool.metadata.name, args, "c1"),)), Turn(text="ok"))
        )
        if path == "predict_and_call":
            out = await llm.apredict_and_call([tool], chat_history=[ChatMessage(role="user", content="go")])
            return Seen([*llm.requests, str(out)])
        if path == "agent_tool":
            return await self._agent_tool(tool, args)
        if path == "function_agent":
            await FunctionAgent(tools=[tool], llm=llm).run("go")
        elif path == "react_agent":
            llm.react = True
            await ReActAgent(tools=[tool], llm=llm).run("go")
        else:
            agent = FunctionAgent(name="a", description="d", tools=[tool], llm=llm)
            await AgentWorkflow(agents=[agent], root_agent="a").run("go")
        return Seen(llm.requests)


_SYNC_MODEL_PATHS = ("chat", "stream_chat", "complete", "stream_complete", "predict", "query_engine")
_ASYNC_MODEL_PATHS = (
    "achat", "astream_chat", "acomplete", "astream_complete", "apredict", "aquery_engine",
    "function_agent", "react_agent", "agent_workflow",
)  # fmt: skip


class TestModelCalls(ModelCallConformance):
    model_paths = (*_SYNC_MODEL_PATHS, *_ASYNC_MODEL_PATHS)
    async_model_paths = frozenset(_ASYNC_MODEL_PATHS)

    def protect_tool(self, fn: Callable[..., Any], *, client: MaskClient) -> Any:
        return protect(fn, client=client)

    def plain_tool(self, fn: Callable[..., Any]) -> Any:
        return FunctionTool.from_defaults(fn=fn)

    def patched(self, *targets: Any, **options: Any) -> Any:
        return patched(*targets, **options)

    async def run_tool(self, tool: Any, args: dict[str, Any], *, asynchronous: bool) -> Any:
        return await tool.acall(**args) if asynchronous else tool.call(**args)

    @staticmethod
    def _engine(llm: ScriptedLLM) -> Any:
        """A real query engine (a summary index over one note); its synthesizer calls ``llm``."""
        index = SummaryIndex(nodes=[TextNode(text="Receipts are mailed within one day.")])
        return index.as_query_engine(llm=llm)

    def call_model(self, path: str, text: str) -> list[str]:
        llm = ScriptedLLM(script=scripted(Turn(text="Receipt written.")))
        messages = [ChatMessage(role="user", content=text)]
        if path == "chat":
            llm.chat(messages)
        elif path == "stream_chat":
            list(llm.stream_chat(messages))
        elif path == "complete":
            llm.complete(text)
        elif path == "stream_complete":
            list(llm.stream_complete(text))
        elif path == "predict":
            llm.predict(PromptTemplate("{request}"), request=text)
        else:  # query_engine
            self._engine(llm).query(text)
        return llm.requests

    async def acall_model(self, path: str, text: str) -> list[str]:
        llm = ScriptedLLM(script=scripted(Turn(text="Receipt written.")), react=path == "react_agent")
        messages = [ChatMessage(role="user", content=text)]
        if path == "achat":
            await llm.achat(messages)
        elif path == "astream_chat":
            _ = [chunk async for chunk in await llm.astream_chat(messages)]
        elif path == "acomplete":
            await llm.acomplete(text)
        elif path == "astream_complete":
            _ = [chunk async for chunk in await llm.astream_complete(text)]
        elif path == "apredict":
            await llm.apredict(PromptTemplate("{request}"), request=text)
        elif path == "aquery_engine":
            await self._engine(llm).aquery(text)
        elif path == "function_agent":
            await FunctionAgent(tools=[], llm=llm).run(user_msg=text)
        elif path == "react_agent":
            await ReActAgent(tools=[], llm=llm).run(user_msg=text)
        else:  # agent_workflow
            agent = FunctionAgent(name="writer", description="Writes receipts.", tools=[], llm=llm)
            await AgentWorkflow(agents=[agent], root_agent="writer").run(user_msg=text)
        return llm.requests
