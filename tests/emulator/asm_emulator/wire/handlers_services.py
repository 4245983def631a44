"""Hosted services and storage accounts."""
from __future__ import annotations

from asm_emulator.errors import ASMError
from asm_emulator.rules import hosted_services, storage_accounts
from asm_emulator.wire import deployment_views, views, xmlin
from asm_emulator.wire.respond import accepted, mutate, ok, read


def _is_true(value):
    return (value or "").lower() == "true"


# -- hosted services --------------------------------------------------------------------------------
def list_hosted_services(ctx, request):
    """With ``embed-detail=true`` this is List Hosted Services Extended: every service with its deployments, one request."""
    embed = _is_true(request.query.get("embed-detail"))

    def render(tx):
        docs = hosted_services.list_all(tx, ctx)
        items = [deployment_views.embedded_deployments(tx, ctx, doc) for doc in docs] if embed else None
        return views.hosted_services(ctx, docs, items)

    return ok(ctx, read(ctx, render))


def get_hosted_service(ctx, request, service):
    def render(tx):
        doc = hosted_services.get(tx, ctx, service)
        items = deployment_views.embedded_deployments(tx, ctx, doc) if _is_true(request.query.get("embed-detail")) else None
        return views.hosted_service(ctx, doc, items)

    return ok(ctx, read(ctx, render))


def create_hosted_service(ctx, request):
    body = xmlin.parse(request.body, "CreateHostedService")
    doc = mutate(ctx, lambda tx: hosted_services.create(tx, ctx, body))
    location = "%s/subscriptions/%s/compute/%s" % (ctx.management_url, ctx.subscription_id, doc["name"])
    return accepted(ctx, 201, [("Location", location)])


def update_hosted_service(ctx, request, service):
    body = xmlin.parse(request.body, "UpdateHostedService")
    mutate(ctx, lambda tx: hosted_services.update(tx, ctx, service, body))
    return accepted(ctx, 200)


def delete_hosted_service(ctx, request, service):
    delete_media = request.query.get("comp", "").lower() == "media"
    mutate(ctx, lambda tx: hosted_services.delete(tx, ctx, service, delete_media))
    return accepted(ctx, 202 if delete_media else 200)


def hosted_service_name_available(ctx, _request, name):
    available, reason = read(ctx, lambda tx: hosted_services.availability(tx, name))
    return ok(ctx, views.availability(available, reason))


# -- storage accounts -------------------------------------------------------------------------------
def list_storage_accounts(ctx, _request):
    return ok(ctx, read(ctx, lambda tx: views.storage_accounts_list(ctx, storage_accounts.list_all(tx, ctx), ctx.now)))


def get_storage_account(ctx, _request, name):
    return ok(ctx, read(ctx, lambda tx: views.storage_account(ctx, storage_accounts.get(tx, ctx, name), ctx.now)))


def create_storage_account(ctx, request):
    body = xmlin.parse(request.body, "CreateStorageServiceInput")
    doc = mutate(ctx, lambda tx: storage_accounts.create(tx, ctx, body))
    location = "%s/subscriptions/%s/storage/%s" % (ctx.management_url, ctx.subscription_id, doc["name"])
    return accepted(ctx, 202, [("Location", location)])


def update_storage_account(ctx, request, name):
    body = xmlin.parse(request.body, "UpdateStorageServiceInput")
    mutate(ctx, lambda tx: storage_accounts.update(tx, ctx, name, body))
    return accepted(ctx, 200)


def delete_storage_account(ctx, _request, name):
    mutate(ctx, lambda tx: storage_accounts.delete(tx, ctx, name))
    return accepted(ctx, 200)


def get_storage_keys(ctx, _request, name):
    return ok(ctx, read(ctx, lambda tx: views.storage_keys(ctx, storage_accounts.get(tx, ctx, name))))


def regenerate_storage_keys(ctx, request, name):
    if request.query.get("action", "").lower() != "regenerate":
        raise ASMError(400, "MissingOrInvalidRequiredQueryParameter",
                       "A required query parameter was not specified for this request or was specified incorrectly.")
    body = xmlin.parse(request.body, "RegenerateKeys")
    doc = mutate(ctx, lambda tx: storage_accounts.regenerate_key(tx, ctx, name, body))
    return accepted(ctx, 200, document=views.storage_keys(ctx, doc))


def storage_name_available(ctx, _request, name):
    available, reason = read(ctx, lambda tx: storage_accounts.availability(tx, ctx, name))
    return ok(ctx, views.availability(available, reason))
