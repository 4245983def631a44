"""Subscription-level calls: catalogue lists, operation status, subscription, management certificates."""
from __future__ import annotations

import base64

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from asm_emulator import catalogue, tls
from asm_emulator.clock import iso8601
from asm_emulator.errors import ASMError, bad_request, conflict, not_found
from asm_emulator.wire import views, xmlin
from asm_emulator.wire.respond import accepted, mutate, ok, read
from asm_emulator.wire.xmlout import document, element, text


def list_locations(ctx, _request):
    return ok(ctx, catalogue.locations_body())


def list_role_sizes(ctx, _request):
    return ok(ctx, catalogue.role_sizes_body())


def list_operating_systems(ctx, _request):
    return ok(ctx, catalogue.operating_systems_body())


def list_operating_system_families(ctx, _request):
    return ok(ctx, catalogue.operating_system_families_body())


def get_operation_status(ctx, _request, request_id):
    """``GET /operations/<id>`` accepts the 32-hex request id (or the 8-4-4-4-12 form)."""
    wanted = request_id.replace("-", "").lower()
    row = read(ctx, lambda tx: tx.operation(ctx.subscription_id, wanted))
    if row is None:
        raise not_found("The operation request ID %s was not found." % request_id)
    return ok(ctx, views.operation(row, ctx.clock.now()))


def get_subscription(ctx, _request):
    def counts(tx):
        services = tx.list("hosted_service", subscription_id=ctx.subscription_id)
        accounts = tx.list("storage_account", subscription_id=ctx.subscription_id)
        cores = 0
        for deployment in tx.list("deployment", subscription_id=ctx.subscription_id):
            cores += sum(_cores(role["size"]) for role in deployment["roles"])
        return tx.subscription(ctx.subscription_id), len(services), len(accounts), cores

    subscription, services, accounts, cores = read(ctx, counts)
    return ok(ctx, document("Subscription", [
        text("SubscriptionID", subscription["id"]), text("SubscriptionName", subscription["name"]), text("SubscriptionStatus", "Active"),
        text("AccountAdminLiveEmailId", "admin@asm-emulator.invalid"), text("ServiceAdminLiveEmailId", "admin@asm-emulator.invalid"),
        text("MaxCoreCount", 20), text("MaxStorageAccounts", 100), text("MaxHostedServices", 20), text("CurrentCoreCount", cores),
        text("CurrentHostedServices", services), text("CurrentStorageAccounts", accounts), text("MaxVirtualNetworkSites", 10),
        text("CurrentVirtualNetworkSites", 0), text("MaxLocalNetworkSites", 10), text("MaxDnsServers", 9),
        text("CurrentLocalNetworkSites", 0), text("CurrentDnsServers", 0), text("CreatedTime", iso8601(subscription["created"])),
    ]))


def _cores(size):
    return {"ExtraSmall": 1, "Small": 1, "Medium": 2, "Large": 4, "ExtraLarge": 8}.get(size, 1)


# -- management certificates -----------------------------------------------------------------------
def _subscription_certificate(row):
    cert = x509.load_pem_x509_certificate(row["pem"].encode("ascii"))
    public_key = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    return [
        text("SubscriptionCertificatePublicKey", base64.b64encode(public_key).decode("ascii")),
        text("SubscriptionCertificateThumbprint", row["thumbprint"]),
        text("SubscriptionCertificateData", base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode("ascii")),
        text("Created", iso8601(row["created"])),
    ]


def list_management_certificates(ctx, _request):
    rows = read(ctx, lambda tx: tx.certificates(ctx.subscription_id))
    return ok(ctx, document("SubscriptionCertificates", [element("SubscriptionCertificate", _subscription_certificate(row)) for row in rows]))


def get_management_certificate(ctx, _request, thumbprint):
    rows = read(ctx, lambda tx: tx.certificates(ctx.subscription_id))
    for row in rows:
        if row["thumbprint"] == thumbprint.upper():
            return ok(ctx, document("SubscriptionCertificate", _subscription_certificate(row)))
    raise not_found("The certificate with thumbprint %s was not found." % thumbprint)


def add_management_certificate(ctx, request):
    """Registering a management certificate also makes the TLS layer accept it (tls.py)."""
    body = xmlin.parse(request.body, "SubscriptionCertificate")
    try:
        pem, thumbprint = tls.certificate_from_der(base64.b64decode(body.value("SubscriptionCertificateData") or ""))
    except ValueError:
        raise bad_request("The certificate data is not a valid X.509 certificate.") from None

    def change(tx):
        if tx.certificate_registered(ctx.subscription_id, thumbprint):
            raise conflict("A certificate with thumbprint %s already exists in the subscription." % thumbprint)
        tx.add_certificate(ctx.subscription_id, thumbprint, pem, ctx.now)

    mutate(ctx, change)
    return accepted(ctx, 201)


def delete_management_certificate(ctx, _request, thumbprint):
    def change(tx):
        if not tx.delete_certificate(ctx.subscription_id, thumbprint):
            raise not_found("The certificate with thumbprint %s was not found." % thumbprint)
        if not tx.certificates(ctx.subscription_id):
            raise ASMError(400, "BadRequest", "The last management certificate of a subscription cannot be deleted.")

    mutate(ctx, change)
    return accepted(ctx, 200)
