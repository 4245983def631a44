"""Service certificates of a hosted service (the SSH keys of Linux VMs reference them)."""
from __future__ import annotations

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from asm_emulator import operations, tls
from asm_emulator.errors import bad_request, not_found
from asm_emulator.rules import common
from asm_emulator.rules.common import SERVICE_CERTIFICATE


def _key(service, thumbprint):
    return "%s/%s" % (service.lower(), thumbprint.upper())


def add(tx, ctx, service, body):
    service_doc = common.hosted_service(tx, ctx, service)
    operations.ensure_unlocked(tx, ctx, operations.hosted_service_lock(service))
    try:
        data = base64.b64decode(body.value("Data") or "", validate=True)
        certificate_format = (body.value("CertificateFormat") or "pfx").lower()
        if certificate_format == "pfx":
            password = body.value("Password") or ""
            _key_obj, cert, _extra = pkcs12.load_key_and_certificates(data, password.encode("utf-8") if password else None)
            der = cert.public_bytes(serialization.Encoding.DER)
        elif certificate_format == "cer":
            der = data
            tls.certificate_from_der(der)
        else:
            raise bad_request("The certificate format %s is not valid. Allowed values are pfx and cer." % certificate_format)
    except (ValueError, TypeError):
        raise bad_request("The certificate data is invalid, or the password is wrong.") from None
    thumbprint = tls.thumbprint_of_der(der)
    doc = {"key": _key(service_doc["name"], thumbprint), "service": service_doc["name"], "thumbprint": thumbprint,
           "data": base64.b64encode(der).decode("ascii")}
    tx.put(SERVICE_CERTIFICATE, doc["key"], ctx.subscription_id, doc, parent=common.global_key(service_doc["name"]))
    operations.begin(tx, ctx, "service_certificate_add", operations.hosted_service_lock(service))
    return doc


def list_for(tx, ctx, service):
    service_doc = common.hosted_service(tx, ctx, service)
    return tx.list(SERVICE_CERTIFICATE, parent=common.global_key(service_doc["name"]))


def get(tx, ctx, service, algorithm_thumbprint):
    common.hosted_service(tx, ctx, service)
    _algorithm, _sep, thumbprint = algorithm_thumbprint.partition("-")
    doc = tx.get(SERVICE_CERTIFICATE, _key(service, thumbprint or algorithm_thumbprint))
    if doc is None:
        raise not_found("The certificate with thumbprint %s was not found." % (thumbprint or algorithm_thumbprint))
    return doc


def delete(tx, ctx, service, algorithm_thumbprint):
    doc = get(tx, ctx, service, algorithm_thumbprint)
    operations.ensure_unlocked(tx, ctx, operations.hosted_service_lock(service))
    tx.delete(SERVICE_CERTIFICATE, doc["key"])
    operations.begin(tx, ctx, "service_certificate_delete", operations.hosted_service_lock(service))
    return doc


def has(tx, service, thumbprint):
    return tx.exists(SERVICE_CERTIFICATE, _key(service, thumbprint))
