"""An OpenAI-compatible server on 127.0.0.1 that replays scripted replies in vLLM's wire format.

Tests (and security tests that play a compromised model) drive the real `openai` client and
`ChatOpenAI` against it. Replies are queued per test; every request body is recorded. The JSON
shapes follow vLLM's `chat_completion/serving.py` with the `hermes` tool parser: tool-call ids
`chatcmpl-tool-<hex>`, streamed calls as one name delta then argument fragments, `finish_reason`
`tool_calls`, a usage chunk with empty `choices` when `stream_options.include_usage` is set, and
errors as `{"error": {"message", "type", "param", "code"}}`.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

DEFAULT_MODEL = "Qwen/Qwen2.5-7B-Instruct"


@dataclass(frozen=True)
class Text:
    """A plain assistant message."""

    content: str
    finish_reason: str = "stop"


@dataclass(frozen=True)
class ToolCall:
    """One function call; `arguments` as a dict, or a raw (possibly malformed) JSON string."""

    name: str
    arguments: Mapping[str, Any] | str = field(default_factory=dict)
    id: str = field(default_factory=lambda: f"chatcmpl-tool-{uuid.uuid4().hex}")

    @property
    def arguments_json(self) -> str:
        """The arguments as sent on the wire (hermes uses `json.dumps(..., ensure_ascii=False)`)."""
        if isinstance(self.arguments, str):
            return self.arguments
        return json.dumps(self.arguments, ensure_ascii=False)


@dataclass(frozen=True)
class ToolCalls:
    """An assistant message that calls tools, optionally after some text."""

    calls: tuple[ToolCall, ...]
    content: str | None = None


@dataclass(frozen=True)
class Error:
    """An HTTP error in vLLM's error envelope, with an optional Retry-After header."""

    status: int
    message: str = ""
    retry_after: float | None = None


@dataclass(frozen=True)
class Delay:
    """Wait before answering (to trip client timeouts), then answer with `then`."""

    seconds: float
    then: Reply = Text("(delayed reply)")


@dataclass(frozen=True)
class CutStream:
    """Send `after_chunks` SSE events of `reply`, then drop the connection without [DONE]."""

    after_chunks: int = 1
    reply: Text | ToolCalls = Text("This answer is cut off in the middle of a sentence")


Reply = Text | ToolCalls | Error | Delay | CutStream
Responder = Callable[[dict[str, Any]], Reply | str]


def tool_calls(
    calls: Sequence[Mapping[str, Any] | ToolCall], content: str | None = None
) -> ToolCalls:
    """Build a ToolCalls reply from `{"name": ..., "arguments": dict | str}` mappings."""
    built = tuple(
        c if isinstance(c, ToolCall) else ToolCall(c["name"], c.get("arguments", {})) for c in calls
    )
    return ToolCalls(built, content)


def _error_body(status: int, message: str) -> dict[str, Any]:
    """vLLM's ErrorResponse: `type` is an exception name or HTTP phrase, `code` the status."""
    names = {400: "BadRequestError", 404: "NotFoundError", 500: "InternalServerError"}
    kind = names.get(status) or HTTPStatus(status).phrase
    return {"error": {"message": message or kind, "type": kind, "param": None, "code": status}}


def _pieces(text: str, count: int) -> list[str]:
    """Split text into up to `count` non-empty consecutive fragments."""
    if not text:
        return []
    size = max(1, -(-len(text) // count))
    return [text[i : i + size] for i in range(0, len(text), size)]


def _words(text: str) -> list[str]:
    """Split text into word-sized deltas (each word with its trailing space), as tokens stream."""
    return re.findall(r"\s*\S+\s*|\s+", text)


def _tokens(text: str) -> int:
    """A rough token count (4 characters a token) for the usage block."""
    return max(1, len(text) // 4)


class FakeLLMServer:
    """Scripted OpenAI-compatible chat server: `with FakeLLMServer() as server: ...`."""

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        responder: Responder | None = None,
        argument_pieces: int = 3,
        max_model_len: int = 32768,
    ) -> None:
        self.model = model
        self.responder = responder
        self.argument_pieces = argument_pieces
        self.max_model_len = max_model_len
        self.requests: list[dict[str, Any]] = []
        self.request_headers: list[dict[str, str]] = []
        self.problems: list[str] = []
        self._queue: deque[Reply | Responder] = deque()
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._connections: set[socket.socket] = set()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- scripting -------------------------------------------------------------------------

    def push(self, reply: Reply | Responder) -> None:
        """Queue one reply, or a callable that builds it from the request body."""
        with self._lock:
            self._queue.append(reply)

    def push_text(self, content: str, *, finish_reason: str = "stop") -> None:
        """Queue a plain text answer."""
        self.push(Text(content, finish_reason))

    def push_tool_calls(
        self, calls: Sequence[Mapping[str, Any] | ToolCall], *, content: str | None = None
    ) -> None:
        """Queue tool calls given as `{"name": ..., "arguments": dict | str}` or `ToolCall`s."""
        self.push(tool_calls(calls, content))

    def push_error(
        self, status: int, *, message: str = "", retry_after: float | None = None
    ) -> None:
        """Queue an HTTP error (e.g. 500, or 429 with Retry-After)."""
        self.push(Error(status, message, retry_after))

    def push_delay(self, seconds: float, then: Reply | None = None) -> None:
        """Queue a reply that arrives only after `seconds`."""
        self.push(Delay(seconds, then) if then is not None else Delay(seconds))

    def push_cut_stream(self, after_chunks: int = 1, reply: Text | ToolCalls | None = None) -> None:
        """Queue a stream that breaks off after `after_chunks` events, without [DONE]."""
        self.push(CutStream(after_chunks, reply) if reply is not None else CutStream(after_chunks))

    @property
    def pending(self) -> int:
        """How many queued replies have not been used."""
        with self._lock:
            return len(self._queue)

    def assert_all_used(self) -> None:
        """Fail if a scripted reply was left over or a request found the queue empty."""
        assert not self.problems, self.problems
        assert self.pending == 0, f"{self.pending} scripted replies were never requested"

    def _next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            item = self._queue.popleft() if self._queue else self.responder
            number = len(self.requests)
        if item is None:
            problem = (
                f"FakeLLMServer: request #{number} arrived but no scripted reply is queued; "
                "call push_text/push_tool_calls/... (or set responder) before calling the model"
            )
            self.problems.append(problem)
            return Error(500, problem)
        if not callable(item):
            return item
        try:
            made = item(body)
        except Exception as exc:  # a broken script must fail the test, not hang the client
            self.problems.append(f"FakeLLMServer: responder raised {exc!r}")
            return Error(500, f"responder raised {exc!r}")
        return Text(made) if isinstance(made, str) else made

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """The OpenAI base URL, `http://127.0.0.1:PORT/v1`."""
        return f"{self.url}/v1"

    @property
    def url(self) -> str:
        """The server root, `http://127.0.0.1:PORT`."""
        if self._httpd is None:
            raise RuntimeError("FakeLLMServer is not started; use it as a context manager")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> Self:
        """Listen on a free port in a background thread."""
        self._closing.clear()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(0.05,), name="fake-llm-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake delayed replies and close open connections."""
        if self._httpd is None:
            return
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        with self._lock:
            open_connections = list(self._connections)
        for conn in open_connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- wire format -----------------------------------------------------------------------

    def completion(self, reply: Text | ToolCalls, body: dict[str, Any]) -> dict[str, Any]:
        """A non-streaming `chat.completion` object, as vLLM's full generator returns it."""
        message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
        message.update({"annotations": None, "audio": None, "function_call": None})
        if isinstance(reply, Text):
            message["content"] = reply.content
            finish, text = reply.finish_reason, reply.content
        else:
            message["content"] = reply.content or None
            message["tool_calls"] = [
                {
                    "id": c.id,
                    "type": "function",
                    "function": {"name": c.name, "arguments": c.arguments_json},
                }
                for c in reply.calls
            ]
            finish = "tool_calls"
            text = (reply.content or "") + "".join(c.arguments_json for c in reply.calls)
        message["reasoning"] = None
        choice = {
            "index": 0,
            "message": message,
            "logprobs": None,
            "finish_reason": finish,
            "stop_reason": None,
            "token_ids": None,
        }
        return {
            "id": f"chatcmpl-{uuid.uuid4().hex}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": self.model,
            "choices": [choice],
            "service_tier": None,
            "system_fingerprint": None,
            "usage": self._usage(body, text) | {"prompt_tokens_details": None},
            "prompt_logprobs": None,
            "prompt_token_ids": None,
            "kv_transfer_params": None,
        }

    def chunks(self, reply: Text | ToolCalls, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """The `chat.completion.chunk` objects vLLM streams for this reply (before [DONE])."""
        base = {
            "id": f"chatcmpl-{uuid.uuid4().hex}",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": self.model,
        }

        def chunk(delta: dict[str, Any], **extra: Any) -> dict[str, Any]:
            choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": None}
            return base | {"choices": [choice | {"token_ids": None} | extra]}

        first = {"index": 0, "delta": {"role": "assistant", "content": ""}}
        yield base | {"choices": [first | {"logprobs": None, "finish_reason": None}]}
        content = reply.content if isinstance(reply, Text) else reply.content or ""
        for piece in _words(content):
            yield chunk({"content": piece})
        text = content
        if isinstance(reply, ToolCalls):
            for index, call in enumerate(reply.calls):
                head = {"id": call.id, "type": "function", "index": index}
                head["function"] = {"name": call.name}
                yield chunk({"content": None, "tool_calls": [head]})
                for piece in _pieces(call.arguments_json, self.argument_pieces):
                    fragment = {"index": index, "function": {"arguments": piece}}
                    yield chunk({"content": None, "tool_calls": [fragment]})
                text += call.arguments_json
        finish = reply.finish_reason if isinstance(reply, Text) else "tool_calls"
        yield chunk({}, finish_reason=finish, stop_reason=None)
        if (body.get("stream_options") or {}).get("include_usage"):
            yield base | {"choices": [], "usage": self._usage(body, text)}

    def models(self) -> dict[str, Any]:
        """The `/v1/models` list, as vLLM serves it."""
        card = {
            "id": self.model,
            "object": "model",
            "created": int(time.time()),
            "owned_by": "vllm",
            "root": self.model,
            "parent": None,
            "max_model_len": self.max_model_len,
        }
        return {"object": "list", "data": [card]}

    @staticmethod
    def _usage(body: dict[str, Any], text: str) -> dict[str, int]:
        prompt = _tokens(json.dumps(body.get("messages", [])))
        completion = _tokens(text)
        return {
            "prompt_tokens": prompt,
            "total_tokens": prompt + completion,
            "completion_tokens": completion,
        }


def _handler_for(server: FakeLLMServer) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to one FakeLLMServer."""

    class Handler(_Handler):
        fake = server

    return Handler


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive; chunked transfer for streams, like uvicorn."""

    protocol_version = "HTTP/1.1"
    fake: FakeLLMServer

    def setup(self) -> None:
        super().setup()
        with self.fake._lock:
            self.fake._connections.add(self.connection)

    def finish(self) -> None:
        with self.fake._lock:
            self.fake._connections.discard(self.connection)
        try:
            super().finish()
        except OSError:
            pass

    def handle(self) -> None:
        try:
            super().handle()
        except ConnectionError:
            pass  # the client went away (its timeout fired, or it dropped an idle connection)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet; tests read `server.requests` instead."""

    def do_GET(self) -> None:
        if self.path == "/health":
            self._send(200, b"", "application/json")
        elif self.path == "/v1/models":
            self._json(200, self.fake.models())
        else:
            self._json(404, {"detail": "Not Found"})

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path != "/v1/chat/completions":
            self._json(404, {"detail": "Not Found"})
            return
        try:
            body = json.loads(raw)
        except ValueError as exc:
            self._json(400, _error_body(400, f"Invalid JSON body: {exc}"))
            return
        with self.fake._lock:
            self.fake.requests.append(body)
            self.fake.request_headers.append({k.lower(): v for k, v in self.headers.items()})
        if body.get("model") not in (None, self.fake.model):
            message = f"The model `{body.get('model')}` does not exist."
            self._json(404, _error_body(404, message))
            return
        self._answer(self.fake._next_reply(body), body)

    def _answer(self, reply: Reply, body: dict[str, Any]) -> None:
        while isinstance(reply, Delay):
            if self.fake._closing.wait(reply.seconds):
                self.close_connection = True
                return
            reply = reply.then
        if isinstance(reply, Error):
            headers = {} if reply.retry_after is None else {"Retry-After": f"{reply.retry_after:g}"}
            self._json(reply.status, _error_body(reply.status, reply.message), headers)
        elif isinstance(reply, CutStream):
            self._cut(reply, body)
        elif body.get("stream"):
            self._stream(self.fake.chunks(reply, body))
        else:
            self._json(200, self.fake.completion(reply, body))

    def _stream(self, chunks: Iterator[dict[str, Any]], limit: int | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for sent, item in enumerate(chunks):
            if limit is not None and sent >= limit:
                self.wfile.flush()
                self.close_connection = True  # no terminating chunk: an incomplete body
                return
            self._write_chunk(f"data: {json.dumps(item, ensure_ascii=False)}\n\n".encode())
        self._write_chunk(b"data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")

    def _cut(self, cut: CutStream, body: dict[str, Any]) -> None:
        if body.get("stream"):
            self._stream(self.fake.chunks(cut.reply, body), limit=cut.after_chunks)
            return
        data = json.dumps(self.fake.completion(cut.reply, body)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.close_connection = True

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _json(self, status: int, payload: Any, headers: Mapping[str, str] | None = None) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json", headers)

    def _send(
        self,
        status: int,
        data: bytes,
        content_type: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
