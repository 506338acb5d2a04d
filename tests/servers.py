"""A real uvicorn server in a thread, for tests that talk to an app over HTTP or in a browser."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from tests.test_api import _free_port

STARTUP_S = 30
"""How long a test waits for the server to start listening."""


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve the ASGI app on a free local port; yields its base URL, stops the server after."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_S
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
