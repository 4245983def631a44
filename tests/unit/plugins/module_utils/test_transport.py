# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest
import requests

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import transport
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.credentials import ManagementCertificate
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import ScriptedAdapter
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import error_body
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import fixture_bytes

EXCLUSIVE = ("Windows Azure is currently performing an operation on this deployment that requires exclusive access.")


def _error(call):
    with pytest.raises(AsmError) as info:
        call()
    return info.value


# ---------------------------------------------------------------- session and headers

def test_session_headers_and_certificate_adapter(cert_and_key):
    cert, key = cert_and_key
    session = transport.build_session(ManagementCertificate(cert, key, [], "test"))
    assert session.headers["x-ms-version"] == transport.API_VERSION
    assert transport.API_VERSION >= "2014-10-01"
    assert session.headers["Content-Type"] == "application/xml"
    assert session.verify is True
    assert session.trust_env is True  # HTTPS_PROXY / NO_PROXY honoured like any requests program
    adapter = session.get_adapter("https://management.core.windows.net/x")
    assert isinstance(adapter, transport.ClientCertificateAdapter)
    assert adapter.poolmanager.connection_pool_kw["ssl_context"] is adapter._ssl_context


def test_session_verification_options(cert_and_key):
    cert, key = cert_and_key
    certificate = ManagementCertificate(cert, key, [], "test")
    assert transport.build_session(certificate, ca_path="/ca.pem").verify == "/ca.pem"
    assert transport.build_session(certificate, validate_certs=False, ca_path="/ca.pem").verify is False


def test_proxy_connections_present_the_certificate(cert_and_key, monkeypatch):
    cert, key = cert_and_key
    session = transport.build_session(ManagementCertificate(cert, key, [], "test"))
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "localhost")
    settings = session.merge_environment_settings("https://management.core.windows.net/x", {}, None, None, None)
    assert settings["proxies"]["https"] == "http://proxy.example:3128"
    assert session.merge_environment_settings("https://localhost/x", {}, None, None, None)["proxies"] == {} or \
        "https" not in session.merge_environment_settings("https://localhost/x", {}, None, None, None)["proxies"]
    adapter = session.get_adapter("https://management.core.windows.net/x")
    manager = adapter.proxy_manager_for("http://proxy.example:3128")
    assert manager.connection_pool_kw["ssl_context"] is adapter._ssl_context


def test_one_session_for_every_request(make_client):
    client, adapter = make_client([(200, "<Locations/>"), (200, "<Locations/>")])
    client.get("locations")
    client.get("locations")
    assert len(adapter.requests) == 2
    assert all(request.headers["x-ms-version"] == "2014-10-01" for request in adapter.requests)


def test_ca_path_wins_over_ca_bundle_variables_in_the_environment(make_client, monkeypatch):
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    monkeypatch.setenv("CURL_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    client, adapter = make_client([(200, "<Locations/>")])
    client.session.verify = "/emulator/ca.pem"
    client.get("locations")
    assert adapter.send_kwargs[0]["verify"] == "/emulator/ca.pem"


def test_url_quoting_and_query(make_client):
    client, _adapter = make_client([])
    assert client.url("services/images/a b:c") == "https://management.example/sub-1/services/images/a%20b%3Ac"
    assert client.url("services/vmimages", [("location", "West US"), ("publisher", None), ("category", "User")]) == \
        "https://management.example/sub-1/services/vmimages?location=West%20US&category=User"


# ---------------------------------------------------------------- errors

def test_asm_error_document_maps_every_field(make_client):
    client, _adapter = make_client([(404, fixture_bytes("services_hostedservices_dcoddkinztest03.xml"), {"x-ms-request-id": "abc123"})])
    error = _error(lambda: client.get("services/hostedservices/dcoddkinztest03"))
    assert (error.status, error.code, error.request_id) == (404, "ResourceNotFound", "abc123")
    assert error.message == "The hosted service does not exist."
    assert "HTTP 404 ResourceNotFound" in str(error) and "abc123" in str(error)


def test_get_or_none_on_404(make_client):
    client, _adapter = make_client([(404, error_body("ResourceNotFound", "The hosted service does not exist."))])
    assert client.get_or_none("services/hostedservices/x") is None


@pytest.mark.parametrize("body, expected", [
    ("upstream proxy exploded", "Bad Gateway: upstream proxy exploded"),
    ("<html><body><h1>502</h1></body></html>", "Bad Gateway"),
    ("", "Bad Gateway"),
])
def test_non_asm_error_body_is_readable(make_client, body, expected):
    client, _adapter = make_client([(502, body)])
    error = _error(lambda: client.send("POST", "services/hostedservices", b"<x/>"))
    assert error.status == 502 and error.code is None
    assert error.message == expected


# ---------------------------------------------------------------- retries

@pytest.mark.parametrize("method, first", [
    ("POST", (409, error_body("ConflictError", EXCLUSIVE))),
    ("DELETE", (409, error_body("ConflictError", EXCLUSIVE))),
    ("GET", (429, error_body("TooManyRequests", "slow down"))),
    ("POST", (503, error_body("ServerBusy", "The server is busy, retry your request."))),
    ("GET", (500, error_body("InternalError", "oops"))),
    ("GET", requests.exceptions.ConnectionError("connection reset")),
    ("GET", requests.exceptions.ReadTimeout("read timed out")),
])
def test_transient_failures_are_retried_and_logged(make_client, clock, method, first):
    logged = []
    client, adapter = make_client([first, first, (200, "<Ok/>")], logger=logged.append)
    response = client.request(method, "services/hostedservices/svc", body=b"<x/>" if method != "GET" else None)
    assert response.status == 200
    assert len(adapter.requests) == 3
    assert len(clock.sleeps) == 2 and len(logged) == 2
    assert "ASM retry 1 of %s services/hostedservices/svc" % method in logged[0]
    if method != "GET":
        assert adapter.requests[2].body == b"<x/>"


@pytest.mark.parametrize("method, answer", [
    ("POST", (400, error_body("BadRequest", "The name is not valid."))),
    ("GET", (403, error_body("ForbiddenError", "The server failed to authenticate the request."))),
    ("GET", (404, error_body("ResourceNotFound", "The hosted service does not exist."))),
    ("POST", (409, error_body("ConflictError", "The specified DNS name is already taken."))),
    ("POST", (409, error_body("ConflictError", "The specified deployment slot Production is occupied."))),
    ("POST", (500, error_body("InternalError", "oops"))),
    ("POST", requests.exceptions.ConnectionError("connection reset")),
    ("DELETE", requests.exceptions.ReadTimeout("read timed out")),
    ("GET", requests.exceptions.SSLError("certificate verify failed")),
])
def test_never_retried(make_client, clock, method, answer):
    client, adapter = make_client([answer, (200, "<Ok/>")])
    _error(lambda: client.request(method, "services/hostedservices/svc"))
    assert len(adapter.requests) == 1
    assert clock.sleeps == []


def test_tls_failure_explains_what_to_check(make_client):
    client, _adapter = make_client([requests.exceptions.SSLError("certificate verify failed")])
    error = _error(lambda: client.get("locations"))
    assert "TLS handshake" in error.message and "ca_path" in error.message


def test_backoff_grows_with_jitter_and_stops_at_the_deadline(make_client, clock):
    busy = (503, error_body("ServerBusy", "retry your request"))
    client, adapter = make_client([busy] * 50, retry_deadline=30.0)
    error = _error(lambda: client.request("GET", "locations"))
    assert error.status == 503 and "gave up after" in error.message
    assert sum(clock.sleeps) <= 30.0
    assert clock.sleeps[0] < clock.sleeps[3]  # exponential
    for attempt, delay in enumerate(clock.sleeps):
        ceiling = min(transport.RETRY_MAX_DELAY, transport.RETRY_BASE_DELAY * 2 ** attempt)
        assert ceiling / 2 <= delay <= ceiling
    assert len(adapter.requests) == len(clock.sleeps) + 1


def test_retry_after_header_is_honoured(make_client, clock):
    client, _adapter = make_client([(429, error_body("TooManyRequests", "slow"), {"Retry-After": "7"}), (200, "<Ok/>")])
    client.request("GET", "locations")
    assert clock.sleeps[0] >= 7


# ---------------------------------------------------------------- 307

def test_temporary_redirect_is_followed_with_method_body_and_certificate_adapter(make_client):
    client, adapter = make_client([
        (307, "", {"Location": "https://other.example:9443/sub-1/services/hostedservices"}),
        (201, "", {"x-ms-request-id": "feed"}),
    ])
    response = client.send("POST", "services/hostedservices", b"<CreateHostedService/>")
    assert response.status == 201 and response.request_id == "feed"
    first, second = adapter.requests
    assert second.url == "https://other.example:9443/sub-1/services/hostedservices"
    assert (second.method, second.body) == ("POST", b"<CreateHostedService/>")
    assert second.headers["x-ms-version"] == first.headers["x-ms-version"]


def test_redirect_loops_are_bounded(make_client):
    loop = (307, "", {"Location": "https://management.example/sub-1/locations"})
    client, _adapter = make_client([loop] * 10)
    error = _error(lambda: client.get("locations"))
    assert "redirect" in error.message.lower()


def test_scripted_adapter_is_what_the_session_uses(make_client):
    client, adapter = make_client([(200, "<Ok/>")])
    assert client.session.get_adapter("https://anything.example/") is adapter
    assert isinstance(adapter, ScriptedAdapter)
