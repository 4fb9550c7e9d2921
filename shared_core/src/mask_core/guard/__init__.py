"""The tool boundary without a framework.

* :class:`ToolGuard` (``tool_guard``): decode a tool's arguments under its least-privilege policy,
  encode its result (or apply the firewall), tokenize the message of an exception it raised.
* :class:`GuardedCall` (``call``): one call of a tool run through a guard, sync or async, with the
  framework-injected arguments passed through and each call guarded exactly once. The adapter kit
  (:mod:`mask_core.adapters`) hands it to every framework package.
"""

from mask_core.guard.call import GuardedCall, ResultCodec, current_guard, is_guarded
from mask_core.guard.tool_guard import (
    DecodePolicy,
    MaskedToolError,
    ToolGuard,
    decode_policy_for,
    masked_exception,
)

__all__ = [
    "DecodePolicy",
    "GuardedCall",
    "MaskedToolError",
    "ResultCodec",
    "ToolGuard",
    "current_guard",
    "decode_policy_for",
    "is_guarded",
    "masked_exception",
]
