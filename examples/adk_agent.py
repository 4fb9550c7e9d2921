"""A Google ADK agent with Mask: the model sees tokens, the tools get real values.

    uv run --package mask-adk python examples/adk_agent.py

Offline by default: a scripted ``BaseLlm`` drives the real ADK runner (``InMemoryRunner``) with
``MaskPlugin`` in the app. With ``GOOGLE_API_KEY`` set, Gemini (``MASK_EXAMPLE_MODEL``, default
``gemini-2.0-flash``) runs the same agent instead.
"""

from __future__ import annotations

import asyncio
import json
import os
from typing import Any

from google.adk.agents import LlmAgent
from google.adk.agents.run_config import RunConfig, StreamingMode
from google.adk.apps import App
from google.adk.runners import InMemoryRunner
from google.genai import types

from mask_adk import MaskPlugin
from mask_adk.testing import ScriptedLlm
from mask_core import MaskClient, MemoryVault, StreamDetokenizer
from mask_core.keys import generate_key
from mask_core.testing.agent_script import ModelView, ToolCall, Turn, field, scripted

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


def fake_llm() -> ScriptedLlm:
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
    return ScriptedLlm(script=scripted(lookup, refund_step, answer), chunk_size=6)


def llm() -> Any:
    if os.environ.get("GOOGLE_API_KEY"):
        return os.environ.get("MASK_EXAMPLE_MODEL", "gemini-2.0-flash")
    return fake_llm()


async def main() -> None:
    model = llm()
    agent = LlmAgent(
        name="support", model=model, tools=[lookup_customer, refund], instruction="Help customers."
    )
    plugin = MaskPlugin(client=client, allowed_types={"refund": {"CREDIT_CARD", "EMAIL_ADDRESS"}, "*": None})
    runner = InMemoryRunner(app=App(name="support", root_agent=agent, plugins=[plugin]))
    session = await runner.session_service.create_session(app_name="support", user_id="u1")
    prompt = "Customer C-1001 was double charged. Refund 42.00 to their card and email them the receipt."
    print("User:", prompt)
    message = types.Content(role="user", parts=[types.Part(text=prompt)])
    detok = StreamDetokenizer(client)  # restores tokens in the streamed answer, never half a token
    raw, started = [], False
    config = RunConfig(streaming_mode=StreamingMode.SSE)
    async for event in runner.run_async(
        user_id="u1", session_id=session.id, new_message=message, run_config=config
    ):
        if event.partial and event.content:
            for part in event.content.parts or []:
                if part.text:
                    if not started:
                        print("Agent (as the user sees it): ", end="", flush=True)
                        started = True
                    raw.append(part.text)
                    print(await detok.afeed(part.text), end="", flush=True)
    print(await detok.aflush())
    print("Agent (as the model wrote it):", "".join(raw))
    if isinstance(model, ScriptedLlm):
        request = json.loads(model.requests[1])
        seen = request["contents"][-1]["parts"][0]["function_response"]["response"]
        print(
            f"The model received {len(model.requests)} requests. The customer record as it saw it:\n  {seen}"
        )


if __name__ == "__main__":
    asyncio.run(main())
