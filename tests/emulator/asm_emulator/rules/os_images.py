"""OS images: the platform catalogue plus the subscription's own (``Category`` ``User``) images."""
from __future__ import annotations

import re

from asm_emulator import catalogue, operations
from asm_emulator.errors import bad_request, conflict, not_found
from asm_emulator.rules import common
from asm_emulator.rules.common import OS_IMAGE

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$")
NOT_FOUND = "The image with the specified name does not exist."  # recorded (delete_os_image)
# Fields of update_os_image_from_image_reference, in the order ASM lists them.
DESCRIPTIVE_FIELDS = ("Eula", "Description", "ImageFamily", "ShowInGui", "PublishedDate", "IconUri", "PrivacyUri",
                      "RecommendedVMSize", "SmallIconUri", "Language")


def find(tx, ctx, name):
    """("user", doc) or ("platform", PlatformImage) or (None, None)."""
    doc = tx.get(OS_IMAGE, common.subscription_key(ctx.subscription_id, name or ""))
    if doc is not None:
        return "user", doc
    image = catalogue.find_platform_os_image(name)
    if image is not None:
        return "platform", image
    return None, None


def get_user(tx, ctx, name):
    source, image = find(tx, ctx, name)
    if source is None:
        raise not_found(NOT_FOUND)
    if source == "platform":
        raise bad_request("The image %s is a platform image; only images of category User can be changed or deleted." % image.name)
    return image


def list_user(tx, ctx):
    return tx.list(OS_IMAGE, subscription_id=ctx.subscription_id)


def _os_type(value):
    for known in ("Linux", "Windows"):
        if (value or "").lower() == known.lower():
            return known
    raise bad_request("The OS type %s is not valid. Allowed values are Linux and Windows." % value)


def add(tx, ctx, body):
    name = body.value("Name")
    if not name or not _NAME.match(name):
        raise bad_request("The image name %s is invalid: use 1 to 256 letters, digits, periods, hyphens and underscores." % name)
    label = common.require(body.value("Label"), "image label")
    if len(label) > common.MAX_LABEL:
        raise bad_request("The label of the image is too long: at most 100 characters are permitted.")
    os_type = _os_type(body.value("OS"))
    media_link = common.require(body.value("MediaLink"), "MediaLink")
    account, _blob = common.storage_account_of_blob(tx, ctx, media_link)
    source, _image = find(tx, ctx, name)
    if source is not None:
        raise conflict("An image with the name %s already exists." % name)
    common.ensure_blob_free(tx, ctx, media_link)
    doc = {
        "name": name, "subscription_id": ctx.subscription_id, "label": label, "media_link": media_link, "os": os_type,
        "location": account["location"], "size_gb": 30, "os_state": "Generalized", "created": ctx.now, "descriptive": {},
    }
    tx.put(OS_IMAGE, common.subscription_key(ctx.subscription_id, name), ctx.subscription_id, doc)
    operations.begin(tx, ctx, "os_image_add")
    return doc


def update(tx, ctx, name, body):
    """Both SDK forms: (Label, MediaLink, Name, OS) and the descriptive fields of an image reference.
    The image keeps its name, blob and OS; ASM did not move an image by updating it."""
    doc = get_user(tx, ctx, name)
    label = common.require(body.value("Label"), "image label")
    if len(label) > common.MAX_LABEL:
        raise bad_request("The label of the image is too long: at most 100 characters are permitted.")
    doc["label"] = label
    for field in DESCRIPTIVE_FIELDS:
        if body.has(field):
            doc["descriptive"][field] = body.value(field)
    tx.put(OS_IMAGE, common.subscription_key(ctx.subscription_id, doc["name"]), ctx.subscription_id, doc)
    operations.begin(tx, ctx, "os_image_update")
    return doc


def delete(tx, ctx, name, delete_media):
    doc = get_user(tx, ctx, name)
    tx.delete(OS_IMAGE, common.subscription_key(ctx.subscription_id, doc["name"]))
    operations.begin(tx, ctx, "os_image_delete")
    doc["blob_deleted"] = bool(delete_media)
    return doc


def replicate(tx, ctx, name, body):
    """``PUT /services/images/<name>/replicate`` (x-ms-version 2015-04-01): remember the target
    regions; replication itself is not simulated, progress stays 0 as in the recording."""
    doc = get_user(tx, ctx, name)
    regions = [region.text for region in body.path("TargetLocations").all("Region")] if body.has("TargetLocations") else []
    if not regions:
        raise bad_request("At least one target location must be specified.")
    for region in regions:
        common.check_location(region, None)
    doc["replicated_to"] = regions
    tx.put(OS_IMAGE, common.subscription_key(ctx.subscription_id, doc["name"]), ctx.subscription_id, doc)
    operations.begin(tx, ctx, "os_image_update")
    return doc
