# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Subscription and management certificate: from a PEM file, a PKCS#12 file or a .publishsettings file.

Everything is loaded in memory with ``cryptography``. The TLS library wants a file for the client
certificate, so ``ssl_context_with_certificate`` writes one (key encrypted with a one-time password)
into a fresh private directory, loads it and removes it at once.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import os
import re
import secrets
import shutil
import ssl
import tempfile
from collections import namedtuple

try:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    HAS_CRYPTOGRAPHY = True
    CRYPTOGRAPHY_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised by the import sanity test
    HAS_CRYPTOGRAPHY = False
    CRYPTOGRAPHY_IMPORT_ERROR = exc

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import parse
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmCredentialError
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError

DEFAULT_MANAGEMENT_URL = "https://management.core.windows.net"

_PEM_BLOCK = re.compile(br"-----BEGIN ([A-Z0-9 ]+)-----\r?\n.*?-----END \1-----", re.DOTALL)

ManagementCertificate = namedtuple("ManagementCertificate", ["certificate", "private_key", "chain", "source"])
ConnectionSettings = namedtuple("ConnectionSettings", ["subscription_id", "management_url", "certificate"])


# ---------------------------------------------------------------- certificate files

def _read(path, option):
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise AsmCredentialError("%s: the file %s does not exist." % (option, path), option=option)
    except IsADirectoryError:
        raise AsmCredentialError("%s: %s is a directory, not a certificate file." % (option, path), option=option)
    except OSError as exc:
        raise AsmCredentialError("%s: cannot read %s: %s." % (option, path, exc.strerror), option=option)


def _password_bytes(password):
    if password is None or password == "":
        return None
    return password.encode("utf-8")


def _pem_blocks(data):
    return [(match.group(1).decode("ascii"), match.group(0)) for match in _PEM_BLOCK.finditer(data)]


def _load_pem(data, password, path, option):
    blocks = _pem_blocks(data)
    certificates = [x509.load_pem_x509_certificate(block) for kind, block in blocks if kind in ("CERTIFICATE", "X509 CERTIFICATE")]
    keys = [block for kind, block in blocks if kind.endswith("PRIVATE KEY")]
    if not certificates:
        raise AsmCredentialError("%s: %s holds no certificate." % (option, path), option=option)
    if not keys:
        raise AsmCredentialError(
            "%s: %s holds a certificate but no private key. A management certificate needs both: use the PEM file with "
            "the certificate and its key, or the .pfx file, not the .cer uploaded to Azure." % (option, path), option=option)
    try:
        key = serialization.load_pem_private_key(keys[0], password=_password_bytes(password))
    except TypeError:
        if password:
            raise AsmCredentialError(
                "management_cert_password: the private key in %s is not encrypted; remove the password." % path,
                option="management_cert_password")
        raise AsmCredentialError(
            "management_cert_password: the private key in %s is encrypted; give its password." % path,
            option="management_cert_password")
    except ValueError:
        if password:
            raise AsmCredentialError(
                "management_cert_password: wrong password for the private key in %s." % path, option="management_cert_password")
        raise AsmCredentialError("%s: the private key in %s cannot be read." % (option, path), option=option)
    return certificates[0], key, certificates[1:]


def _load_pkcs12(data, password, path, option):
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, _password_bytes(password))
    except ValueError:
        if password:
            raise AsmCredentialError(
                "management_cert_password: wrong password for the PKCS#12 file %s (or the file is damaged)." % path,
                option="management_cert_password")
        raise AsmCredentialError(
            "management_cert_password: the PKCS#12 file %s is password-protected (or damaged); give its password." % path,
            option="management_cert_password")
    if certificate is None:
        raise AsmCredentialError("%s: the PKCS#12 file %s holds no certificate." % (option, path), option=option)
    if key is None:
        raise AsmCredentialError("%s: the PKCS#12 file %s holds no private key." % (option, path), option=option)
    return certificate, key, list(chain or [])


def _is_der_certificate(data):
    try:
        x509.load_der_x509_certificate(data)
    except ValueError:
        return False
    return True


def _not_valid_after(certificate):
    value = getattr(certificate, "not_valid_after_utc", None)
    if value is None:
        value = certificate.not_valid_after.replace(tzinfo=datetime.timezone.utc)
    return value


def _not_valid_before(certificate):
    value = getattr(certificate, "not_valid_before_utc", None)
    if value is None:
        value = certificate.not_valid_before.replace(tzinfo=datetime.timezone.utc)
    return value


def _check_usable(certificate, key, path, option, now=None):
    now = now or datetime.datetime.now(datetime.timezone.utc)
    expires = _not_valid_after(certificate)
    if expires < now:
        raise AsmCredentialError(
            "%s: the management certificate in %s expired on %s; create and upload a new one."
            % (option, path, expires.strftime("%Y-%m-%d %H:%M:%S UTC")), option=option)
    starts = _not_valid_before(certificate)
    if starts > now:
        raise AsmCredentialError(
            "%s: the management certificate in %s is not valid before %s."
            % (option, path, starts.strftime("%Y-%m-%d %H:%M:%S UTC")), option=option)
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    encoding = serialization.Encoding.DER
    if key.public_key().public_bytes(encoding, public) != certificate.public_key().public_bytes(encoding, public):
        raise AsmCredentialError(
            "%s: the private key in %s does not belong to its certificate." % (option, path), option=option)


def load_certificate_data(data, password=None, path="<data>", option="management_cert_path", now=None):
    """Load a management certificate from bytes: PEM (cert + key) or PKCS#12."""
    _require_cryptography()
    if b"-----BEGIN" in data:
        certificate, key, chain = _load_pem(data, password, path, option)
    elif _is_der_certificate(data):
        raise AsmCredentialError(
            "%s: %s is a DER certificate (.cer) without a private key. A management certificate needs both: use the "
            "PEM file with the certificate and its key, or the .pfx file." % (option, path), option=option)
    else:
        certificate, key, chain = _load_pkcs12(data, password, path, option)
    _check_usable(certificate, key, path, option, now=now)
    return ManagementCertificate(certificate, key, chain, path)


def load_management_certificate(path, password=None, now=None):
    """Load the management certificate named by ``management_cert_path``."""
    return load_certificate_data(_read(path, "management_cert_path"), password, path, "management_cert_path", now=now)


# ---------------------------------------------------------------- .publishsettings

def _attr(elem, name):
    return elem.get(name) or None


def _publish_profiles(path):
    try:
        root = parse(_read(path, "publish_settings"))
    except AsmCredentialError:
        raise
    except AsmError as exc:
        raise AsmCredentialError("publish_settings: %s is not a publish settings file: %s" % (path, exc.message),
                                 option="publish_settings")
    entries = []
    for profile in root.iter():
        if not profile.tag.endswith("PublishProfile"):
            continue
        for subscription in profile:
            if not subscription.tag.endswith("Subscription"):
                continue
            entries.append(dict(
                id=_attr(subscription, "Id"),
                name=_attr(subscription, "Name"),
                url=_attr(subscription, "ServiceManagementUrl") or _attr(profile, "Url"),
                certificate=_attr(subscription, "ManagementCertificate") or _attr(profile, "ManagementCertificate"),
            ))
    return entries


def _choose_subscription(entries, subscription_id, path):
    if not entries:
        raise AsmCredentialError("publish_settings: %s lists no subscription." % path, option="publish_settings")
    if subscription_id:
        for entry in entries:
            if (entry["id"] or "").lower() == subscription_id.lower():
                return entry
        raise AsmCredentialError(
            "subscription_id: %s is not listed in %s, which lists %s."
            % (subscription_id, path, ", ".join("%s (%s)" % (e["id"], e["name"]) for e in entries)),
            option="subscription_id")
    if len(entries) > 1:
        raise AsmCredentialError(
            "subscription_id: %s lists %d subscriptions (%s); set subscription_id to pick one."
            % (path, len(entries), ", ".join("%s (%s)" % (e["id"], e["name"]) for e in entries)),
            option="subscription_id")
    return entries[0]


def load_publish_settings(path, subscription_id=None, password=None, now=None):
    """Return ``(subscription_id, management_url, ManagementCertificate)`` from a .publishsettings file."""
    _require_cryptography()
    entry = _choose_subscription(_publish_profiles(path), subscription_id, path)
    if not entry["certificate"]:
        raise AsmCredentialError("publish_settings: %s has no ManagementCertificate for subscription %s."
                                 % (path, entry["id"]), option="publish_settings")
    try:
        data = base64.b64decode(entry["certificate"], validate=False)
    except (binascii.Error, ValueError):
        raise AsmCredentialError("publish_settings: the ManagementCertificate in %s is not base64." % path,
                                 option="publish_settings")
    try:
        certificate = load_certificate_data(data, password, path, "publish_settings", now=now)
    except AsmCredentialError as exc:
        # The portal's files embed a PKCS#12 without password; a password meant for another
        # certificate (say, from AZURE_CERT_PASSWORD) must not make them unusable.
        if not password or exc.option != "management_cert_password":
            raise
        certificate = load_certificate_data(data, None, path, "publish_settings", now=now)
    url = (entry["url"] or DEFAULT_MANAGEMENT_URL).rstrip("/")
    return entry["id"], url, certificate


# ---------------------------------------------------------------- resolution

def resolve_connection(subscription_id=None, management_cert_path=None, management_cert_password=None,
                       publish_settings=None, management_url=None, now=None):
    """Combine the connection options into ``ConnectionSettings``; each failure names its option."""
    if management_cert_path and publish_settings:
        raise AsmCredentialError(
            "management_cert_path and publish_settings are mutually exclusive (check the AZURE_CERT_PATH and "
            "AZURE_PUBLISH_SETTINGS environment variables too).", option="management_cert_path")
    if publish_settings:
        found_id, found_url, certificate = load_publish_settings(
            publish_settings, subscription_id, management_cert_password, now=now)
        return ConnectionSettings(found_id, (management_url or found_url).rstrip("/"), certificate)
    if not management_cert_path:
        raise AsmCredentialError(
            "management_cert_path: no management certificate given. Set management_cert_path (or AZURE_CERT_PATH) to a "
            "PEM or PKCS#12 file, or publish_settings (or AZURE_PUBLISH_SETTINGS) to a .publishsettings file.",
            option="management_cert_path")
    if not subscription_id:
        raise AsmCredentialError(
            "subscription_id: no subscription given. Set subscription_id (or AZURE_SUBSCRIPTION_ID), or use "
            "publish_settings.", option="subscription_id")
    certificate = load_management_certificate(management_cert_path, management_cert_password, now=now)
    return ConnectionSettings(subscription_id, (management_url or DEFAULT_MANAGEMENT_URL).rstrip("/"), certificate)


# ---------------------------------------------------------------- TLS

def _private_file(directory, name, data):
    path = os.path.join(directory, name)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return path


def certificate_pem(certificate):
    """Certificate, chain and private key as PEM; the key encrypted with a fresh one-time password."""
    one_time = secrets.token_urlsafe(32).encode("ascii")
    parts = [certificate.certificate.public_bytes(serialization.Encoding.PEM)]
    parts.extend(extra.public_bytes(serialization.Encoding.PEM) for extra in certificate.chain)
    parts.append(certificate.private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(one_time)))
    return b"".join(parts), one_time


def load_into_context(context, certificate, tempdir=None):
    """Load the client certificate into ``context`` through a private file that is removed at once."""
    pem, one_time = certificate_pem(certificate)
    directory = tempfile.mkdtemp(prefix="asm-cert-", dir=tempdir)
    try:
        os.chmod(directory, 0o700)
        path = _private_file(directory, "client.pem", pem)
        context.load_cert_chain(path, password=one_time)
    except ssl.SSLError as exc:
        raise AsmCredentialError("management_cert_path: the TLS library refused the management certificate: %s" % exc,
                                 option="management_cert_path")
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return context


def thumbprint(certificate):
    """SHA-1 thumbprint in upper-case hex, as the portal shows it."""
    from cryptography.hazmat.primitives import hashes
    return certificate.certificate.fingerprint(hashes.SHA1()).hex().upper()


def _require_cryptography():
    if not HAS_CRYPTOGRAPHY:
        raise AsmCredentialError("The Python library cryptography is required to load the management certificate: %s"
                                 % CRYPTOGRAPHY_IMPORT_ERROR)
