# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""HTTP to the Service Management endpoint: one ``requests.Session`` per client, mutual TLS with the
management certificate, the ``x-ms-version`` header, retries of transient failures, and every
failure turned into ``AsmError``.
"""

from __future__ import annotations

import random
import time
from collections import namedtuple
from urllib.parse import quote

try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.ssl_ import create_urllib3_context
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised by the import sanity test
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc
    HTTPAdapter = object

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import parse_error
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import parse_to_dict
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.credentials import load_into_context
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError

API_VERSION = "2014-10-01"
CONTENT_TYPE = "application/xml"
USER_AGENT = "azure_classic.servicemanagement"

# Retry policy: exponential backoff with jitter, bounded by a deadline.
RETRY_BASE_DELAY = 0.5
RETRY_MAX_DELAY = 20.0
RETRY_DEADLINE = 300.0
EXCLUSIVE_ACCESS_MARKER = "requires exclusive access"
MAX_REDIRECTS = 5

_QUOTE_SAFE = "/()$=',"

Response = namedtuple("Response", ["status", "headers", "body", "request_id"])


class ClientCertificateAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections (direct or through a proxy) present the management certificate."""

    def __init__(self, ssl_context, **kwargs):
        self._ssl_context = ssl_context
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["ssl_context"] = self._ssl_context
        return super().init_poolmanager(*args, **kwargs)

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        proxy_kwargs["ssl_context"] = self._ssl_context
        return super().proxy_manager_for(proxy, **proxy_kwargs)


def _client_ssl_context(certificate):
    return load_into_context(create_urllib3_context(), certificate)


def build_session(certificate, validate_certs=True, ca_path=None):
    """A ``requests.Session`` that presents ``certificate`` on every HTTPS connection.

    Proxies come from ``HTTPS_PROXY``/``NO_PROXY`` as in any requests program; server verification
    uses ``ca_path`` when given, else requests' bundle, unless ``validate_certs`` is false.
    """
    if not HAS_REQUESTS:
        raise AsmError("The Python library requests is required: %s" % REQUESTS_IMPORT_ERROR)
    session = requests.Session()
    session.mount("https://", ClientCertificateAdapter(_client_ssl_context(certificate)))
    session.verify = (ca_path or True) if validate_certs else False
    session.headers.update({
        "x-ms-version": API_VERSION,
        "Content-Type": CONTENT_TYPE,
        "User-Agent": USER_AGENT,
    })
    return session


def is_retryable_status(method, status, code, message):
    """The retry rules: transient or throttled answers only, never a validation error."""
    if status == 409:
        return code == "ConflictError" and EXCLUSIVE_ACCESS_MARKER in (message or "")
    if status in (429, 503):
        return True
    if status == 500:
        return method == "GET"
    return False


def is_retryable_exception(method, exc):
    """Connection errors and read timeouts are retried on reads only: a write may have arrived.

    A TLS failure (an untrusted server, a refused client certificate) is never transient.
    """
    if method != "GET" or isinstance(exc, requests.exceptions.SSLError):
        return False
    return isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout))


def _retry_after(headers):
    value = (headers or {}).get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def error_from_response(status, reason, headers, body):
    """An ``AsmError`` from a non-2xx answer; a body that is no ASM Error still gives a readable message."""
    request_id = (headers or {}).get("x-ms-request-id")
    code, message = parse_error(body or b"")
    if message is None:
        text = (body or b"").decode("utf-8", "replace").strip()
        if "<html" in text.lower():
            text = ""
        message = reason or "HTTP error"
        if text:
            message = "%s: %s" % (message, text[:500])
    return AsmError(message, status=status, code=code, request_id=request_id)


class AsmClient:
    """The ASM REST client. Paths are relative to ``<management_url>/<subscription_id>/``."""

    def __init__(self, subscription_id, management_url, session, timeout=60.0, logger=None,
                 retry_deadline=RETRY_DEADLINE, sleep=time.sleep, clock=time.monotonic, rng=None):
        self.subscription_id = subscription_id
        self.management_url = management_url.rstrip("/")
        self.session = session
        self.session.max_redirects = MAX_REDIRECTS
        self.timeout = timeout
        self.retry_deadline = retry_deadline
        self.log = logger or (lambda message: None)
        self.sleep = sleep
        self.clock = clock
        self._random = rng or random.Random()

    @classmethod
    def from_settings(cls, settings, validate_certs=True, ca_path=None, **kwargs):
        session = build_session(settings.certificate, validate_certs=validate_certs, ca_path=ca_path)
        return cls(settings.subscription_id, settings.management_url, session, **kwargs)

    def close(self):
        self.session.close()

    def url(self, path, query=None):
        full = "/%s/%s" % (self.subscription_id, path.lstrip("/"))
        url = self.management_url + quote(full, safe=_QUOTE_SAFE)
        if query:
            pairs = ["%s=%s" % (name, quote(str(value), safe=_QUOTE_SAFE)) for name, value in query if value is not None]
            if pairs:
                url += "?" + "&".join(pairs)
        return url

    # ------------------------------------------------------------ raw requests with retries

    def _backoff(self, attempt, headers=None):
        delay = min(RETRY_MAX_DELAY, RETRY_BASE_DELAY * (2 ** attempt))
        delay = delay / 2 + self._random.uniform(0, delay / 2)
        hinted = _retry_after(headers)
        if hinted is not None:
            delay = max(delay, min(hinted, RETRY_MAX_DELAY))
        return delay

    def _send_once(self, method, url, body):
        # verify is passed on every call: otherwise requests lets REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE
        # from the environment replace the ca_path the user gave.
        return self.session.request(method, url, data=body, timeout=self.timeout, verify=self.session.verify)

    def request(self, method, path, body=None, query=None):
        """Send one logical request, retrying transient failures; return ``Response`` or raise ``AsmError``."""
        url = self.url(path, query)
        started = self.clock()
        attempt = 0
        while True:
            try:
                answer = self._send_once(method, url, body)
            except requests.exceptions.SSLError as exc:
                raise AsmError("%s %s failed during the TLS handshake: %s. If the endpoint's certificate comes from a "
                               "private CA, set ca_path; if the management certificate is refused, register it for the "
                               "subscription." % (method, path, exc))
            except requests.exceptions.RequestException as exc:
                if not is_retryable_exception(method, exc):
                    raise AsmError("%s %s failed: %s" % (method, path, exc))
                failure, headers, cause = AsmError("%s %s failed: %s" % (method, path, exc)), None, type(exc).__name__
            else:
                request_id = answer.headers.get("x-ms-request-id")
                if 200 <= answer.status_code < 300:
                    return Response(answer.status_code, answer.headers, answer.content, request_id)
                failure = error_from_response(answer.status_code, answer.reason, answer.headers, answer.content)
                if not is_retryable_status(method, failure.status, failure.code, failure.message):
                    raise failure
                headers, cause = answer.headers, "HTTP %s %s" % (failure.status, failure.code or "")
            delay = self._backoff(attempt, headers)
            elapsed = self.clock() - started
            if elapsed + delay > self.retry_deadline:
                failure.message = "%s (gave up after %d attempts in %.0f seconds)" % (failure.message, attempt + 1, elapsed)
                raise failure
            attempt += 1
            self.log("ASM retry %d of %s %s after %s: %s; waiting %.1fs"
                     % (attempt, method, path, cause.strip(), failure.message, delay))
            self.sleep(delay)

    # ------------------------------------------------------------ conveniences

    def get(self, path, query=None):
        """GET and parse: returns ``(root_tag, value)`` as ``asm_xml.parse_to_dict``."""
        return parse_to_dict(self.request("GET", path, query=query).body)

    def get_or_none(self, path, query=None):
        """GET and parse, or ``None`` when the service answers 404."""
        try:
            return self.get(path, query)[1]
        except AsmError as exc:
            if exc.is_not_found:
                return None
            raise

    def send(self, method, path, body=None, query=None):
        """A mutating call; returns its ``Response`` (``request_id`` is what to poll)."""
        return self.request(method, path, body=body, query=query)
