"""Certificates and the TLS context.

The emulator's own CA signs its server certificate (SAN ``IP:127.0.0.1``, ``DNS:localhost``).
Management certificates are self-signed, as real ones are (``makecert -r`` / ``openssl req -x509``),
so the set of *registered* management certificates is the server's trust store for client
certificates: a certificate registered for no subscription fails the TLS handshake; one registered
for another subscription, or no certificate at all, gets through TLS and is refused with HTTP 403
by the wire (README, "TLS behaviour").
"""
from __future__ import annotations

import base64
import datetime
import hashlib
import ipaddress
import os
import secrets
import ssl
import tempfile
from xml.sax.saxutils import quoteattr

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_CERT = "ca.pem"
CA_KEY = "ca.key"
SERVER_CERT = "server.pem"
SERVER_KEY = "server.key"
_VALIDITY = datetime.timedelta(days=3650)


def write_file(path, data, private=False):
    """Write atomically (temp file + rename); ``private`` files are created mode 0600."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
    try:
        os.fchmod(fd, 0o600 if private else 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data if isinstance(data, bytes) else data.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _key_pem(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption())


def _cert_pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM)


def _builder(subject, issuer, public_key):
    now = datetime.datetime.now(datetime.timezone.utc)
    return (x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + _VALIDITY))


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def thumbprint(cert):
    """ASM's certificate thumbprint: SHA-1 of the DER encoding, upper-case hex."""
    return cert.fingerprint(hashes.SHA1()).hex().upper()  # nosec - SHA-1 is what ASM thumbprints are


def thumbprint_of_der(der):
    return hashlib.sha1(der).hexdigest().upper()  # nosec - SHA-1 is what ASM thumbprints are


def ensure_server_certificates(state_dir):
    """Create the CA and the server certificate on first start; later starts reuse them."""
    ca_cert_path = os.path.join(state_dir, CA_CERT)
    ca_key_path = os.path.join(state_dir, CA_KEY)
    server_cert_path = os.path.join(state_dir, SERVER_CERT)
    server_key_path = os.path.join(state_dir, SERVER_KEY)
    if not (os.path.exists(ca_cert_path) and os.path.exists(ca_key_path)):
        key = _new_key()
        name = _name("ASM Emulator CA")
        cert = (_builder(name, name, key.public_key())
                .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
                                             key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False),
                               critical=True)
                .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
                .sign(key, hashes.SHA256()))
        write_file(ca_key_path, _key_pem(key), private=True)
        write_file(ca_cert_path, _cert_pem(cert))
        for stale in (server_cert_path, server_key_path):
            if os.path.exists(stale):
                os.unlink(stale)
    if not (os.path.exists(server_cert_path) and os.path.exists(server_key_path)):
        with open(ca_key_path, "rb") as handle:
            ca_key = serialization.load_pem_private_key(handle.read(), password=None)
        with open(ca_cert_path, "rb") as handle:
            ca_cert = x509.load_pem_x509_certificate(handle.read())
        key = _new_key()
        cert = (_builder(_name("localhost"), ca_cert.subject, key.public_key())
                .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                               critical=False)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
                .sign(ca_key, hashes.SHA256()))
        write_file(server_key_path, _key_pem(key), private=True)
        write_file(server_cert_path, _cert_pem(cert))
    return {"ca": ca_cert_path, "server_cert": server_cert_path, "server_key": server_key_path}


def management_paths(state_dir, subscription_id):
    stem = os.path.join(state_dir, "management-%s" % subscription_id)
    return {"pem": stem + ".pem", "pfx": stem + ".pfx", "cer": stem + ".cer", "publish_settings": stem + ".publishsettings"}


def create_management_certificate(state_dir, subscription_id):
    """A self-signed management certificate for ``subscription_id``, written as PEM (certificate +
    unencrypted key, 0600), password-protected PFX (0600) and DER ``.cer``. Returns its thumbprint,
    certificate PEM, PFX password and paths."""
    key = _new_key()
    name = _name("ASM Emulator %s" % subscription_id)
    cert = (_builder(name, name, key.public_key())
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=True, data_encipherment=True,
                                         key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .sign(key, hashes.SHA256()))
    password = secrets.token_urlsafe(18)
    paths = management_paths(state_dir, subscription_id)
    write_file(paths["pem"], _cert_pem(cert) + _key_pem(key), private=True)
    write_file(paths["pfx"], pkcs12.serialize_key_and_certificates(
        b"asm-emulator", key, cert, None, serialization.BestAvailableEncryption(password.encode("utf-8"))), private=True)
    write_file(paths["cer"], cert.public_bytes(serialization.Encoding.DER))
    return {"thumbprint": thumbprint(cert), "certificate_pem": _cert_pem(cert).decode("ascii"), "password": password, "paths": paths}


def write_publish_settings(state_dir, subscription_id, subscription_name, management_url, pfx_password):
    """A schema 2.0 ``.publishsettings`` whose ``ManagementCertificate`` is the subscription's PFX,
    re-exported without a password as the portal's downloads were."""
    paths = management_paths(state_dir, subscription_id)
    with open(paths["pfx"], "rb") as handle:
        key, cert, _extra = pkcs12.load_key_and_certificates(handle.read(), pfx_password.encode("utf-8"))
    bare_pfx = pkcs12.serialize_key_and_certificates(b"asm-emulator", key, cert, None, serialization.NoEncryption())
    document = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        "<PublishData>\n"
        '  <PublishProfile SchemaVersion="2.0" PublishMethod="AzureServiceManagementAPI">\n'
        "    <Subscription ServiceManagementUrl=%s Id=%s Name=%s ManagementCertificate=%s />\n"
        "  </PublishProfile>\n"
        "</PublishData>\n"
    ) % (quoteattr(management_url), quoteattr(subscription_id), quoteattr(subscription_name), quoteattr(base64.b64encode(bare_pfx).decode("ascii")))
    write_file(paths["publish_settings"], document, private=True)
    return paths["publish_settings"]


def load_certificate_file(path):
    """A ``.cer`` (DER) or PEM certificate file -> (certificate PEM text, thumbprint)."""
    with open(path, "rb") as handle:
        data = handle.read()
    if b"-----BEGIN CERTIFICATE-----" in data:
        cert = x509.load_pem_x509_certificate(data[data.index(b"-----BEGIN CERTIFICATE-----"):])
    else:
        try:
            cert = x509.load_der_x509_certificate(data)
        except ValueError:
            cert = x509.load_der_x509_certificate(base64.b64decode(data))
    return _cert_pem(cert).decode("ascii"), thumbprint(cert)


def certificate_from_der(der):
    cert = x509.load_der_x509_certificate(der)
    return _cert_pem(cert).decode("ascii"), thumbprint(cert)


def server_context(paths, trusted_certificate_pems):
    """Server-side TLS: our certificate, and the registered management certificates as the only
    accepted client certificates. A client certificate is optional at this layer (see module doc)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(paths["server_cert"], paths["server_key"])
    context.verify_mode = ssl.CERT_OPTIONAL
    if trusted_certificate_pems:
        context.load_verify_locations(cadata="".join(trusted_certificate_pems))
    return context


def peer_thumbprint(ssl_socket):
    der = ssl_socket.getpeercert(binary_form=True)
    return thumbprint_of_der(der) if der else None
