"""Presidio-compatible analyzer endpoints: ``POST /analyze`` and ``GET /supportedentities``.

Existing Presidio clients (and the core's ``RemoteScanner``) can point at Mask as a central scanning
service. The request is Presidio's ``AnalyzerRequest``::

    {"text": "...", "language": "en", "entities": ["EMAIL_ADDRESS"], "score_threshold": 0.5,
     "return_decision_process": false, "correlation_id": "...", "context": ["email"],
     "allow_list": ["example@example.com"], "allow_list_match": "exact"}

``text`` may be a list (batch): the answer is then a list of result lists. Each result is Presidio's
``RecognizerResult.to_dict()``, keys sorted as Presidio's service sorts them::

    {"analysis_explanation": null, "end": 34, "entity_type": "EMAIL_ADDRESS",
     "recognition_metadata": {"recognizer_identifier": "...", "recognizer_name": "..."},
     "score": 1.0, "start": 12}

Differences, on purpose: Presidio's service drops ``recognition_metadata``; we keep it (clients that
rebuild ``RecognizerResult`` objects accept it, and it names the recognizer without any value).
``ad_hoc_recognizers`` and ``allow_list_match: "regex"`` run caller-supplied regular expressions on the
server (a ReDoS vector for a shared service): the spec allows neither, so they get a 422.
``context`` words are accepted and not used (the recognizers' own context words apply). Errors carry
an ``"error"`` key as Presidio's do, and never quote the text.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from mask_core.types import Entity
from mask_server.auth import Principal, require
from mask_server.service import Service

__all__ = ["AnalyzerRequest", "router"]

router = APIRouter(tags=["presidio"])


class AnalyzerRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    text: (
        Annotated[str, Field(min_length=1)]
        | Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1, max_length=1000)]
    ) = Field(description="Text, or a list of texts (batch)")
    language: str = Field(min_length=1, max_length=16)
    entities: list[Annotated[str, Field(max_length=64)]] | None = Field(default=None, max_length=200)
    correlation_id: str | None = Field(default=None, max_length=128)
    score_threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    return_decision_process: bool | None = False
    ad_hoc_recognizers: list[dict[str, Any]] | None = Field(
        default=None, max_length=0, description="Not supported: caller-supplied regexes on a shared service"
    )
    context: list[Annotated[str, Field(max_length=64)]] | None = Field(default=None, max_length=100)
    allow_list: list[Annotated[str, Field(max_length=1024)]] | None = Field(default=None, max_length=1000)
    allow_list_match: Literal["exact"] = Field(default="exact", description="'regex' is not supported")
    regex_flags: int | None = None


def _result(e: Entity, explain: bool) -> dict[str, Any]:
    explanation = None
    if explain:
        explanation = {
            "original_score": e.score,
            "pattern": None,
            "pattern_name": None,
            "recognizer": e.recognizer,
            "score": e.score,
            "score_context_improvement": 0,
            "supportive_context_word": "",
            "textual_explanation": "validated by checksum or structure" if e.validated else None,
            "validation_result": True if e.validated else None,
        }
    return {
        "analysis_explanation": explanation,
        "end": e.end,
        "entity_type": e.entity_type,
        "recognition_metadata": {"recognizer_identifier": e.recognizer, "recognizer_name": e.recognizer},
        "score": round(e.score, 4),
        "start": e.start,
    }


@router.post(
    "/analyze",
    summary="Presidio-compatible analysis (RecognizerResult dicts)",
    responses={401: {"description": "Unauthorized"}, 403: {"description": "Forbidden"}},
)
async def analyze(
    body: AnalyzerRequest, request: Request, _: Annotated[Principal, Depends(require("detect"))]
) -> Any:
    service: Service = request.app.state.service
    texts = body.text if isinstance(body.text, list) else [body.text]
    allow = frozenset(body.allow_list or ())
    explain = bool(body.return_decision_process)

    def run() -> list[list[dict[str, Any]]]:
        out = []
        client = service.client
        for text in texts:
            found = client.scan(text, entities=body.entities, threshold=body.score_threshold)
            found = [e for e in found if e.text not in allow]
            service.record_entities("analyze", "detect", found, "analyze")
            out.append([_result(e, explain) for e in found])
        return out

    results = await service.run(sum(map(len, texts)), run)
    return results if isinstance(body.text, list) else results[0]


@router.get(
    "/supportedentities",
    summary="Presidio-compatible list of the entity types this server detects",
    response_model=list[str],
)
async def supported_entities(
    request: Request, _: Annotated[Principal, Depends(require("detect"))], language: str | None = None
) -> list[str]:
    service: Service = request.app.state.service
    return sorted(service.client.scanner.supported_entities)
