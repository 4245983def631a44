"""Disks: registered by VM deployments (OS and data disks), listed, read and deleted."""
from __future__ import annotations

from asm_emulator import operations
from asm_emulator.errors import conflict, not_found
from asm_emulator.rules import common
from asm_emulator.rules.common import DISK

NOT_FOUND = "The disk with the specified name does not exist."


def register(tx, ctx, name, os_type, label, media_link, size_gb, location, source_image, attached_to):
    doc = {
        "name": name, "subscription_id": ctx.subscription_id, "os": os_type, "label": label, "media_link": media_link,
        "size_gb": size_gb, "location": location, "source_image_name": source_image, "attached_to": attached_to, "created": ctx.now,
    }
    tx.put(DISK, common.subscription_key(ctx.subscription_id, name), ctx.subscription_id, doc)
    return doc


def find(tx, ctx, name):
    return tx.get(DISK, common.subscription_key(ctx.subscription_id, name or ""))


def get(tx, ctx, name):
    doc = find(tx, ctx, name)
    if doc is None:
        raise not_found(NOT_FOUND)
    return doc


def list_all(tx, ctx):
    return tx.list(DISK, subscription_id=ctx.subscription_id)


def detach(tx, ctx, name, delete):
    """Release a disk from its VM; with ``delete`` (``comp=media``) the disk and its blob go too."""
    doc = find(tx, ctx, name)
    if doc is None:
        return
    if delete:
        tx.delete(DISK, common.subscription_key(ctx.subscription_id, name))
    else:
        doc["attached_to"] = None
        tx.put(DISK, common.subscription_key(ctx.subscription_id, name), ctx.subscription_id, doc)


def delete(tx, ctx, name, delete_media):
    doc = get(tx, ctx, name)
    attached = doc.get("attached_to")
    if attached:
        raise conflict("A disk with name %s is currently in use by virtual machine %s running within hosted service %s, deployment %s." % (
            doc["name"], attached["role"], attached["service"], attached["deployment"]))
    tx.delete(DISK, common.subscription_key(ctx.subscription_id, doc["name"]))
    operations.begin(tx, ctx, "disk_delete")
    doc["blob_deleted"] = bool(delete_media)
    return doc
