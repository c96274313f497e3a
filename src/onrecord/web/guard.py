"""What a request that writes must pass before its body is read.

FastAPI parses a posted body (and validates it) before the endpoint can look at the
token: a read-only server would read 190 MiB from anyone before saying 403. This ASGI
layer answers first, from the headers alone: writing off, no valid Bearer token, or a
declared body over the limit; then it reads the body, counting, and stops at the limit.
"""
from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES = 32 * 1024 * 1024  # a batch of posted articles (one article is at most 1M characters)
_READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def bearer_token(authorization: str | None) -> str | None:
    """The token of an "Authorization: Bearer TOKEN" header (the scheme in any case), else None:
    a bare token is not accepted as one."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def valid_token(authorization: str | None, token: str | None) -> bool:
    given = bearer_token(authorization)
    return bool(token) and given is not None and secrets.compare_digest(given.encode(), token.encode())


class WriteGuard:
    """Refuses a writing request (any method but GET, HEAD, OPTIONS) from its headers, and bounds its body."""

    def __init__(self, app: ASGIApp, *, allow_write: bool, token: str | None, headers: dict[str, str],
                 max_body: int = MAX_BODY_BYTES) -> None:
        self.app, self.allow_write, self.token, self.max_body = app, allow_write, token, max_body
        self.headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]  # the app's security headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in _READING_METHODS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(headers)
        if refusal is not None:
            await self._answer(send, *refusal)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.max_body:
                await self._answer(send, 413, self._too_large())
                return
            if not message.get("more_body"):
                break
        await self.app(scope, _replay(bytes(body), receive), send)

    def _refusal(self, headers: dict[str, str]) -> tuple[int, str] | None:
        if not self.allow_write:
            return 403, "writing is off: start the server with --allow-write"
        if not valid_token(headers.get("authorization"), self.token):
            return 403, "a valid token is needed: Authorization: Bearer TOKEN"
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            return 413, self._too_large()
        return None

    def _too_large(self) -> str:
        return f"the request body is over {self.max_body // (1024 * 1024)} MiB: post fewer articles at a time"

    async def _answer(self, send: Send, status: int, message: str) -> None:
        body = json.dumps({"error": {"status": status, "message": message}}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                   (b"connection", b"close"), *self.headers]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body already read, once, then whatever the client sends next (a disconnect)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
