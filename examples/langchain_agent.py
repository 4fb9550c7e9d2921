"""A LangChain v1 agent with Mask: the model sees tokens, the tools get real values, the user sees both.

    uv run --package mask-langchain python examples/langchain_agent.py

Offline by default: a scripted fake chat model drives the real ``create_agent`` loop. With
``OPENAI_API_KEY`` set and ``langchain-openai`` installed, a real model (``MASK_EXAMPLE_MODEL``,
default ``openai:gpt-4o-mini``) runs the same agent instead.
"""

from __future__ import annotations

import json
import os
from typing import Any

from langchain.agents import create_agent
from langchain_core.messages import AIMessageChunk, HumanMessage

from mask_core import MaskClient, MemoryVault, StreamDetokenizer
from mask_core.keys import generate_key
from mask_core.testing.agent_script import ModelView, ToolCall, Turn, field, scripted
from mask_langchain import protect
from mask_langchain.testing import ScriptedChatModel

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


def refund(card: str, email: str, amount: float) -> str:
    """Refund an amount to a card and mail the receipt."""
    print(f"  [refund tool] real values: card={card!r} email={email!r}")
    return f"Refunded {amount:.2f} to card {card}; receipt sent to {email}."


# protect() turns functions into LangChain tools behind Mask (the verb every Mask package shares).
# Least privilege: refund receives cards and emails in clear, nothing else (no IBAN).
tools = protect(
    [lookup_customer, refund],
    client=client,
    allowed_types={"refund": {"CREDIT_CARD", "EMAIL_ADDRESS"}, "*": None},
)


def fake_model() -> ScriptedChatModel:
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
    return ScriptedChatModel(script=scripted(lookup, refund_step, answer), chunk_size=6)


def model() -> Any:
    if os.environ.get("OPENAI_API_KEY"):
        try:
            from langchain.chat_models import init_chat_model

            return init_chat_model(os.environ.get("MASK_EXAMPLE_MODEL", "openai:gpt-4o-mini"))
        except ImportError:
            print("OPENAI_API_KEY is set but langchain-openai is not installed; using the fake model")
    return fake_model()


def main() -> None:
    llm = model()
    agent = create_agent(llm, tools=tools)
    prompt = "Customer C-1001 was double charged. Refund 42.00 to their card and email them the receipt."
    print("User:", prompt)
    detok = StreamDetokenizer(client)  # restores tokens in the streamed answer, never half a token
    raw: list[str] = []
    for chunk, _meta in agent.stream({"messages": [HumanMessage(prompt)]}, stream_mode="messages"):
        if isinstance(chunk, AIMessageChunk) and isinstance(chunk.content, str) and chunk.content:
            if not raw:
                print("Agent (as the user sees it): ", end="", flush=True)
            raw.append(chunk.content)
            print(detok.feed(chunk.content), end="", flush=True)
    print(detok.flush())
    print("Agent (as the model wrote it):", "".join(raw))
    if isinstance(llm, ScriptedChatModel):
        seen = json.loads(llm.requests[1])["messages"][-1]["content"]
        print(f"The model received {len(llm.requests)} requests. The customer record as it saw it:\n  {seen}")


if __name__ == "__main__":
    main()
