"""Cloud (hosted) services: create, update, delete (with ``comp=media``), name availability."""
from __future__ import annotations

import re

from asm_emulator import operations
from asm_emulator.errors import bad_request, conflict
from asm_emulator.rules import common, deployments
from asm_emulator.rules.common import DEPLOYMENT, HOSTED_SERVICE, SERVICE_CERTIFICATE

_NAME = re.compile(r"^[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
# Salt pattern-matches this text (peers.md 5), so it is the real one.
INVALID_NAME = "The hosted service name is invalid."
NOT_FOUND = "The hosted service does not exist."
INVALID_LABEL = "The label is not a valid hosted service label: it must be base64-encoded text of 1 to 100 characters."


def get(tx, ctx, name):
    return common.hosted_service(tx, ctx, name)


def list_all(tx, ctx):
    return tx.list(HOSTED_SERVICE, subscription_id=ctx.subscription_id)


def name_problem(name):
    if not name or not _NAME.match(name):
        return INVALID_NAME
    return None


def create(tx, ctx, body):
    name = body.value("ServiceName")
    if name_problem(name):
        raise bad_request(INVALID_NAME)
    label_b64 = body.value("Label")
    common.check_label(common.decode_base64_label(label_b64, INVALID_LABEL), INVALID_LABEL)
    description = body.value("Description")
    common.check_description(description)
    location = common.check_location(body.value("Location"), body.value("AffinityGroup"))
    extended = common.parse_extended_properties(body.child("ExtendedProperties")) or []
    key = common.global_key(name)
    lock = operations.hosted_service_lock(name)
    if tx.exists(HOSTED_SERVICE, key):
        raise conflict("The specified DNS name is already taken.")
    operations.ensure_unlocked(tx, ctx, lock)  # a deletion of this name may still be running
    doc = {
        "name": name, "subscription_id": ctx.subscription_id, "label": label_b64, "description": description,
        "location": location, "status": "Created", "created": ctx.now, "modified": ctx.now, "extended_properties": extended,
    }
    tx.put(HOSTED_SERVICE, key, ctx.subscription_id, doc)
    operations.begin(tx, ctx, "hosted_service_create", lock)
    return doc


def update(tx, ctx, name, body):
    doc = get(tx, ctx, name)
    operations.ensure_unlocked(tx, ctx, operations.hosted_service_lock(name))
    if body.has("Label"):
        label_b64 = body.value("Label")
        common.check_label(common.decode_base64_label(label_b64, INVALID_LABEL), INVALID_LABEL)
        doc["label"] = label_b64
    if body.has("Description"):
        common.check_description(body.value("Description"))
        doc["description"] = body.value("Description")
    updates = common.parse_extended_properties(body.child("ExtendedProperties"))
    doc["extended_properties"] = common.merge_extended_properties(doc["extended_properties"], updates)
    doc["modified"] = ctx.now
    tx.put(HOSTED_SERVICE, common.global_key(doc["name"]), ctx.subscription_id, doc)
    operations.begin(tx, ctx, "hosted_service_update", operations.hosted_service_lock(name))
    return doc


def delete(tx, ctx, name, delete_media):
    """Without ``comp=media`` a service that still has a deployment is refused (409); with it the
    deployments, their disks and the disks' blobs go too, asynchronously (202)."""
    doc = get(tx, ctx, name)
    lock = operations.hosted_service_lock(name)
    operations.ensure_unlocked(tx, ctx, lock)
    children = tx.list(DEPLOYMENT, parent=common.global_key(doc["name"]))
    if children and not delete_media:
        raise conflict("The hosted service %s has deployments; delete them first, or delete the hosted service with comp=media." % doc["name"])
    for deployment in children:
        deployments.remove(tx, ctx, doc, deployment, delete_media=True)
    for certificate in tx.list(SERVICE_CERTIFICATE, parent=common.global_key(doc["name"])):
        tx.delete(SERVICE_CERTIFICATE, certificate["key"])
    tx.delete(HOSTED_SERVICE, common.global_key(doc["name"]))
    operations.begin(tx, ctx, "hosted_service_delete_media" if delete_media else "hosted_service_delete", lock)
    return doc


def availability(tx, name):
    """(available, reason) for ``GET .../operations/isavailable/<name>``."""
    problem = name_problem(name)
    if problem:
        return False, problem
    if tx.exists(HOSTED_SERVICE, common.global_key(name)):
        return False, "A hosted service with the specified name already exists."
    return True, None
