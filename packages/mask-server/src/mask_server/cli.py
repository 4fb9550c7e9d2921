"""``mask-server`` (and ``python -m mask_server``): start the service from its own distribution.

::

    mask-server                                  # 127.0.0.1:8000
    mask-server --host 0.0.0.0 --port 8080 --workers 2
    mask-server --check                          # validate the configuration, start nothing

Configuration comes from ``MASK_SERVER_*`` and ``MASK_*`` variables (docs/firewall.md). Anything
wrong with it is one line on stderr and exit status 2, naming the variable and the problem, never its
value; an interrupt exits 130. Only the standard library parses the arguments, so the service needs
neither ``mask-core[cli]`` nor Typer (``mask serve`` there runs the same thing).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["main"]

EXIT_USAGE, EXIT_INTERRUPTED = 2, 130


def _parser() -> argparse.ArgumentParser:
    from mask_server import __version__

    parser = argparse.ArgumentParser(
        prog="mask-server",
        description="Mask as a service: the PII firewall's HTTP API, /analyze and the web console.",
        epilog="Configuration: MASK_SERVER_* and MASK_* environment variables (see docs/firewall.md).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (0.0.0.0 for all)")
    parser.add_argument("--port", type=int, default=8000, help="TCP port (default 8000)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--log-level",
        default="info",
        choices=("critical", "error", "warning", "info", "debug", "trace"),
        help="uvicorn log level",
    )
    parser.add_argument(
        "--check", action="store_true", help="build the service from the configuration, then exit"
    )
    parser.add_argument("--version", action="version", version=f"mask-server {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the service until interrupted; the exit status (0, 2 configuration, 130 interrupted)."""
    args = _parser().parse_args(argv)
    if not 1 <= args.port <= 65535 or args.workers < 1:
        sys.stderr.write("mask-server: error: --port is 1-65535 and --workers at least 1\n")
        return EXIT_USAGE
    from mask_core.errors import MaskError

    try:
        if args.check:
            from mask_server.serve import check

            check()
            sys.stderr.write("mask-server: the configuration is valid\n")
            return 0
        from mask_server.serve import serve

        serve(args.host, args.port, workers=args.workers, log_level=args.log_level)
    except MaskError as exc:  # messages never hold a value (MaskError's contract)
        message = "; ".join(line.strip() for line in str(exc).splitlines() if line.strip())
        sys.stderr.write(f"mask-server: error: {message}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
