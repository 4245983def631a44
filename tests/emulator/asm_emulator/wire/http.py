"""Request and response values passed between the server and the wire (no sockets here)."""
from __future__ import annotations

import uuid
from urllib.parse import parse_qsl, unquote, urlsplit

XML_CONTENT_TYPE = "application/xml; charset=utf-8"


def new_request_id():
    """ASM's ``x-ms-request-id``: 32 lower-case hex digits."""
    return uuid.uuid4().hex


class Request:
    """A parsed HTTP request: method, raw path, decoded path segments, query, headers, body,
    the client certificate's thumbprint (None without one) and the listener it arrived on."""

    def __init__(self, method, target, headers, body, thumbprint, listener="primary"):
        parts = urlsplit(target)
        self.method = method.upper()
        self.raw_path = parts.path
        self.raw_query = parts.query
        self.segments = [unquote(segment) for segment in parts.path.split("/") if segment]
        self.query = {key.lower(): value for key, value in parse_qsl(parts.query, keep_blank_values=True)}
        self.headers = {key.lower(): value for key, value in headers.items()}
        self.body = body or b""
        self.thumbprint = thumbprint
        self.listener = listener

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)


class Response:
    """What to send back; ``drop`` closes the connection without any answer."""

    def __init__(self, status, body=b"", content_type=None, headers=None, drop=False):
        self.status = status
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.headers = list(headers or [])
        if self.body and content_type:
            self.headers.append(("Content-Type", content_type))
        self.drop = drop


def xml(status, document, headers=None):
    return Response(status, document, XML_CONTENT_TYPE, headers)


def empty(status, headers=None):
    return Response(status, b"", None, headers)
