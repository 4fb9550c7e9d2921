"""The ``mask`` command line (extra ``mask-core[cli]``: Typer and Rich).

::

    mask scan notes.txt logs/            find PII in files, folders or stdin (types, spans, scores)
    mask tokenize / mask detokenize      text or JSON through the configured client
    mask keys generate|list|check|add|promote|retire|kms-generate
    mask vault stats|rekey|purge         maintenance of a shared vault
    mask audit verify FILE...            check a tamper-evident audit chain
    mask models list|install             spaCy models for the NER tier
    mask serve | mask demo | mask bench

Exit codes: 0 ok, 1 findings (``--fail-on-findings``) or a failed verification, 2 usage or configuration
errors, 130 interrupted. ``mask --install-completion`` installs shell completion.

One module per command group; ``app.py`` assembles them. Importing this package imports neither Typer
nor Rich: :func:`main` does, and prints the install line when they are missing.
"""

from __future__ import annotations

import sys

__all__ = ["main", "one_line"]


def main() -> None:
    """Console-script entry point (``mask``).

    A configuration problem anywhere (a malformed ``MASK_*`` variable, a missing key, a service that
    cannot start) is one line on stderr and exit 2: every ``MaskError`` that a command did not turn
    into its own message is caught here, so none reaches the user as a traceback.
    """
    try:
        from mask_core.cli.app import app
    except ImportError as exc:  # typer or rich missing: the extra is not installed
        if exc.name not in ("typer", "rich", "click"):
            raise
        from mask_core.errors import install_hint

        sys.stderr.write(f"the mask command line needs its extra: pip install {install_hint('cli')}\n")
        raise SystemExit(2) from None
    from mask_core.errors import MaskError

    try:
        app()
    except MaskError as exc:  # messages never hold a value (MaskError's contract)
        sys.stderr.write(f"error: {type(exc).__name__}: {one_line(str(exc))}\n")
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None


def one_line(message: str) -> str:
    """A message on one line (a policy error lists its problems on several)."""
    return "; ".join(part.strip() for part in message.splitlines() if part.strip())
