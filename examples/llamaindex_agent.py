"""A LlamaIndex FunctionAgent with Mask: the model sees tokens, the tools get real values.

    uv run --package mask-llamaindex python examples/llamaindex_agent.py

Offline by default: a scripted fake LLM (LlamaIndex's ``MockFunctionCallingLLM``) drives the real
agent loop. With ``OPENAI_API_KEY`` set and ``llama-index-llms-openai`` installed, a real model
(``MASK_EXAMPLE_MODEL``, default ``gpt-4o-mini``) runs the same agent instead.
"""

from __future__ import annotations

import asyncio
import json
import os
from typing import Any

from llama_index.core.agent.workflow import AgentStream, FunctionAgent

from mask_core import MaskClient, MemoryVault, StreamDetokenizer
from mask_core.keys import generate_key
from mask_core.testing.agent_script import ModelView, ToolCall, Turn, field, scripted
from mask_llamaindex import protect
from mask_llamaindex.testing import ScriptedLLM

client = MaskClient(tenant="acme", master_key=generate_key(), vault=MemoryVault(), ttl=3600)


def lookup_customer(customer_id: str) -> dict[str, Any]:
    """Look up a customer record by id."""
    return {
        "id": customer_id,
        "name": "Alice Johnson",
        "email": "alice.johnson@example.com",
        "phone": "+1 (415) 555-2671",
        "card": "4539 1488 0343 6467",
        "iban": "DE89 3704 0044 0532 0130 00",
    }


async def refund(card: str, email: str, amount: float) -> str:
    """Refund an amount to a card and mail the receipt."""
    print(f"  [refund tool] real values: card={card!r} email={email!r}")
    return f"Refunded {amount:.2f} to card {card}; receipt sent to {email}."


# protect() turns functions into LlamaIndex tools behind Mask (async stays async). Least privilege:
# refund receives cards and emails in clear, nothing else (no IBAN).
tools = [
    protect(lookup_customer, client=client),
    protect(refund, client=client, allowed_types={"CREDIT_CARD", "EMAIL_ADDRESS"}),
]


def fake_llm() -> ScriptedLLM:
    def refund_step(view: ModelView) -> Turn:
        seen = view.tool_outputs[-1]
        args = {"card": field(seen, "card"), "email": field(seen, "email"), "amount": 42.0}
        return Turn(calls=(ToolCall("refund", args, "call_2"),))

    def answer(view: ModelView) -> Turn:
        seen = "\n".join(view.tool_outputs)
        return Turn(
            text=f"Done: refunded 42.00 to {field(seen, 'card')}, receipt sent to {field(seen, 'email')}."
        )

    lookup = Turn(calls=(ToolCall("lookup_customer", {"customer_id": "C-1001"}, "call_1"),))
    return ScriptedLLM(script=scripted(lookup, refund_step, answer), chunk_size=6)


def llm() -> Any:
    if os.environ.get("OPENAI_API_KEY"):
        try:
            from llama_index.llms.openai import OpenAI  # type: ignore[import-not-found]

            return OpenAI(model=os.environ.get("MASK_EXAMPLE_MODEL", "gpt-4o-mini"))
        except ImportError:
            print("OPENAI_API_KEY is set but llama-index-llms-openai is not installed; using the fake LLM")
    return fake_llm()


async def main() -> None:
    model = llm()
    agent = FunctionAgent(tools=tools, llm=model, streaming=True)
    prompt = "Customer C-1001 was double charged. Refund 42.00 to their card and email them the receipt."
    print("User:", prompt)
    handler = agent.run(prompt)
    detok = StreamDetokenizer(client)  # restores tokens in the streamed answer, never half a token
    started = False
    async for event in handler.stream_events():
        if isinstance(event, AgentStream) and event.delta:
            if not started:
                print("Agent (as the user sees it): ", end="", flush=True)
                started = True
            print(await detok.afeed(event.delta), end="", flush=True)
    result = await handler
    print(await detok.aflush())
    print("Agent (as the model wrote it):", result)
    if isinstance(model, ScriptedLLM):
        seen = json.loads(model.requests[1])["messages"][-1]["blocks"][0]["text"]
        print(
            f"The model received {len(model.requests)} requests. The customer record as it saw it:\n  {seen}"
        )


if __name__ == "__main__":
    asyncio.run(main())
