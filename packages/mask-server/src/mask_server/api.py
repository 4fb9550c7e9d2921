"""The JSON API: detect (the brief's shape), firewall/apply, tokenize, detokenize, health, metrics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from mask_core.entity_names import resolve_entity_names
from mask_core.policy import DEFAULT_STAGE
from mask_server.auth import Principal, require
from mask_server.schemas import (
    DetectedEntity,
    DetectRequest,
    DetectResponse,
    DetokenizeRequest,
    DetokenizeResponse,
    FirewallFinding,
    FirewallRequest,
    FirewallResponse,
    TokenizedEntity,
    TokenizeRequest,
    TokenizeResponse,
)
from mask_server.service import Service

__all__ = ["router"]

router = APIRouter()

_ERRORS: dict[int | str, dict[str, str]] = {
    400: {"description": "Invalid input"},
    404: {"description": "Unknown policy stage"},
    401: {"description": "Missing or invalid API key"},
    403: {"description": "The key lacks the scope"},
    413: {"description": "Body or text over the size limit"},
    422: {"description": "The body does not match the schema"},
}


async def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


ServiceDep = Annotated[Service, Depends(_service)]


def _types(service: Service, names: list[str] | None, field: str) -> frozenset[str] | None:
    """The catalogue types ``names`` stand for (None: every type), or a 422 with close matches: a
    custom UPPER_SNAKE name must be one of the client's types, so a typo never restores or detects
    nothing in silence."""
    if names is None:
        return None
    return resolve_entity_names(names, extra=service.client.catalog, where=field)


@router.post(
    "/api/v1/governance/pii/detect",
    response_model=DetectResponse,
    tags=["firewall"],
    responses=_ERRORS,
    summary="Detect PII and return it with the text as the policy stage leaves it",
)
async def detect(
    body: DetectRequest, service: ServiceDep, _: Annotated[Principal, Depends(require("detect"))]
) -> DetectResponse:
    stage = body.stage or DEFAULT_STAGE
    _types(service, body.entity_types, "entity_types")  # a typo is a 422, not an empty answer
    result, findings = await service.run(
        len(body.text),
        lambda: service.apply(
            body.text,
            stage=stage,
            user=body.user_id,
            roles=body.roles,
            only=body.entity_types,
            source="detect",
        ),
    )
    entities = [
        DetectedEntity(
            type=f.name,
            entity_type=f.entity_type,
            value=body.text[f.start : f.end],
            start=f.start,
            end=f.end,
            confidence=round(f.score, 4),
            action=f.action.value,
        )
        for f in findings
    ]
    return DetectResponse(
        entities=entities,
        masked_text=None if result is None else result.text,
        blocked=result is None,
        stage=stage,
        policy=service.firewall.policy.digest,
    )


@router.post(
    "/api/v1/firewall/apply",
    response_model=FirewallResponse,
    tags=["firewall"],
    responses=_ERRORS,
    summary="Apply a policy stage: the new text and every finding with the action taken (no values)",
)
async def firewall_apply(
    body: FirewallRequest, service: ServiceDep, _: Annotated[Principal, Depends(require("firewall"))]
) -> FirewallResponse:
    stage = body.stage or DEFAULT_STAGE
    result, findings = await service.run(
        len(body.text),
        lambda: service.apply(
            body.text, stage=stage, user=body.user_id, roles=body.roles, only=None, source="firewall"
        ),
    )
    return FirewallResponse(
        text=None if result is None else result.text,
        blocked=result is None,
        stage=stage,
        policy=service.firewall.policy.digest,
        findings=[
            FirewallFinding(
                type=f.name,
                entity_type=f.entity_type,
                start=f.start,
                end=f.end,
                score=round(f.score, 4),
                action=f.action.value,
                reason=f.reason,
                new_start=f.new_start,
                new_end=f.new_end,
            )
            for f in findings
        ],
    )


@router.post(
    "/api/v1/tokenize",
    response_model=TokenizeResponse,
    tags=["tokens"],
    responses=_ERRORS,
    summary="Replace every finding with its reversible token",
)
async def tokenize(
    body: TokenizeRequest, service: ServiceDep, _: Annotated[Principal, Depends(require("tokenize"))]
) -> TokenizeResponse:
    found = _types(service, body.entity_types, "entity_types")
    entities = sorted(found) if found else None
    result = await service.run(
        len(body.text), lambda: service.client.tokenize_detailed(body.text, entities=entities)
    )
    service.record_entities("tokenize", "tokenize", result.entities, "tokenize")
    return TokenizeResponse(
        text=result.text,
        entities=[
            TokenizedEntity(
                entity_type=e.entity_type, start=e.start, end=e.end, score=round(e.score, 4), token=t
            )
            for e, t in zip(result.entities, result.tokens, strict=True)
        ],
    )


@router.post(
    "/api/v1/detokenize",
    response_model=DetokenizeResponse,
    tags=["tokens"],
    responses={**_ERRORS, 404: {"description": "A token is unknown, expired or another tenant's"}},
    summary="Restore the values behind tokens (needs the detokenize scope)",
)
async def detokenize(
    body: DetokenizeRequest, service: ServiceDep, _: Annotated[Principal, Depends(require("detokenize"))]
) -> DetokenizeResponse:
    text = await service.run(
        len(body.text),
        lambda: service.client.detokenize_text(
            body.text,
            allowed_types=_types(service, body.allowed_types, "allowed_types"),
            lenient=body.lenient,
        ),
    )
    return DetokenizeResponse(text=text)


@router.get("/health", tags=["ops"], summary="Liveness and the state of the policy")
async def health(request: Request) -> dict[str, object]:
    state = request.app.state
    error = getattr(state.policy_source, "error", None)
    return {
        "status": "ok",
        "policy": state.service.firewall.policy.digest,
        "policy_reload_error": error is not None,
    }


@router.get(
    "/metrics",
    tags=["ops"],
    summary="Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}}, 401: _ERRORS[401], 403: _ERRORS[403]},
)
async def metrics(request: Request, _: Annotated[Principal, Depends(require("metrics"))]) -> Response:
    from prometheus_client import CONTENT_TYPE_LATEST

    return Response(request.app.state.metrics.render(), media_type=CONTENT_TYPE_LATEST)
