"""The adapter kit: what every framework package builds its entry points from.

* :class:`Protection` (``options``): the ``client=`` / ``allowed_types=`` / ``firewall=`` options, checked
  once; an unknown option is an :class:`UnknownOptionError`.
* :class:`GuardedCall` (``mask_core.guard.call``, beside the ToolGuard it runs): decode -> run ->
  encode for one tool call, sync and async, framework-injected arguments passed through, the firewall
  applied, each call guarded exactly once.
* :class:`ClassPatch` (``patching``): the reference-counted, locked class patch behind every
  ``patched()``, its policy in a context variable so blocks nest and never leak into other requests;
  copies of a covered object (ADK's ``agent.clone()``) followed, classes defined later patched too.

A framework package says only how its framework calls a tool; the behaviour lives here and in
:class:`mask_core.ToolGuard`, so a change to ``MaskClient.deep_encode`` / ``deep_decode`` reaches
every framework at once. The kit calls only the public API of ``MaskClient`` and ``Firewall``.
"""

from mask_core.adapters.options import OPTIONS, Protection, UnknownOptionError, check_options
from mask_core.adapters.patching import ClassPatch, Replacement, Scope, named_like
from mask_core.guard.call import GuardedCall, ResultCodec, current_guard, is_guarded

__all__ = [
    "OPTIONS",
    "ClassPatch",
    "GuardedCall",
    "Protection",
    "Replacement",
    "ResultCodec",
    "Scope",
    "UnknownOptionError",
    "check_options",
    "current_guard",
    "is_guarded",
    "named_like",
]
