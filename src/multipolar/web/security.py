"""Hardening of the dashboard: security headers, a Host allow-list and an optional access token.

One ASGI middleware (``Guard``) wraps the whole app:

- every response carries a Content-Security-Policy (scripts only from our own ``/static``, no
  framing, no plugins), ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` and
  ``Referrer-Policy: no-referrer``;
- a request whose ``Host`` header is not on the allow-list is refused (400, E620): a web page
  on another site cannot reach the dashboard through DNS rebinding;
- with a token, every route (pages, API, static files) needs it: the header
  ``X-Multipolar-Token``, or the cookie set when the link ``/?token=...`` is opened once
  (E621, 401 otherwise). ``multipolar serve`` requires a token on any non-loopback address.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, quote, unquote, urlencode

from multipolar.errors import Errors

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
# The name Starlette's and httpx's test clients send; it resolves nowhere on a normal network.
TEST_CLIENT_HOST = "testserver"
TOKEN_HEADER = "x-multipolar-token"
TOKEN_COOKIE = "multipolar_token"
TOKEN_PARAMETER = "token"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


def is_loopback(host: str) -> bool:
    """Return True when ``host`` (an address or name to bind) only accepts local connections."""
    return host.strip("[]") in LOOPBACK_HOSTS or host.startswith("127.")


def host_name(header: str) -> str:
    """Return the host of a ``Host`` header without its port, lower case (``[::1]:8000`` -> ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def allowed_hosts_for(bind: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Return the Host names to accept when serving on ``bind``: loopback names, ``bind``, ``extra``.

    Bound to every interface (``0.0.0.0``), the machine's own name and addresses are added.
    """
    names = [*LOOPBACK_HOSTS, TEST_CLIENT_HOST]
    if bind in ("0.0.0.0", "::", ""):
        names.extend(_own_names())
    else:
        names.append(host_name(bind))
    names.extend(host_name(name) for name in extra if name.strip())
    return tuple(dict.fromkeys(names))


def _own_names() -> list[str]:
    """Return this machine's host name and addresses (what LAN browsers use to reach it)."""
    import socket

    try:
        name, aliases, addresses = socket.gethostbyname_ex(socket.gethostname())
    except OSError:
        return [socket.gethostname().lower()]
    return [name.lower(), *(a.lower() for a in aliases), *addresses]


class Guard:
    """ASGI middleware: security headers on every response, Host allow-list, optional token."""

    def __init__(self, app, allowed_hosts: Iterable[str] | None = None, token: str | None = None) -> None:
        self.app = app
        self.allowed = {host_name(h) for h in (allowed_hosts or allowed_hosts_for("127.0.0.1"))}
        self.any_host = "*" in self.allowed
        self.token = token or None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = host_name(headers.get("host", ""))
        if not self.any_host and host not in self.allowed:
            allowed = ", ".join(sorted(h for h in self.allowed if h != TEST_CLIENT_HOST))
            await _refuse(send, 400, Errors.E620.format(host=host, allowed=allowed), scope)
            return
        if self.token is not None:
            verdict = self._token_verdict(scope, headers)
            if verdict == "refuse":
                await _refuse(send, 401, Errors.E621, scope)
                return
            if verdict == "from-link":
                await _redirect_with_cookie(send, scope, self.token)
                return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in SECURITY_HEADERS if name not in present]
                message = dict(message, headers=[*message.get("headers", []), *extra])
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _token_verdict(self, scope, headers: dict[str, str]) -> str:
        """Return "ok", "from-link" (a right ``?token=``: set the cookie) or "refuse"."""
        assert self.token is not None
        if _same(headers.get(TOKEN_HEADER, ""), self.token):
            return "ok"
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # noqa: BLE001 - a malformed cookie header is just no cookie
            cookie = SimpleCookie()
        if TOKEN_COOKIE in cookie and _same(unquote(cookie[TOKEN_COOKIE].value), self.token):
            return "ok"
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if _same(query.get(TOKEN_PARAMETER, ""), self.token):
            return "from-link"
        return "refuse"


def _same(given: str, token: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def _security_headers(content_type: bytes) -> list[tuple[bytes, bytes]]:
    return [(b"content-type", content_type), *SECURITY_HEADERS]


async def _refuse(send, status: int, message: str, scope) -> None:
    """Answer ``status`` with ``message``: JSON for the API, plain text otherwise."""
    if scope.get("path", "").startswith("/api/"):
        body = json.dumps({"detail": message}).encode("utf-8")
        content_type = b"application/json"
    else:
        body = (message + "\n").encode("utf-8")
        content_type = b"text/plain; charset=utf-8"
    headers = _security_headers(content_type) + [(b"content-length", str(len(body)).encode("ascii"))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _redirect_with_cookie(send, scope, token: str) -> None:
    """Set the token cookie and send the browser to the same address without ``?token=``."""
    pairs = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True) if k != TOKEN_PARAMETER]
    location = quote(scope.get("path", "/")) + (f"?{urlencode(pairs)}" if pairs else "")
    cookie = f"{TOKEN_COOKIE}={quote(token, safe='')}; Path=/; HttpOnly; SameSite=Strict"
    headers = _security_headers(b"text/plain; charset=utf-8") + [
        (b"location", location.encode("latin-1")),
        (b"set-cookie", cookie.encode("latin-1")),
        (b"content-length", b"0"),
    ]
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
