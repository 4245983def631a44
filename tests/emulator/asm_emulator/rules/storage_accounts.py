"""Storage accounts: create (asynchronous, about 20 s), update, delete, keys, name availability."""
from __future__ import annotations

import base64
import os
import re

from asm_emulator import operations
from asm_emulator.errors import ASMError, bad_request, conflict, not_found
from asm_emulator.rules import common
from asm_emulator.rules.common import DISK, OS_IMAGE, STORAGE_ACCOUNT, VM_IMAGE

_NAME = re.compile(r"^[a-z0-9]{3,24}$")
# Real messages (azure-sdk-for-ruby fixtures create_storage_name_error / _label_error / _full_error).
INVALID_NAME = ("The name is not a valid storage account name. Storage account names must be between 3 and 24 characters in length "
                "and use numbers and lower-case letters only.")
INVALID_LABEL = "The label is not a valid storage account label."
ACCOUNT_TYPES = ("Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_RAGRS", "Premium_LRS")
MAX_PER_SUBSCRIPTION = 100
# Geo-replication pairs of the 2015 regions (secondary of GRS / RA-GRS accounts).
PAIRED_REGION = {
    "East US": "West US", "West US": "East US", "East US 2": "Central US", "Central US": "East US 2",
    "North Central US": "South Central US", "South Central US": "North Central US", "North Europe": "West Europe",
    "West Europe": "North Europe", "Southeast Asia": "East Asia", "East Asia": "Southeast Asia", "Japan East": "Japan West",
    "Japan West": "Japan East", "Brazil South": "South Central US", "Australia East": "Australia Southeast",
    "Australia Southeast": "Australia East", "Central India": "South India", "South India": "Central India", "West India": "South India",
}


def not_found_message(name):
    return "The storage account '%s' was not found." % name  # recorded (delete_storage_account)


def storage_lock(name):
    return "storage:" + name.lower()


def get(tx, ctx, name):
    doc = tx.get(STORAGE_ACCOUNT, common.global_key(name or ""))
    if doc is None or doc["subscription_id"] != ctx.subscription_id:
        raise not_found(not_found_message(name))
    return doc


def list_all(tx, ctx):
    return tx.list(STORAGE_ACCOUNT, subscription_id=ctx.subscription_id)


def status(doc, now):
    return "Created" if now >= doc["ready_at"] else "Creating"


def _new_key():
    return base64.b64encode(os.urandom(64)).decode("ascii")


def _account_type(value):
    if value is None:
        return None
    for known in ACCOUNT_TYPES:
        if known.lower() == value.lower():
            return known
    raise bad_request("The AccountType %s is not valid. Allowed values are %s." % (value, ", ".join(ACCOUNT_TYPES)))


def create(tx, ctx, body):
    name = body.value("ServiceName")
    if not name or not _NAME.match(name):
        raise bad_request(INVALID_NAME)
    label_b64 = body.value("Label")
    common.check_label(common.decode_base64_label(label_b64, INVALID_LABEL), INVALID_LABEL)
    description = body.value("Description")
    common.check_description(description)
    location = common.check_location(body.value("Location"), body.value("AffinityGroup"))
    extended = common.parse_extended_properties(body.child("ExtendedProperties")) or []
    account_type = _account_type(body.value("AccountType")) or "Standard_GRS"
    existing = tx.get(STORAGE_ACCOUNT, common.global_key(name))
    if existing is not None:
        if existing["subscription_id"] == ctx.subscription_id:
            raise conflict("A storage account named '%s' already exists in the subscription." % name)
        raise conflict("The storage account named '%s' is already taken." % name)
    count = len(list_all(tx, ctx))
    if count >= MAX_PER_SUBSCRIPTION:
        raise bad_request("The subscription policy limit for resource type 'storage account count' was exceeded. The limit for resource type "
                          "'storage account count' is %d per subscription, the current count is %d, and the requested increment is 1."
                          % (MAX_PER_SUBSCRIPTION, count))
    operation = operations.begin(tx, ctx, "storage_create", storage_lock(name))
    # ASM adds these two properties itself (recorded get_storage_account_properties).
    extended = extended + [["ResourceGroup", "Default-Storage-" + location.replace(" ", "")], ["ResourceLocation", location]]
    doc = {
        "name": name, "subscription_id": ctx.subscription_id, "label": label_b64, "description": description,
        "location": location, "account_type": account_type, "created": ctx.now, "ready_at": operation.ends,
        "extended_properties": extended, "keys": {"primary": _new_key(), "secondary": _new_key()},
    }
    tx.put(STORAGE_ACCOUNT, common.global_key(name), ctx.subscription_id, doc)
    return doc


def _ensure_not_creating(ctx, doc):
    if ctx.now < doc["ready_at"]:
        raise ASMError(409, "ConflictError", "Windows Azure is currently performing an operation on this storage account that requires exclusive access.")


def update(tx, ctx, name, body):
    doc = get(tx, ctx, name)
    _ensure_not_creating(ctx, doc)
    if body.has("Label"):
        label_b64 = body.value("Label")
        common.check_label(common.decode_base64_label(label_b64, INVALID_LABEL), INVALID_LABEL)
        doc["label"] = label_b64
    if body.has("Description"):
        common.check_description(body.value("Description"))
        doc["description"] = body.value("Description")
    doc["extended_properties"] = common.merge_extended_properties(
        doc["extended_properties"], common.parse_extended_properties(body.child("ExtendedProperties")))
    account_type = _account_type(body.value("AccountType"))
    if account_type:
        doc["account_type"] = account_type
    tx.put(STORAGE_ACCOUNT, common.global_key(doc["name"]), ctx.subscription_id, doc)
    operations.begin(tx, ctx, "storage_update", storage_lock(name))
    return doc


def users_of(tx, ctx, account_name):
    """Names of disks and images whose blobs live in ``account_name``."""
    users = []
    for kind in (DISK, OS_IMAGE, VM_IMAGE):
        for doc in tx.list(kind, subscription_id=ctx.subscription_id):
            links = [doc.get("media_link")] + [disk.get("media_link") for disk in doc.get("data_disks", [])]
            for link in links:
                blob = common.parse_blob_url(link)
                if blob is not None and blob.account == account_name.lower():
                    users.append(doc["name"])
                    break
    return users


def delete(tx, ctx, name):
    doc = get(tx, ctx, name)
    _ensure_not_creating(ctx, doc)
    if users_of(tx, ctx, doc["name"]):
        # Real text (microsoft/TestEasy#2, 2014): BadRequest while disks or images use the account's blobs.
        raise bad_request("Storage account %s has container(s) which have an active image and/or disk artifacts. "
                          "Ensure those artifacts are removed from the image repository before deleting this storage account." % doc["name"])
    tx.delete(STORAGE_ACCOUNT, common.global_key(doc["name"]))
    operations.begin(tx, ctx, "storage_delete", storage_lock(name))
    return doc


def regenerate_key(tx, ctx, name, body):
    doc = get(tx, ctx, name)
    key_type = (body.value("KeyType") or "").lower()
    if key_type not in ("primary", "secondary"):
        raise bad_request("The KeyType must be Primary or Secondary.")
    doc["keys"][key_type] = _new_key()
    tx.put(STORAGE_ACCOUNT, common.global_key(doc["name"]), ctx.subscription_id, doc)
    operations.begin(tx, ctx, "storage_regenerate_keys", storage_lock(name))
    return doc


def availability(tx, ctx, name):
    if not name or not _NAME.match(name):
        return False, INVALID_NAME
    existing = tx.get(STORAGE_ACCOUNT, common.global_key(name))
    if existing is None:
        return True, None
    if existing["subscription_id"] == ctx.subscription_id:
        return False, "A storage account named '%s' already exists in the subscription." % name  # recorded
    return False, "The storage account named '%s' is already taken." % name
