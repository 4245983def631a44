"""Start-up contract, generated credentials, mutual TLS and the CLI verbs."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
import datetime

from support import EMULATOR_PARENT, error_of, parse

FORBIDDEN = "The server failed to authenticate the request. Verify that the certificate is valid and is associated with this subscription."
KEYS = {"management_url", "subscription_id", "management_cert_path", "management_cert_pfx_path", "management_cert_password", "ca_path",
        "publish_settings", "redirect_url"}


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "asm_emulator"] + list(args), env=dict(os.environ, PYTHONPATH=EMULATOR_PARENT),
                          capture_output=True, text=True, timeout=60, check=False)


def _self_signed(tmp_path, name):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30)).sign(key, hashes.SHA256()))
    pem = tmp_path / (name + ".pem")
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()))
    cer = tmp_path / (name + ".cer")
    cer.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    return str(pem), str(cer)


def test_connection_file_and_generated_credentials(make_emulator, tmp_path):
    emulator = make_emulator(state_dir=tmp_path / "state")
    conn = emulator.conn
    assert KEYS <= set(conn)
    assert conn["management_url"].startswith("https://127.0.0.1:")
    assert conn["redirect_url"].startswith("https://localhost:")
    for key in ("management_cert_path", "management_cert_pfx_path", "ca_path", "publish_settings"):
        assert os.path.isfile(conn[key]), key
    for private in ("ca.key", "server.key"):
        assert stat.S_IMODE(os.stat(tmp_path / "state" / private).st_mode) == 0o600
    for key in ("management_cert_path", "management_cert_pfx_path", "publish_settings"):
        assert stat.S_IMODE(os.stat(conn[key]).st_mode) == 0o600
    with open(conn["management_cert_pfx_path"], "rb") as handle:
        key, cert, _chain = pkcs12.load_key_and_certificates(handle.read(), conn["management_cert_password"].encode())
    assert key is not None and cert is not None
    with open(conn["management_cert_path"], "rb") as handle:
        pem = handle.read()
    assert b"BEGIN CERTIFICATE" in pem and b"PRIVATE KEY" in pem and b"ENCRYPTED" not in pem
    settings = parse(open(conn["publish_settings"], encoding="utf-8").read())
    subscription = settings.find("PublishProfile/Subscription")
    assert subscription.get("ServiceManagementUrl") == conn["management_url"]
    assert subscription.get("Id") == conn["subscription_id"]
    import base64
    embedded = pkcs12.load_key_and_certificates(base64.b64decode(subscription.get("ManagementCertificate")), None)
    assert embedded[1].fingerprint(hashes.SHA1()) == cert.fingerprint(hashes.SHA1())
    server = x509.load_pem_x509_certificate(open(tmp_path / "state" / "server.pem", "rb").read())
    san = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "localhost" in san.get_values_for_type(x509.DNSName)
    assert [str(ip) for ip in san.get_values_for_type(x509.IPAddress)] == ["127.0.0.1"]


def test_restart_reuses_credentials_and_removes_stale_connection_file(make_emulator, tmp_path):
    state = tmp_path / "state"
    first = make_emulator(state_dir=state)
    conn = dict(first.conn)
    ca = open(conn["ca_path"], "rb").read()
    first.stop()
    assert not os.path.exists(state / "connection.json")
    (state / "connection.json").write_text('{"stale": true}')
    second = make_emulator(state_dir=state)
    assert "stale" not in second.conn
    assert second.conn["subscription_id"] == conn["subscription_id"]
    assert second.conn["management_cert_password"] == conn["management_cert_password"]
    assert open(second.conn["ca_path"], "rb").read() == ca
    assert second.asm("GET", "/locations").status_code == 200


def test_locations_with_client_certificate_and_curl(emu):
    response = emu.asm("GET", "/locations")
    assert response.status_code == 200
    assert parse(response.text).tag.endswith("Locations")
    curl = subprocess.run(["curl", "-sS", "--cert", emu.conn["management_cert_path"], "--cacert", emu.conn["ca_path"],
                           "-H", "x-ms-version: 2014-10-01", "%s/%s/locations" % (emu.url, emu.sub)],
                          capture_output=True, text=True, timeout=30, check=False)
    if curl.returncode == 127:
        pytest.skip("curl not installed")
    assert curl.returncode == 0 and "<Location><Name>West US</Name>" in curl.stdout


def test_no_client_certificate_gets_403_forbidden(emu):
    response = emu.session(cert=False).get("%s/%s/locations" % (emu.url, emu.sub), headers={"x-ms-version": "2014-10-01"}, timeout=30)
    assert error_of(response) == (403, "ForbiddenError", FORBIDDEN)
    assert len(response.headers["x-ms-request-id"]) == 32


def test_certificate_of_another_subscription_gets_403(make_emulator, tmp_path):
    emulator = make_emulator(state_dir=tmp_path / "state")
    result = _cli("add-subscription", "--state-dir", emulator.state_dir, "--name", "second")
    assert result.returncode == 0, result.stderr
    other = result.stdout.strip()
    other_pem = os.path.join(emulator.state_dir, "management-%s.pem" % other)
    assert os.path.exists(other_pem) and os.path.exists(other_pem[:-4] + ".publishsettings")
    session = emulator.session(cert=other_pem)
    # Its own subscription works (the TLS layer picked the new certificate up) ...
    assert session.get("%s/%s/locations" % (emulator.url, other), headers={"x-ms-version": "2014-10-01"}, timeout=30).status_code == 200
    # ... but not the default one: registered, so past TLS, yet not associated with that subscription.
    response = session.get("%s/%s/locations" % (emulator.url, emulator.sub), headers={"x-ms-version": "2014-10-01"}, timeout=30)
    assert error_of(response) == (403, "ForbiddenError", FORBIDDEN)
    # An unknown subscription id is refused the same way.
    response = emulator.asm("GET", "/locations", sub="11111111-2222-3333-4444-555555555555")
    assert error_of(response)[:2] == (403, "ForbiddenError")


def test_unregistered_certificate_is_refused_at_tls_then_accepted_once_added(make_emulator, tmp_path):
    emulator = make_emulator(state_dir=tmp_path / "state")
    pem, cer = _self_signed(tmp_path, "outsider")
    with pytest.raises(requests.exceptions.ConnectionError):
        emulator.session(cert=pem).get("%s/%s/locations" % (emulator.url, emulator.sub), headers={"x-ms-version": "2014-10-01"}, timeout=30)
    result = _cli("add-certificate", "--state-dir", emulator.state_dir, "--cert", cer)
    assert result.returncode == 0, result.stderr
    response = emulator.session(cert=pem).get("%s/%s/locations" % (emulator.url, emulator.sub), headers={"x-ms-version": "2014-10-01"}, timeout=30)
    assert response.status_code == 200


def test_cli_verbs_work_while_stopped(make_emulator, tmp_path):
    state = tmp_path / "state"
    make_emulator(state_dir=state).stop()
    pem, cer = _self_signed(tmp_path, "offline")
    del pem
    assert _cli("add-certificate", "--state-dir", str(state), "--cert", cer).returncode == 0
    result = _cli("add-subscription", "--state-dir", str(state), "--id", "0f0f0f0f-0000-4000-8000-000000000001")
    assert result.returncode == 0 and result.stdout.strip() == "0f0f0f0f-0000-4000-8000-000000000001"
    emulator = make_emulator(state_dir=state)
    pem = os.path.join(str(state), "management-0f0f0f0f-0000-4000-8000-000000000001.pem")
    response = emulator.session(cert=pem).get("%s/0f0f0f0f-0000-4000-8000-000000000001/locations" % emulator.url,
                                              headers={"x-ms-version": "2014-10-01"}, timeout=30)
    assert response.status_code == 200
    settings = open(pem[:-4] + ".publishsettings", encoding="utf-8").read()
    assert emulator.url in settings


def test_control_api_needs_a_registered_certificate(emu):
    assert emu.control("GET", "config").status_code == 200
    assert emu.session(cert=False).get(emu.url + "/_emulator/config", timeout=30).status_code == 403


def test_bad_durations_are_refused(tmp_path):
    result = subprocess.run([sys.executable, "-m", "asm_emulator", "serve", "--state-dir", str(tmp_path), "--duration", "nonsense=3"],
                            env=dict(os.environ, PYTHONPATH=EMULATOR_PARENT), capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2 and "unknown duration kind" in result.stderr
    assert json.dumps  # keep import used
