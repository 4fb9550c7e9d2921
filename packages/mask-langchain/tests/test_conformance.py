"""The shared conformance suites, run through real LangChain v1 agent loops (``create_agent``).

Three ways in, each a real ``create_agent`` loop with a scripted fake chat model: tools protected one by
one (``protect``), plain ``@tool`` tools protected by ``MaskMiddleware``, and plain tools inside a
``patched()`` block. ``TestPatched`` runs every LangChain call path through ``patched()``; ``TestModelCalls`` every way of
calling a model (chat and text-completion models, a sub-agent) from inside a protected tool body.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Collection
from typing import Any

from langchain.agents import create_agent
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.tools import BaseTool
from langchain_core.tools import tool as lc_tool
from langgraph.graph import START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode

from mask_core import Firewall, MaskClient
from mask_core.testing.adapter_suite import AdapterConformance
from mask_core.testing.agent_script import AgentRun, Script, ToolCall, Turn, scripted
from mask_core.testing.patch_suite import ModelCallConformance, PatchConformance, Seen
from mask_langchain import MaskMiddleware, patched, protect
from mask_langchain.patch import TOOLS
from mask_langchain.subagents import MODELS
from mask_langchain.testing import ScriptedChatModel, ScriptedLLM


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
        allowed_types: Collection[str] | None = None,
        firewall: Firewall | None = None,
    ) -> Any:
        return protect(fn, client=client, allowed_types=allowed_types, firewall=firewall)

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
        allowed_types: Collection[str] | None = None,
        firewall: Firewall | None = None,
    ) -> Any:
        made = lc_tool(fn)
        made.metadata = {"mask_policy": (client, allowed_types, firewall)}
        return made

    @staticmethod
    def _middleware(tools: list[Any]) -> MaskMiddleware:
        policies = {(t.metadata["mask_policy"][0], t.metadata["mask_policy"][2]) for t in tools}
        assert len(policies) == 1
        client, firewall = policies.pop()
        allowed_types = {t.name: t.metadata["mask_policy"][1] for t in tools}
        return MaskMiddleware(client=client, allowed_types=allowed_types, firewall=firewall)

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
            with patched(
                agent, client=options.client, allowed_types=options.policy, firewall=options.firewall
            ):
                return outer[0](*args, **kwargs)

        async def ainvoke(*args: Any, **kwargs: Any) -> Any:
            with patched(
                agent, client=options.client, allowed_types=options.policy, firewall=options.firewall
            ):
                return await outer[1](*args, **kwargs)

        object.__setattr__(agent, "invoke", invoke)
        object.__setattr__(agent, "ainvoke", ainvoke)
        return agent


class TestPatched(PatchConformance):
    @staticmethod
    async def _agent_tool(tool: Any, args: dict[str, Any]) -> Seen:
        """A root agent asks a worker agent (a tool that runs an agent) to call ``tool``."""
        worker_model = ScriptedChatModel(
            script=scripted(Turn(calls=(ToolCall(tool.name, args, "w1"),)), Turn(text="sent"))
        )
        worker = create_agent(worker_model, tools=[tool])

        async def ask_worker(request: str) -> str:
            """Ask the worker to do something."""
            out = await worker.ainvoke({"messages": [HumanMessage(request)]})
            return str(out["messages"][-1].content)

        ask = ToolCall("ask_worker", {"request": f"Send the receipt to {args['email']}"}, "r1")
        root_model = ScriptedChatModel(script=scripted(Turn(calls=(ask,)), Turn(text="ok")))
        await create_agent(root_model, tools=[lc_tool(ask_worker)]).ainvoke(
            {"messages": [HumanMessage("go")]}
        )
        # Two tool calls, each decoded and encoded once; the worker's model is sent tokens again.
        return Seen([*root_model.requests, *worker_model.requests], 2, 2)

    call_paths = (
        "invoke",
        "ainvoke",
        "run",
        "batch",
        "abatch",
        "stream",
        "astream",
        "tool_node",
        "agent",
        "agent_stream",
        "agent_tool",
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
        if path == "astream":
            return Seen([str(chunk) async for chunk in tool.astream(args)])
        if path == "agent_tool":
            return await self._agent_tool(tool, args)
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


# Every way of calling a LangChain model. The v3 event stream exists only in newer langchain-core.
_V3 = ("chat_stream_events_v3", "chat_astream_events_v3") if "stream_events" in BaseChatModel.__dict__ else ()
_MODEL_PATHS = (
    "chat_invoke", "chat_ainvoke", "chat_batch", "chat_abatch", "chat_stream", "chat_astream",
    "chat_generate", "chat_agenerate", "chat_astream_events", *_V3,
    "llm_invoke", "llm_ainvoke", "llm_batch", "llm_abatch", "llm_stream", "llm_astream",
    "llm_generate", "llm_agenerate", "sub_agent", "sub_agent_ainvoke",
)  # fmt: skip


_AWAITED = {
    "chat_ainvoke", "chat_abatch", "chat_astream", "chat_agenerate", "chat_astream_events",
    "chat_astream_events_v3", "llm_ainvoke", "llm_abatch", "llm_astream", "llm_agenerate", "sub_agent_ainvoke",
}  # fmt: skip


class TestModelCalls(ModelCallConformance):
    model_paths = _MODEL_PATHS
    async_model_paths = frozenset(p for p in _MODEL_PATHS if p in _AWAITED)

    def protect_tool(self, fn: Callable[..., Any], *, client: MaskClient) -> Any:
        return protect(fn, client=client)

    def plain_tool(self, fn: Callable[..., Any]) -> Any:
        return lc_tool(fn)

    def patched(self, *targets: Any, **options: Any) -> Any:
        return patched(*targets, **options)

    async def run_tool(self, tool: Any, args: dict[str, Any], *, asynchronous: bool) -> Any:
        return await tool.ainvoke(args) if asynchronous else tool.invoke(args)

    @staticmethod
    def _model(path: str) -> ScriptedChatModel | ScriptedLLM:
        script = scripted(Turn(text="Receipt written."))
        return ScriptedLLM(script=script) if path.startswith("llm_") else ScriptedChatModel(script=script)

    def call_model(self, path: str, text: str) -> list[str]:
        model = self._model(path)
        kind, how = path.split("_", 1)
        prompt: Any = text if kind == "llm" else [HumanMessage(text)]
        if how == "invoke":
            model.invoke(prompt)
        elif how == "batch":
            model.batch([prompt])
        elif how == "stream":
            list(model.stream(prompt))
        elif how == "generate":
            model.generate([prompt])  # type: ignore[list-item]  (a prompt string, or one message list)
        elif how == "stream_events_v3":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the v3 stream is a beta API
                assert model.stream_events(prompt, version="v3").output  # type: ignore[union-attr]
        else:  # sub_agent: an agent started inside the tool
            create_agent(model, tools=[]).invoke({"messages": prompt})
        return model.requests

    async def acall_model(self, path: str, text: str) -> list[str]:
        model = self._model(path)
        kind, how = path.split("_", 1)
        prompt: Any = text if kind == "llm" else [HumanMessage(text)]
        if how == "ainvoke":
            await model.ainvoke(prompt)
        elif how == "abatch":
            await model.abatch([prompt])
        elif how == "astream":
            _ = [chunk async for chunk in model.astream(prompt)]
        elif how == "agenerate":
            await model.agenerate([prompt])
        elif how == "astream_events":
            _ = [event async for event in model.astream_events(prompt, version="v2")]
        elif how == "astream_events_v3":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                stream = await model.astream_events(prompt, version="v3")  # type: ignore[call-overload, misc]
                assert await stream.output
        else:  # sub_agent_ainvoke
            await create_agent(model, tools=[]).ainvoke({"messages": prompt})
        return model.requests
