"""The web console: Test Firewall, Policy and Reports, server-rendered (Jinja2) with one small script.

Pages need the ``console`` scope: sign in once with an API key (``/console/login``), which sets a
signed session cookie (see ``auth.py``). Scans from the Test Firewall page run the active policy but
are *not* recorded as detection events: testing must not skew the reports (the brief's "test mode").
The scan response carries spans, types, scores and actions, never the values: the page already holds
the text and highlights the spans itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field

from mask_core.errors import PolicyError
from mask_core.policy import DEFAULT_STAGE, Policy, PolicyIssue
from mask_server.auth import COOKIE, Authenticator, Principal, check_scope, require
from mask_server.console.charts import ACTION_COLORS, bar_chart, hbar_chart, line_chart
from mask_server.console.reports import build_report
from mask_server.service import Service

__all__ = ["FAVICON", "STATIC_DIR", "root_router", "router"]

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
#: The console's icon, also what /favicon.ico answers (browsers ask there first).
FAVICON = "/console/static/favicon.svg"
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(prefix="/console", include_in_schema=False)
#: ``/`` and ``/favicon.ico``: a person who opens the service's address lands in the console.
root_router = APIRouter(include_in_schema=False)


@root_router.get("/")
async def root() -> RedirectResponse:
    return RedirectResponse("/console", status_code=303)


@root_router.get("/favicon.ico")
async def favicon() -> FileResponse:
    return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")


console_api = require("console", allow_cookie=True)


def _page_principal(request: Request) -> Principal | None:
    try:
        return check_scope(request, "console", allow_cookie=True)
    except HTTPException:
        return None


def _page(request: Request, name: str, **context: Any) -> Response:
    principal = _page_principal(request)
    if principal is None:
        return RedirectResponse("/console/login", status_code=303)
    service: Service = request.app.state.service
    context.update(
        principal=principal, policy=service.firewall.policy, page=name, now=service.firewall.clock()
    )
    response = templates.TemplateResponse(request, f"{name}.html", context)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("")
async def console_root() -> RedirectResponse:
    return RedirectResponse("/console/test", status_code=303)


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request) -> Response:
    return templates.TemplateResponse(request, "login.html", {"error": None, "page": "login"})


@router.post("/login")
async def login(request: Request, key: Annotated[str, Form(max_length=512)]) -> Response:
    auth: Authenticator = request.app.state.auth
    principal = auth.check_key(key.strip()) if not auth.disabled else None
    if principal is None or not principal.allows("console"):
        error = "That key cannot open the console."
        context = {"error": error, "page": "login"}
        return templates.TemplateResponse(request, "login.html", context, status_code=401)
    response = RedirectResponse("/console/test", status_code=303)
    response.set_cookie(
        COOKIE,
        auth.session_cookie(principal),
        httponly=True,
        samesite="strict",
        secure=request.app.state.settings.cookie_secure,
        path="/",
        max_age=int(request.app.state.settings.session_hours * 3600),
    )
    return response


@router.post("/logout")
async def logout() -> Response:
    response = RedirectResponse("/console/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/test", response_class=HTMLResponse)
async def test_page(request: Request) -> Response:
    return _page(request, "test", default_stage=DEFAULT_STAGE)


@router.get("/policy", response_class=HTMLResponse)
async def policy_page(request: Request) -> Response:
    source = request.app.state.policy_source
    error: PolicyError | None = getattr(source, "error", None)
    return _page(request, "policy", error=error, source_path=getattr(source, "path", None))


@router.get("/reports", response_class=HTMLResponse)
async def reports_page(request: Request, days: int = 7) -> Response:
    days = min(max(days, 1), 90)
    service: Service = request.app.state.service
    store = request.app.state.store
    if store is None:
        return _page(request, "reports", report=None, charts={}, days=days)
    if service.recorder is not None:
        service.recorder.flush()
    report = build_report(store, days=days, tenant=service.client.tenant)
    charts = {
        "volume": bar_chart("chart-volume", "Detection volume", report.volume_labels, report.volume),
        "distribution": hbar_chart("chart-distribution", "Entity type distribution", report.distribution),
        "fp": line_chart(
            "chart-fp",
            "False-positive rate",
            report.day_labels,
            {"allowlisted + exempted": report.fp_daily},
            unit="%",
        ),
        "trend": line_chart(
            "chart-trend",
            "Protected vs in clear",
            report.day_labels,
            {"protected": report.protected, "in clear (pass, passthrough)": report.in_clear},
        ),
        "actions": hbar_chart("chart-actions", "Actions taken", report.actions, colors=ACTION_COLORS),
    }
    return _page(request, "reports", report=report, charts=charts, days=days)


# -- the pages' JSON calls -------------------------------------------------------------------------------
class ScanRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    stage: str = Field(default=DEFAULT_STAGE, max_length=64)
    user_id: str | None = Field(default=None, max_length=256)
    roles: list[Annotated[str, Field(max_length=256)]] = Field(default_factory=list, max_length=50)


class ValidateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    yaml: str = Field(max_length=1 << 20)


@router.post("/api/scan")
async def scan(
    body: ScanRequest, request: Request, _: Annotated[Principal, Depends(console_api)]
) -> JSONResponse:
    service: Service = request.app.state.service
    roles = [r.strip() for r in body.roles if r.strip()]
    result, findings = await service.run(
        len(body.text),
        lambda: service.apply(
            body.text,
            stage=body.stage,
            user=body.user_id or None,
            roles=roles,
            only=None,
            source="console",
            record=False,
        ),
    )
    return JSONResponse(
        {
            "blocked": result is None,
            "output": None if result is None else result.text,
            "findings": [
                {
                    "type": f.name,
                    "entity_type": f.entity_type,
                    "start": f.start,
                    "end": f.end,
                    "score": round(f.score, 4),
                    "action": f.action.value,
                    "reason": f.reason,
                    "new_start": f.new_start,
                    "new_end": f.new_end,
                }
                for f in findings
            ],
        },
        headers={"Cache-Control": "no-store"},
    )


@router.post("/api/validate")
async def validate(body: ValidateRequest, _: Annotated[Principal, Depends(console_api)]) -> JSONResponse:
    try:
        policy = Policy.from_yaml(body.yaml, source="draft")
    except PolicyError as exc:
        issues = [
            {"line": i.line, "column": i.column, "field": i.field, "message": i.message}
            for i in exc.issues
            if isinstance(i, PolicyIssue)
        ]
        return JSONResponse({"valid": False, "issues": issues})
    return JSONResponse({"valid": True, "stages": list(policy.stages), "issues": []})
