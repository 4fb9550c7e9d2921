"""A Presidio-compatible ``/analyze`` HTTP service on localhost, for testing ``RemoteScanner``.

It serves Presidio's own ``AnalyzerEngine`` (regex recognizers, no NLP model) by default, so tests
talk HTTP to real Presidio detection instead of a mock; ``fail`` makes it answer with an error status
or drop connections, to test retries and fail-shut behaviour::

    with AnalyzeServer() as server:
        RemoteScanner(server.url).analyze("mail alice@example.com")

Standard library only (``http.server`` in a thread); bound to 127.0.0.1 on a free port.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["AnalyzeServer", "presidio_analyze"]

Analyze = Callable[[dict[str, Any]], list[dict[str, Any]]]


def presidio_analyze() -> Analyze:
    """Presidio's ``AnalyzerEngine`` with the no-op NLP engine (its regex-only mode)."""
    import tldextract.tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    # Presidio's e-mail and URL recognizers use tldextract, which would try to download the public
    # suffix list before falling back to its bundled copy; use the bundled copy directly.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    provider = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "no_op", "models": [{"lang_code": "en", "model_name": "no_op"}]}
    )
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])

    def analyze(body: dict[str, Any]) -> list[dict[str, Any]]:
        results = engine.analyze(
            text=body["text"],
            language=body.get("language", "en"),
            entities=body.get("entities"),
            score_threshold=body.get("score_threshold"),
        )
        return [r.to_dict() for r in results]

    return analyze


class AnalyzeServer:
    """Serve ``analyze`` at ``http://127.0.0.1:<port>/analyze`` until closed.

    ``fail``: None (answer normally), an HTTP status to answer with, or ``"drop"`` (close the
    connection without an answer). ``fail_times`` limits how many requests fail (None: all).
    """

    def __init__(
        self, analyze: Analyze | None = None, *, fail: int | str | None = None, fail_times: int | None = None
    ):
        self.analyze = analyze or presidio_analyze()
        self.fail = fail
        self.fail_times = fail_times
        self.requests = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean (and value-free)
                return

            def do_POST(self) -> None:
                server.requests += 1
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
                failing = server.fail is not None and (
                    server.fail_times is None or server.requests <= server.fail_times
                )
                if failing and server.fail == "drop":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if failing:
                    self._send(int(server.fail), {"error": "failing on purpose"})  # type: ignore[arg-type]
                    return
                if self.path.rstrip("/") != "/analyze" or "text" not in body:
                    self._send(400, {"error": "POST /analyze with a JSON body holding 'text'"})
                    return
                self._send(200, server.analyze(body))

            def _send(self, status: int, payload: object) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> AnalyzeServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
