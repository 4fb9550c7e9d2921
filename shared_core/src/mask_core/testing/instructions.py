"""Instructions a piece of Mask work executes, counted by valgrind's callgrind: a deterministic measure.

Tests must not assert wall-clock time: on a machine where another process keeps the cores busy, a
scan takes ten times as long and a ratio of timings means nothing. The number of instructions the work
executes does not depend on what else runs (the same binary, input and environment give the same
count, to a fraction of a percent), so "four times the text costs about four times the work" can be
asserted on any machine::

    small, large = count_instructions([Work("scan", unit * 4), Work("scan", unit * 16)])
    assert large < 6 * small

How: one child Python process runs under ``valgrind --tool=callgrind`` with instrumentation off while
it imports Mask and builds a client (the slow part under valgrind), switches it on with
``callgrind_control``, and calls ``os.sched_yield()`` between work items; ``--dump-before=sched_yield``
writes one profile per item, so each item's count is read from its own dump. The hash seed is fixed,
so set and dict orders, and with them the counts, repeat exactly.

Needs ``valgrind`` (with ``callgrind_control``) on ``PATH``: :func:`callgrind_available` tells.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from mask_core.errors import MaskError

__all__ = ["InstructionCountError", "Work", "callgrind_available", "count_instructions"]

Operation = Literal["scan", "tokenize", "round_trip"]


@dataclasses.dataclass(frozen=True, slots=True)
class Work:
    """One measured call: ``scan`` (find entities), ``tokenize`` (``tokenize_text``) or ``round_trip``
    (``tokenize_text`` then ``detokenize_text(lenient=True)``) of ``text`` with a fresh memory vault."""

    operation: Operation
    text: str

    def __repr__(self) -> str:  # the text may be a fixture value: show its size only
        return f"Work({self.operation!r}, <{len(self.text)} chars>)"


class InstructionCountError(MaskError):
    """valgrind is missing, or the measured child process failed."""


_CHILD = r"""
import json, os, subprocess, sys
from mask_core import MaskClient, MemoryVault

work = json.load(sys.stdin)
client = MaskClient(tenant="count", master_key=b"\x07" * 32, vault=MemoryVault(max_entries=None))
client.tokenize_text("warm-up 536-22-8745 alice@example.com +1 (415) 555-2671 4539 1488 0343 6467")
subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)
os.sched_yield()
for item in work:
    text = item["text"]
    if item["operation"] == "scan":
        client.scan(text)
    elif item["operation"] == "tokenize":
        client.tokenize_text(text)
    else:
        client.detokenize_text(client.tokenize_text(text), lenient=True)
    os.sched_yield()
"""


def callgrind_available() -> bool:
    """Whether ``valgrind`` and ``callgrind_control`` are on ``PATH``."""
    return shutil.which("valgrind") is not None and shutil.which("callgrind_control") is not None


def count_instructions(work: Sequence[Work], *, env: Mapping[str, str] | None = None) -> list[int]:
    """Instructions each item of ``work`` executed, in order, measured in one valgrind child process.

    ``env`` adds variables to the child's environment (``MASK_NER=off`` and a fixed hash seed are
    set unless given). Raises :class:`InstructionCountError` without valgrind or if the child fails.
    """
    if not callgrind_available():
        raise InstructionCountError("valgrind (with callgrind_control) is not installed")
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("MASK_")}
    child_env.update({"PYTHONHASHSEED": "0", "MASK_NER": "off", "MASK_ENV": "development"})
    child_env.update(env or {})
    payload = json.dumps([{"operation": w.operation, "text": w.text} for w in work])
    with tempfile.TemporaryDirectory(prefix="mask-callgrind-") as tmp:
        script = Path(tmp, "child.py")
        script.write_text(_CHILD, encoding="utf-8")
        out = Path(tmp, "cg.out")
        command = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            "--dump-before=sched_yield",
            f"--callgrind-out-file={out}",
            sys.executable,
            str(script),
        ]
        done = subprocess.run(  # noqa: S603 - a fixed command line: valgrind and this interpreter
            command, input=payload, env=child_env, cwd=tmp, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            # The child's stderr may quote a text (a traceback's locals are not printed, but a
            # message may be); only the exit status is reported.
            raise InstructionCountError(f"the measured process exited with status {done.returncode}")
        # Dump 1 is the stretch between switching instrumentation on and the first marker.
        return [_summary(Path(f"{out}.{i + 2}")) for i in range(len(work))]


def _summary(path: Path) -> int:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        match = re.match(r"summary: (\d+)", line)
        if match:
            return int(match.group(1))
    raise InstructionCountError(f"no instruction summary in {path.name}")
