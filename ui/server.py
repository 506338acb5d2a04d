"""The FastAPI server: REST + SSE chat API, health, metrics, and the Gradio app mounted on it."""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from fastapi.staticfiles import StaticFiles
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, Field
from sqlalchemy import text
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from swagger_ui_bundle import swagger_ui_path

from assistant.agent import Agent, build_agent
from assistant.config import Settings, get_settings
from assistant.events import ErrorEvent, Event, FinalReply, ToolResult
from assistant.sessions import UnknownSessionError
from retrieval.handoffs import HandoffStore
from retrieval.query_parser import SearchFilters
from retrieval.search import SearchResult
from tools.context import SessionState
from ui.auth import Claims, TokenError, secret_key, verify_token
from ui.metrics import Metrics
from ui.ratelimit import RateLimiter

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 64_000


class ChatRequest(BaseModel):
    """A customer's (or agent's) message; no session_id starts a new conversation."""

    message: str = Field(max_length=MAX_BODY_BYTES)
    session_id: str | None = Field(default=None, max_length=64)
    stream: bool = True


class ChatResponse(BaseModel):
    """The non-streaming answer: the reply and every event of the turn."""

    session_id: str
    reply: str
    backend: str
    fallback: bool
    suggestions: list[str]
    events: list[dict[str, Any]]


class SearchRequest(BaseModel):
    """A product search over the API."""

    query: str = Field(min_length=1, max_length=500)
    k: int = Field(default=10, ge=1, le=50)
    filters: SearchFilters | None = None


class SessionView(BaseModel):
    """A conversation as its owner may see it."""

    session_id: str
    role: str
    customer_id: str | None
    messages: list[dict[str, Any]]


class RateLimitedError(Exception):
    """A session or client sends faster than allowed; retry after `wait` seconds."""

    def __init__(self, wait: float) -> None:
        super().__init__(f"too many messages; retry in {wait:.1f} s")
        self.wait = wait


def client_key(host: str | None) -> str | None:
    """The per-client key of a connection's address (behind a proxy: uvicorn's forwarded one)."""
    return f"ip:{host}" if host else None


class Server:
    """Holds the agent (built once, lazily) and the per-process helpers."""

    def __init__(self, settings: Settings, agent: Agent | None = None) -> None:
        self.settings = settings
        self._agent = agent
        self._lock = threading.Lock()
        self.key = secret_key(settings)
        self.metrics = Metrics()
        self._limiters: list[tuple[str, RateLimiter]] | None = None

    @property
    def agent(self) -> Agent:
        """The agent over the loaded shop."""
        with self._lock:
            if self._agent is None:
                self._agent = build_agent(self.settings)
            return self._agent

    @property
    def handoffs(self) -> HandoffStore:
        """The support team's inbox."""
        return HandoffStore(self.agent.shop.engine)

    @property
    def limiters(self) -> list[tuple[str, RateLimiter]]:
        """Message rate limits per session and per client, kept in the shop's database."""
        if self._limiters is None:
            engine, s = self.agent.shop.engine, self.settings
            self._limiters = [
                (
                    "session",
                    RateLimiter(engine, "session", s.rate_limit_per_minute, s.rate_limit_burst),
                ),
                (
                    "client",
                    RateLimiter(
                        engine, "client", s.client_rate_limit_per_minute, s.client_rate_limit_burst
                    ),
                ),
            ]
        return self._limiters

    def claims(self, authorization: str | None) -> Claims | None:
        """The caller's verified identity from `Authorization: Bearer …`, or None if anonymous."""
        if not authorization:
            return None
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise HTTPException(401, "use Authorization: Bearer <token>")
        try:
            return verify_token(self.key, token.strip())
        except TokenError as exc:
            raise HTTPException(401, str(exc)) from exc

    def open_session(self, session_id: str | None, claims: Claims | None) -> SessionState:
        """The caller's session: resumed if they may use it, else a new one bound to the token."""
        agent = self.agent
        if session_id is None:
            if claims is None:
                return agent.new_session()
            state = agent.new_session(
                customer_id=claims.sub if claims.role == "customer" else None,
                agent=claims.role == "agent",
            )
            state.token_bound = True
            agent.sessions.save(state)
            return state
        try:
            state = agent.resume(session_id)
        except UnknownSessionError as exc:
            raise HTTPException(404, "no such session") from exc
        self.authorize(state, claims)
        return state

    @staticmethod
    def authorize(state: SessionState, claims: Claims | None) -> None:
        """Refuse a caller who is not the session's owner (same 404 as a missing session)."""
        if claims is None:
            allowed = not state.token_bound
        elif claims.role == "agent":
            allowed = state.role == "agent"
        else:
            allowed = state.role != "agent" and state.customer_id in (None, claims.sub)
            allowed = allowed and (state.token_bound or state.customer_id is None)
        if not allowed:
            raise HTTPException(404, "no such session")

    def admit(self, session_id: str, client: str | None) -> None:
        """Raise RateLimitedError when the session or the client sends too fast."""
        keys = {"session": session_id, "client": client}
        for kind, limiter in self.limiters:
            key = keys[kind]
            if key is None:
                continue
            wait = limiter.check(key)
            if wait > 0:
                self.metrics.rate_limited.inc()
                raise RateLimitedError(wait)

    def run_turn(
        self, state: SessionState, message: str, client: str | None = None
    ) -> Iterator[Event]:
        """The turn's events, counted in the metrics; the REST API and the widget both call it.

        Rate limits are checked at once (RateLimitedError), before the first event."""
        self.admit(state.id, client)
        return self._events(state, message, client)

    def _events(self, state: SessionState, message: str, client: str | None) -> Iterator[Event]:
        started = time.perf_counter()
        for event in self.agent.turn(state, message, client=client):
            if isinstance(event, ToolResult):
                self.metrics.tool_calls.labels(event.name, str(event.ok).lower()).inc()
                self.metrics.count_tool(event)
            elif isinstance(event, ErrorEvent):
                self.metrics.errors.inc()
            elif isinstance(event, FinalReply):
                self.metrics.turns.labels(event.backend).inc()
                self.metrics.fallbacks.inc(event.fallback)
                self.metrics.latency.observe(time.perf_counter() - started)
            yield event


class BodyLimit:
    """413 for a body over `limit` bytes, whether declared (Content-Length) or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse a declared oversize at once; stop reading a chunked one past the limit."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length")
        if length and length.isdigit() and int(length) > self.limit:
            response = JSONResponse({"detail": "request body too large"}, status_code=413)
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise HTTPException(413, "request body too large")
            return message

        await self.app(scope, limited, send)


def _caller(request: Request, authorization: Annotated[str | None, Header()] = None) -> Any:
    """The verified claims of the request's bearer token, or None when anonymous."""
    return request.app.state.server.claims(authorization)


Caller = Annotated[Claims | None, Depends(_caller)]


_TEXT_EVENTS = ("text_delta", "text_reset")  # folded into `reply` when not streaming


def _sse(events: Iterator[Event], session_id: str) -> Iterator[str]:
    yield f"event: session\ndata: {json.dumps({'session_id': session_id})}\n\n"
    for event in events:
        yield f"event: {event.type}\ndata: {event.model_dump_json()}\n\n"


def create_app(settings: Settings | None = None, agent: Agent | None = None) -> FastAPI:
    """The API app; `shopassist serve` mounts the Gradio UI on it."""
    from ui.support_api import router as support_router

    server = Server(settings or get_settings(), agent)
    app = FastAPI(
        title="shopassist",
        version="0.1.0",
        description="Shopping assistant API",
        docs_url=None,
        redoc_url=None,
    )
    app.state.server = server

    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")
    app.include_router(support_router)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI from the package's own files: works with no internet."""
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="shopassist API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )

    @app.get("/console", include_in_schema=False)
    def console_without_slash() -> RedirectResponse:
        """The console lives at /console/ (the Gradio mount); the bare path leads there."""
        return RedirectResponse("/console/", status_code=307)

    @app.exception_handler(RateLimitedError)
    async def rate_limited(request: Request, exc: RateLimitedError) -> Response:
        """429 with Retry-After (whole seconds, at least 1)."""
        headers = {"Retry-After": str(max(1, math.ceil(exc.wait)))}
        return JSONResponse({"detail": "too many messages; slow down"}, 429, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        """FastAPI's 422, but ASCII-escaped: an echoed lone surrogate must not become a 500."""
        body = json.dumps(jsonable_encoder({"detail": exc.errors()}), ensure_ascii=True)
        return Response(body, status_code=422, media_type="application/json")

    @app.post("/v1/chat", response_model=ChatResponse, responses={413: {}, 429: {}, 404: {}})
    def chat(body: ChatRequest, claims: Caller, request: Request) -> Any:
        """Send a message; streams the turn's events as server-sent events unless stream=false."""
        if len(body.message) > server.settings.max_message_chars:
            raise HTTPException(413, f"message longer than {server.settings.max_message_chars}")
        state = server.open_session(body.session_id, claims)
        client = client_key(request.client.host if request.client else None)
        events = server.run_turn(state, body.message, client)
        if body.stream:
            return StreamingResponse(_sse(events, state.id), media_type="text/event-stream")
        collected = list(events)
        final = next(e for e in collected if isinstance(e, FinalReply))
        return ChatResponse(
            session_id=state.id,
            reply=final.text,
            backend=final.backend,
            fallback=final.fallback,
            suggestions=final.suggestions,
            events=[e.model_dump(mode="json") for e in collected if e.type not in _TEXT_EVENTS],
        )

    @app.get("/v1/sessions/{session_id}", response_model=SessionView, responses={404: {}})
    def get_session(session_id: str, claims: Caller) -> SessionView:
        """A conversation's transcript, for its owner only."""
        state = server.open_session(session_id, claims)
        messages = server.agent.sessions.transcript(state.id)
        return SessionView(
            session_id=state.id, role=state.role, customer_id=state.customer_id, messages=messages
        )

    @app.post("/v1/search", response_model=SearchResult)
    def search(body: SearchRequest) -> SearchResult:
        """Hybrid product search (filters parsed from the query or given)."""
        shop = server.agent.shop
        shop.refresh()  # an ingest since the last request: answer from the new catalog
        return shop.searcher.search(body.query, k=body.k, filters=body.filters)

    @app.get("/healthz")
    def healthz() -> JSONResponse:
        """Database, Chroma and (if configured) LLM endpoint reachability."""
        checks = _health(server)
        ok = all(v == "ok" for v in checks.values())
        return JSONResponse({"ok": ok, "checks": checks}, status_code=200 if ok else 503)

    @app.get("/metrics", response_class=PlainTextResponse)
    def metrics() -> PlainTextResponse:
        """Prometheus metrics."""
        payload = generate_latest(server.metrics.registry)
        return PlainTextResponse(payload, media_type=CONTENT_TYPE_LATEST)

    return app


def _health(server: Server) -> dict[str, str]:
    checks: dict[str, str] = {}
    shop = server.agent.shop
    try:
        with shop.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        checks["database"] = f"error: {type(exc).__name__}"
    try:
        shop.searcher.vectors.count("products")
        checks["chroma"] = "ok"
    except Exception as exc:  # noqa: BLE001
        checks["chroma"] = f"error: {type(exc).__name__}"
    if server.settings.llm_base_url:
        import httpx

        try:
            url = server.settings.llm_base_url.rstrip("/") + "/models"
            key = server.settings.llm_api_key.get_secret_value()
            response = httpx.get(url, timeout=3, headers={"Authorization": f"Bearer {key}"})
            checks["llm"] = "ok" if response.status_code == 200 else f"http {response.status_code}"
        except httpx.HTTPError as exc:
            checks["llm"] = f"error: {type(exc).__name__}"
    return checks
