# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Test doubles for the client's and the modules' unit tests: certificates, a scripted HTTP adapter, bodies."""

from __future__ import annotations

import base64
import datetime
import os

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "plugins", "module_utils", "fixtures")


def fixture_bytes(name):
    with open(os.path.join(FIXTURES, name), "rb") as handle:
        return handle.read()


def make_certificate(days_valid=365, starts_in_days=-1, common_name="asm-unit-test"):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    start = now + datetime.timedelta(days=starts_in_days)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + datetime.timedelta(days=days_valid))
            .sign(key, hashes.SHA256()))
    return cert, key


def pem_of(cert, key, password=None):
    encryption = serialization.BestAvailableEncryption(password.encode()) if password else serialization.NoEncryption()
    return cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)


def pfx_of(cert, key, password=None):
    encryption = serialization.BestAvailableEncryption(password.encode()) if password else serialization.NoEncryption()
    return pkcs12.serialize_key_and_certificates(b"asm", key, cert, None, encryption)


def publish_settings_of(subscriptions, schema="2.0"):
    """``subscriptions``: list of (id, name, pfx_bytes, url)."""
    if schema == "2.0":
        items = "".join(
            '<Subscription ServiceManagementUrl="%s" Id="%s" Name="%s" ManagementCertificate="%s" />'
            % (url, sub_id, name, base64.b64encode(pfx).decode()) for sub_id, name, pfx, url in subscriptions)
        return ('<?xml version="1.0" encoding="utf-8"?><PublishData><PublishProfile SchemaVersion="2.0" '
                'PublishMethod="AzureServiceManagementAPI">%s</PublishProfile></PublishData>' % items).encode()
    sub_id, name, pfx, url = subscriptions[0]
    return ('<?xml version="1.0" encoding="utf-8"?><PublishData><PublishProfile PublishMethod="AzureServiceManagementAPI" '
            'Url="%s" ManagementCertificate="%s"><Subscription Id="%s" Name="%s" /></PublishProfile></PublishData>'
            % (url, base64.b64encode(pfx).decode(), sub_id, name)).encode()


class ScriptedAdapter(BaseAdapter):
    """Answers requests from a script of ``(status, body, headers)`` or exceptions, and records them."""

    def __init__(self, answers):
        super().__init__()
        self.answers = list(answers)
        self.requests = []
        self.send_kwargs = []

    def send(self, request, **kwargs):
        self.requests.append(request)
        self.send_kwargs.append(kwargs)
        if not self.answers:
            raise AssertionError("unexpected request %s %s" % (request.method, request.url))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        status, body, headers = (tuple(answer) + (None, None))[:3]
        response = requests.Response()
        response.status_code = status
        response.reason = {200: "OK", 201: "Created", 202: "Accepted", 307: "Temporary Redirect", 400: "Bad Request",
                           403: "Forbidden", 404: "Not Found", 409: "Conflict", 429: "Too Many Requests",
                           500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}.get(status, "")
        response.headers = CaseInsensitiveDict(headers or {})
        response.headers.setdefault("x-ms-request-id", "%032x" % len(self.requests))
        response._content = body.encode() if isinstance(body, str) else (body or b"")
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        return response

    def close(self):
        pass


class FakeClock:
    """A monotonic clock that only moves when the code under test sleeps."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def scripted_client(answers, clock, logger=None, retry_deadline=300.0):
    """An AsmClient over a ScriptedAdapter with a fake clock; returns ``(client, adapter)``."""
    from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.transport import AsmClient

    session = requests.Session()
    adapter = ScriptedAdapter(answers)
    session.mount("https://", adapter)
    session.headers.update({"x-ms-version": "2014-10-01", "Content-Type": "application/xml"})
    client = AsmClient("sub-1", "https://management.example", session, logger=logger,
                       retry_deadline=retry_deadline, sleep=clock.sleep, clock=clock)
    return client, adapter


def error_body(code, message):
    return ('<Error xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">'
            '<Code>%s</Code><Message>%s</Message></Error>' % (code, message))


def operation_body(status, http_status=None, code=None, message=None):
    parts = ["<ID>9a059fc1-90f3-b98c-b56e-db99089d669c</ID><Status>%s</Status>" % status]
    if http_status:
        parts.append("<HttpStatusCode>%s</HttpStatusCode>" % http_status)
    if code:
        parts.append("<Error><Code>%s</Code><Message>%s</Message></Error>" % (code, message))
    return ('<Operation xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">'
            '%s</Operation>' % "".join(parts))


class ModuleExit(Exception):
    """Raised instead of exit_json/fail_json; ``result`` holds what the module returned."""

    def __init__(self, result):
        super().__init__(result)
        self.result = result


def run_module(main, args, client=None, check_mode=False, diff=False):
    """Run a module's ``main()`` with ``args`` and return its result dict (``failed`` set on fail_json).

    ``client`` replaces the module's ASM client (``AsmModule.client``) when given.
    """
    from unittest import mock

    from ansible.module_utils import basic
    from ansible.module_utils.testing import patch_module_args

    from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule

    def exit_json(_module, **kwargs):
        kwargs.setdefault("changed", False)
        raise ModuleExit(kwargs)

    def fail_json(_module, **kwargs):
        kwargs["failed"] = True
        raise ModuleExit(kwargs)

    args = dict(args)
    if check_mode:
        args["_ansible_check_mode"] = True
    if diff:
        args["_ansible_diff"] = True
    patches = [mock.patch.object(basic.AnsibleModule, "exit_json", exit_json),
               mock.patch.object(basic.AnsibleModule, "fail_json", fail_json)]
    if client is not None:
        patches.append(mock.patch.object(AsmModule, "client", new_callable=mock.PropertyMock, return_value=client))
    with patch_module_args(args):
        for patch in patches:
            patch.start()
        try:
            main()
        except ModuleExit as done:
            return done.result
        finally:
            for patch in patches:
                patch.stop()
    raise AssertionError("the module returned without exit_json or fail_json")
