# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import os
import ssl
import stat

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import credentials
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmCredentialError
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import make_certificate
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import pem_of
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import pfx_of
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import publish_settings_of

SUB_A = "11111111-1111-1111-1111-111111111111"
SUB_B = "22222222-2222-2222-2222-222222222222"


def _failure(call):
    with pytest.raises(AsmCredentialError) as info:
        call()
    return info.value


# ---------------------------------------------------------------- PEM

def test_pem_with_certificate_and_key(cert_and_key, write_file):
    cert, key = cert_and_key
    loaded = credentials.load_management_certificate(write_file("mgmt.pem", pem_of(cert, key)))
    assert loaded.certificate == cert
    assert credentials.thumbprint(loaded) == cert.fingerprint(hashes.SHA1()).hex().upper()


def test_pem_key_before_certificate(cert_and_key, write_file):
    cert, key = cert_and_key
    pem = pem_of(cert, key)
    cert_part, key_part = pem.split(b"-----BEGIN PRIVATE KEY-----")
    loaded = credentials.load_management_certificate(write_file("mgmt.pem", b"-----BEGIN PRIVATE KEY-----" + key_part + cert_part))
    assert loaded.certificate == cert


def test_pem_with_encrypted_key_and_password(cert_and_key, write_file):
    cert, key = cert_and_key
    loaded = credentials.load_management_certificate(write_file("mgmt.pem", pem_of(cert, key, "s3cret")), "s3cret")
    assert loaded.certificate == cert


def test_pem_encrypted_key_without_password_names_the_password_option(cert_and_key, write_file):
    cert, key = cert_and_key
    path = write_file("mgmt.pem", pem_of(cert, key, "s3cret"))
    error = _failure(lambda: credentials.load_management_certificate(path))
    assert error.option == "management_cert_password"
    assert "encrypted" in error.message


def test_pem_wrong_password(cert_and_key, write_file):
    cert, key = cert_and_key
    path = write_file("mgmt.pem", pem_of(cert, key, "s3cret"))
    error = _failure(lambda: credentials.load_management_certificate(path, "wrong"))
    assert error.option == "management_cert_password"
    assert "wrong password" in error.message


def test_pem_certificate_only_is_refused(cert_and_key, write_file):
    cert, _key = cert_and_key
    path = write_file("mgmt.crt", cert.public_bytes(serialization.Encoding.PEM))
    error = _failure(lambda: credentials.load_management_certificate(path))
    assert error.option == "management_cert_path"
    assert "no private key" in error.message


def test_der_cer_without_key_is_refused(cert_and_key, write_file):
    cert, _key = cert_and_key
    path = write_file("mgmt.cer", cert.public_bytes(serialization.Encoding.DER))
    error = _failure(lambda: credentials.load_management_certificate(path))
    assert error.option == "management_cert_path"
    assert ".cer" in error.message and "private key" in error.message


def test_missing_file_names_the_option(tmp_path):
    error = _failure(lambda: credentials.load_management_certificate(str(tmp_path / "nope.pem")))
    assert error.option == "management_cert_path"
    assert "does not exist" in error.message


def test_directory_instead_of_file(tmp_path):
    error = _failure(lambda: credentials.load_management_certificate(str(tmp_path)))
    assert error.option == "management_cert_path"
    assert "directory" in error.message


def test_expired_certificate(write_file):
    cert, key = make_certificate(days_valid=10, starts_in_days=-30)
    path = write_file("old.pem", pem_of(cert, key))
    error = _failure(lambda: credentials.load_management_certificate(path))
    assert error.option == "management_cert_path"
    assert "expired on" in error.message


def test_not_yet_valid_certificate(write_file):
    cert, key = make_certificate(starts_in_days=5)
    path = write_file("future.pem", pem_of(cert, key))
    error = _failure(lambda: credentials.load_management_certificate(path))
    assert "not valid before" in error.message


def test_key_of_another_certificate(cert_and_key, write_file):
    cert, _key = cert_and_key
    _other_cert, other_key = make_certificate()
    path = write_file("mixed.pem", pem_of(cert, other_key))
    error = _failure(lambda: credentials.load_management_certificate(path))
    assert "does not belong" in error.message


# ---------------------------------------------------------------- PKCS#12

def test_pfx_with_password(cert_and_key, write_file):
    cert, key = cert_and_key
    loaded = credentials.load_management_certificate(write_file("mgmt.pfx", pfx_of(cert, key, "pfx-pass")), "pfx-pass")
    assert loaded.certificate == cert


def test_pfx_without_password(cert_and_key, write_file):
    cert, key = cert_and_key
    loaded = credentials.load_management_certificate(write_file("mgmt.p12", pfx_of(cert, key)))
    assert loaded.certificate == cert


def test_pfx_wrong_password(cert_and_key, write_file):
    cert, key = cert_and_key
    path = write_file("mgmt.pfx", pfx_of(cert, key, "pfx-pass"))
    error = _failure(lambda: credentials.load_management_certificate(path, "nope"))
    assert error.option == "management_cert_password"
    assert "wrong password" in error.message


def test_pfx_missing_password(cert_and_key, write_file):
    cert, key = cert_and_key
    path = write_file("mgmt.pfx", pfx_of(cert, key, "pfx-pass"))
    error = _failure(lambda: credentials.load_management_certificate(path))
    assert error.option == "management_cert_password"


# ---------------------------------------------------------------- .publishsettings

def test_publish_settings_single_subscription(cert_and_key, write_file):
    cert, key = cert_and_key
    path = write_file("a.publishsettings", publish_settings_of([(SUB_A, "Pay-As-You-Go", pfx_of(cert, key), "https://emu:8443/")]))
    sub, url, loaded = credentials.load_publish_settings(path)
    assert (sub, url) == (SUB_A, "https://emu:8443")
    assert loaded.certificate == cert


def test_publish_settings_without_password_ignores_a_stray_password(cert_and_key, write_file):
    cert, key = cert_and_key
    path = write_file("a.publishsettings", publish_settings_of([(SUB_A, "Portal", pfx_of(cert, key), "https://emu:8443/")]))
    assert credentials.load_publish_settings(path, password="for-another-file")[2].certificate == cert


def test_publish_settings_with_protected_pfx_needs_its_password(cert_and_key, write_file):
    cert, key = cert_and_key
    path = write_file("a.publishsettings", publish_settings_of([(SUB_A, "Protected", pfx_of(cert, key, "pw"), "https://emu/")]))
    assert credentials.load_publish_settings(path, password="pw")[2].certificate == cert
    error = _failure(lambda: credentials.load_publish_settings(path, password="wrong"))
    assert error.option == "management_cert_password"


def test_publish_settings_schema_one(cert_and_key, write_file):
    cert, key = cert_and_key
    path = write_file("old.publishsettings",
                      publish_settings_of([(SUB_A, "Old", pfx_of(cert, key), "https://management.core.windows.net/")], schema="1.0"))
    sub, url, loaded = credentials.load_publish_settings(path)
    assert (sub, url) == (SUB_A, "https://management.core.windows.net")
    assert loaded.certificate == cert


def test_publish_settings_picks_subscription_by_id(cert_and_key, write_file):
    cert, key = cert_and_key
    other_cert, other_key = make_certificate(common_name="other")
    path = write_file("two.publishsettings", publish_settings_of([
        (SUB_A, "First", pfx_of(cert, key), "https://a.example"),
        (SUB_B, "Second", pfx_of(other_cert, other_key), "https://b.example"),
    ]))
    sub, url, loaded = credentials.load_publish_settings(path, subscription_id=SUB_B.upper())
    assert (sub, url) == (SUB_B, "https://b.example")
    assert loaded.certificate == other_cert


def test_publish_settings_several_subscriptions_need_an_id(cert_and_key, write_file):
    cert, key = cert_and_key
    path = write_file("two.publishsettings", publish_settings_of([
        (SUB_A, "First", pfx_of(cert, key), "https://a.example"),
        (SUB_B, "Second", pfx_of(cert, key), "https://b.example"),
    ]))
    error = _failure(lambda: credentials.load_publish_settings(path))
    assert error.option == "subscription_id"
    assert SUB_A in error.message and SUB_B in error.message


def test_publish_settings_unknown_subscription(cert_and_key, write_file):
    cert, key = cert_and_key
    path = write_file("a.publishsettings", publish_settings_of([(SUB_A, "First", pfx_of(cert, key), "https://a.example")]))
    error = _failure(lambda: credentials.load_publish_settings(path, subscription_id=SUB_B))
    assert error.option == "subscription_id"
    assert "not listed" in error.message


def test_publish_settings_not_xml(write_file):
    path = write_file("bad.publishsettings", b"this is not xml")
    error = _failure(lambda: credentials.load_publish_settings(path))
    assert error.option == "publish_settings"


# ---------------------------------------------------------------- resolution

def test_resolve_connection_with_pem(cert_and_key, write_file):
    cert, key = cert_and_key
    settings = credentials.resolve_connection(subscription_id=SUB_A, management_cert_path=write_file("m.pem", pem_of(cert, key)))
    assert settings.subscription_id == SUB_A
    assert settings.management_url == "https://management.core.windows.net"


def test_resolve_connection_url_option_wins_over_publish_settings(cert_and_key, write_file):
    cert, key = cert_and_key
    path = write_file("a.publishsettings", publish_settings_of([(SUB_A, "First", pfx_of(cert, key), "https://a.example")]))
    settings = credentials.resolve_connection(publish_settings=path, management_url="https://override.example/")
    assert settings.management_url == "https://override.example"


def test_resolve_connection_requires_a_certificate():
    error = _failure(lambda: credentials.resolve_connection(subscription_id=SUB_A))
    assert error.option == "management_cert_path"


def test_resolve_connection_requires_a_subscription(cert_and_key, write_file):
    cert, key = cert_and_key
    path = write_file("m.pem", pem_of(cert, key))
    error = _failure(lambda: credentials.resolve_connection(management_cert_path=path))
    assert error.option == "subscription_id"


def test_resolve_connection_cert_and_publish_settings_are_exclusive(cert_and_key, write_file):
    cert, key = cert_and_key
    path = write_file("m.pem", pem_of(cert, key))
    error = _failure(lambda: credentials.resolve_connection(subscription_id=SUB_A, management_cert_path=path, publish_settings=path))
    assert "mutually exclusive" in error.message


# ---------------------------------------------------------------- the private file for the TLS library

class RecordingContext:
    """Stands in for an SSLContext: records what the loaded file looked like while it existed."""

    def __init__(self):
        self.seen = None

    def load_cert_chain(self, path, password=None):
        directory = os.path.dirname(path)
        with open(path, "rb") as handle:
            data = handle.read()
        self.seen = dict(path=path, directory=directory, file_mode=stat.S_IMODE(os.stat(path).st_mode),
                         dir_mode=stat.S_IMODE(os.stat(directory).st_mode), data=data, password=password)


def test_certificate_file_is_private_encrypted_and_removed(cert_and_key, tmp_path):
    cert, key = cert_and_key
    loaded = credentials.ManagementCertificate(cert, key, [], "test")
    context = RecordingContext()
    credentials.load_into_context(context, loaded, tempdir=str(tmp_path))
    seen = context.seen
    assert seen["file_mode"] == 0o600
    assert seen["dir_mode"] == 0o700
    assert b"ENCRYPTED PRIVATE KEY" in seen["data"]
    assert seen["password"]
    assert not os.path.exists(seen["path"])
    assert not os.path.exists(seen["directory"])


def test_certificate_file_is_removed_when_loading_fails(cert_and_key, tmp_path):
    cert, key = cert_and_key
    loaded = credentials.ManagementCertificate(cert, key, [], "test")

    class Refusing:
        path = None

        def load_cert_chain(self, path, password=None):
            Refusing.path = path
            raise ssl.SSLError("refused")

    with pytest.raises(AsmCredentialError):
        credentials.load_into_context(Refusing(), loaded, tempdir=str(tmp_path))
    assert Refusing.path and not os.path.exists(os.path.dirname(Refusing.path))


def test_real_ssl_context_accepts_the_certificate(cert_and_key):
    cert, key = cert_and_key
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    credentials.load_into_context(context, credentials.ManagementCertificate(cert, key, [], "test"))
