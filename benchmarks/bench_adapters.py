"""What Mask adds to one tool call, per framework (memory vault, no NER).

    python benchmarks/bench_adapters.py [--quick] [--json PATH]      (nox -s bench runs it)

The call: two string arguments (an email token and a card token, as the model sends them) and a 1 KB
result, measured twice: with 5 PII items (the core benchmark's paragraph) and without PII (the same
record in ordinary wording, ``bench_core.CLEAN_PARAGRAPH``). For each framework these medians are
taken in one run on one pinned core:

* ``plain``: the unprotected tool through the framework's own tool entry point;
* ``protected``: the same tool protected by the adapter;
* ``core``: ``deep_decode(args)`` + ``deep_encode(result)`` on the client alone (what any protection
  must cost; scanning the 1 KB result dominates it and is owned by the core, not the adapters);
* ``null``: the protected tool with a client whose ``deep_decode`` / ``deep_encode`` return their input,
  so ``null - plain`` is the adapter's own overhead (wrapping, argument splitting, audit context,
  rebuilding the framework's output) measured directly, without subtracting two noisy figures.

``added = protected - plain`` is what a user pays per call. The <= 0.2 ms target holds for
the adapter's own share and for a whole call whose 1 KB result holds no PII. A result with 5 PII items
costs what the core's ``tokenize_text`` of it costs (budgeted at 0.3 ms for exactly that text), so
no adapter can add less than that for it: that row is reported, not judged. The calls are measured in
interleaved rounds (each figure is the lowest round median), because the machine is shared and
drifts; compare figures within one run.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from typing import Any

from _harness import Row, latency, machine, pin_one_core, print_table, write_json
from bench_core import CLEAN_PARAGRAPH, PARAGRAPH

from mask_core import MaskClient, MaskSettings, MemoryVault
from mask_core.keys import generate_key

TARGET_MS = 0.2


def _client() -> MaskClient:
    return MaskClient(
        tenant="bench", master_key=generate_key(), vault=MemoryVault(), settings=MaskSettings(ner="off")
    )


class NullClient(MaskClient):
    """A client whose walkers do nothing: what is left of a protected call is the adapter itself."""

    def deep_decode(self, obj: Any, **kwargs: Any) -> Any:
        return obj

    def deep_encode(self, obj: Any, **kwargs: Any) -> Any:
        return obj

    async def adeep_decode(self, obj: Any, **kwargs: Any) -> Any:
        return obj

    async def adeep_encode(self, obj: Any, **kwargs: Any) -> Any:
        return obj


def rounds(fns: list[Callable[[], Any]], *, rounds: int, calls: int) -> list[float]:
    """The lowest per-round median latency (ms) of each function, measured interleaved."""
    best = [float("inf")] * len(fns)
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            best[i] = min(best[i], latency(fn, calls=calls, warmup=calls // 10)["p50"])
    return best


#: The tool's result for the variant being measured (``run`` sets it).
RESULTS = {"5 PII": PARAGRAPH, "no PII": CLEAN_PARAGRAPH}
_result = [PARAGRAPH]


def send_note(email: str, card: str) -> str:
    """Send a note about a card to an address."""
    return _result[0]


def _args(client: MaskClient) -> dict[str, str]:
    return {"email": client.encode("alice.johnson@example.com"), "card": client.encode("4539 1488 0343 6467")}


def _core(client: MaskClient, args: dict[str, str]) -> Callable[[], Any]:
    def run() -> Any:
        client.deep_decode(args)
        return client.deep_encode(_result[0])

    return run


def _langchain(client: MaskClient, args: dict[str, str]) -> tuple[Callable[[], Any], Callable[[], Any]]:
    from langchain_core.tools import tool

    from mask_langchain import secure_tool

    plain, safe = tool(send_note), secure_tool(send_note, client=client)
    call = {"type": "tool_call", "id": "call_1", "name": "send_note", "args": args}
    return (lambda: plain.invoke(call)), (lambda: safe.invoke(call))


def _llamaindex(client: MaskClient, args: dict[str, str]) -> tuple[Callable[[], Any], Callable[[], Any]]:
    from llama_index.core.tools import FunctionTool

    from mask_llamaindex import protect

    plain = FunctionTool.from_defaults(fn=send_note)
    safe = protect(FunctionTool.from_defaults(fn=send_note), client=client)
    return (lambda: plain.call(**args)), (lambda: safe.call(**args))


def _adk(client: MaskClient, args: dict[str, str]) -> tuple[Callable[[], Any], Callable[[], Any]]:
    """ADK's flow calls before_tool, the tool, after_tool; the plain call is the tool alone."""
    from mask_adk import MaskToolCallbacks

    callbacks = MaskToolCallbacks(client=client)

    class Tool:
        name = "send_note"

    tool = Tool()

    def plain() -> Any:
        return send_note(**dict(args))

    def safe() -> Any:
        call_args = dict(args)
        callbacks.before_tool(tool, call_args, None)
        return callbacks.after_tool(tool, call_args, None, send_note(**call_args))

    return plain, safe


def _adk_plugin(client: MaskClient, args: dict[str, str]) -> tuple[Callable[[], Any], Callable[[], Any]]:
    from mask_adk import MaskPlugin

    plugin = MaskPlugin(client=client)

    class Tool:
        name = "send_note"

    tool = Tool()
    loop = asyncio.new_event_loop()

    async def plain_async() -> Any:
        return send_note(**dict(args))

    async def safe_async() -> Any:
        call_args = dict(args)
        await plugin.before_tool_callback(tool=tool, tool_args=call_args, tool_context=None)
        result = send_note(**call_args)
        return await plugin.after_tool_callback(
            tool=tool, tool_args=call_args, tool_context=None, result=result
        )

    return (lambda: loop.run_until_complete(plain_async())), (lambda: loop.run_until_complete(safe_async()))


FRAMEWORKS = {
    "LangChain secure_tool (tool.invoke)": _langchain,
    "LlamaIndex MaskToolWrapper (FunctionTool.call)": _llamaindex,
    "ADK callbacks (sync)": _adk,
    "ADK MaskPlugin (async)": _adk_plugin,
}


def run(quick: bool) -> list[Row]:
    n_rounds, calls = (3, 100) if quick else (8, 250)
    rows: list[Row] = []
    client = _client()
    null = NullClient(tenant="bench", master_key=generate_key(), vault=MemoryVault())
    args = _args(client)
    for name, build in FRAMEWORKS.items():
        try:
            plain_fn, safe_fn = build(client, args)
            _plain, null_fn = build(null, args)
        except ImportError as exc:  # a framework not installed in this environment
            print(f"skipping {name}: {exc}")
            continue
        for variant, result in RESULTS.items():
            _result[0] = result
            plain, safe, nulled, core = rounds(
                [plain_fn, safe_fn, null_fn, _core(client, args)], rounds=n_rounds, calls=calls
            )
            own, added = nulled - plain, safe - plain
            judged = variant == "no PII"  # see the module docstring
            target = f"<= {TARGET_MS}" if judged else "(reported)"
            rows.append(Row(f"{name}, result {variant}: plain call", plain, "ms"))
            rows.append(
                Row(
                    f"{name}, result {variant}: added per call",
                    added,
                    "ms",
                    target,
                    added <= TARGET_MS if judged else None,
                )
            )
            rows.append(Row(f"{name}, result {variant}:   of which core decode+encode", core, "ms"))
            rows.append(Row(f"{name}, result {variant}:   added minus core (noisy)", added - core, "ms"))
            rows.append(
                Row(
                    f"{name}, result {variant}:   the adapter itself (null client)",
                    own,
                    "ms",
                    f"<= {TARGET_MS}",
                    own <= TARGET_MS,
                )
            )
    _result[0] = PARAGRAPH
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer calls (for smoke runs)")
    parser.add_argument("--json", help="append results to this JSON file")
    args = parser.parse_args()
    pin_one_core()
    rows = run(args.quick)
    print_table(f"adapters, one tool call, memory vault, one core ({machine()['cpu']})", rows)
    if args.json:
        write_json(args.json, "adapters", rows)


if __name__ == "__main__":
    main()
