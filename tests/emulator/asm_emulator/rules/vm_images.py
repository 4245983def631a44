"""VM images: platform ones from the catalogue, the subscription's own from capture or create;
list filters, update, delete (with ``comp=media``), and Capture Role as VM Image."""
from __future__ import annotations

import re

from asm_emulator import catalogue, operations
from asm_emulator.clock import day_stamp
from asm_emulator.errors import bad_request, conflict, not_found
from asm_emulator.rules import common, deployments, role_state
from asm_emulator.rules.common import VM_IMAGE

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$")
# Optional descriptive fields, in the order of the VMImage element (asm-api.md 6, recordings).
DESCRIPTIVE = ("Language", "ImageFamily", "RecommendedVMSize", "Eula", "IconUri", "SmallIconUri", "PrivacyUri", "PublishedDate", "ShowInGui")


def not_found_message(name):
    return "The VM image %s does not exist." % name


def list_user(tx, ctx):
    return sorted(tx.list(VM_IMAGE, subscription_id=ctx.subscription_id), key=lambda doc: doc["name"].lower())


def matches(location, publisher, category, image_location, image_publisher, image_category):
    """The three optional filters of ``GET /services/vmimages``."""
    if location and location.lower() not in [loc.lower() for loc in image_location.split(";")]:
        return False
    if publisher and publisher.lower() != (image_publisher or "").lower():
        return False
    if category and category.lower() != (image_category or "").lower():
        return False
    return True


def get_user(tx, ctx, name):
    doc = tx.get(VM_IMAGE, common.subscription_key(ctx.subscription_id, name or ""))
    if doc is None:
        if catalogue.find_platform_vm_image(name) is not None:
            raise bad_request("The VM image %s is a platform image; only images of category User can be changed or deleted." % name)
        raise not_found(not_found_message(name))
    return doc


def _ensure_name_free(tx, ctx, name):
    if not name or not _NAME.match(name):
        raise bad_request("The VM image name %s is invalid." % name)
    if tx.exists(VM_IMAGE, common.subscription_key(ctx.subscription_id, name)) or catalogue.find_platform_vm_image(name) is not None:
        raise conflict("A VM image with the name %s already exists." % name)


def _descriptive(node):
    return {field: node.value(field) for field in DESCRIPTIVE if node.has(field)}


def create(tx, ctx, body):
    """``POST /services/vmimages`` from VHDs already in the subscription's storage."""
    name = body.value("Name")
    _ensure_name_free(tx, ctx, name)
    label = common.require(body.value("Label"), "VM image label")
    os_node = body.child("OSDiskConfiguration")
    if os_node is None:
        raise bad_request("The OSDiskConfiguration must be specified.")
    os_state = os_node.value("OSState")
    if os_state not in ("Generalized", "Specialized"):
        raise bad_request("The OSState %s is not valid. Allowed values are Generalized and Specialized." % os_state)
    os_type = os_node.value("OS")
    if os_type not in ("Linux", "Windows"):
        raise bad_request("The OS %s is not valid. Allowed values are Linux and Windows." % os_type)
    media_link = common.require(os_node.value("MediaLink"), "MediaLink of the OS disk")
    account, blob = common.storage_account_of_blob(tx, ctx, media_link)
    common.ensure_blob_free(tx, ctx, media_link)
    data_disks = []
    for item in body.path("DataDiskConfigurations").all("DataDiskConfiguration") if body.has("DataDiskConfigurations") else []:
        data_link = common.require(item.value("MediaLink"), "MediaLink of a data disk")
        common.storage_account_of_blob(tx, ctx, data_link)
        common.ensure_blob_free(tx, ctx, data_link)
        lun = int(item.value("Lun") or 0)
        data_disks.append({"name": "%s-datadisk-%d" % (name, lun), "host_caching": item.value("HostCaching") or "None", "lun": lun,
                           "media_link": data_link, "size_gb": int(item.value("LogicalDiskSizeInGB") or 30)})
    doc = _image_doc(ctx, name, label, body.value("Description"), os_state, os_type, media_link, 30, os_node.value("HostCaching") or "ReadWrite",
                     account["location"], data_disks, _descriptive(body), os_disk_name=blob.blob.rsplit("/", 1)[-1].rsplit(".vhd", 1)[0])
    tx.put(VM_IMAGE, common.subscription_key(ctx.subscription_id, name), ctx.subscription_id, doc)
    operations.begin(tx, ctx, "vm_image_create")
    return doc


def _image_doc(ctx, name, label, description, os_state, os_type, media_link, size_gb, host_caching, location, data_disks, descriptive,
               os_disk_name, captured_from=None):
    return {
        "name": name, "subscription_id": ctx.subscription_id, "label": label, "description": description, "os_state": os_state, "os": os_type,
        "os_disk_name": os_disk_name, "media_link": media_link, "size_gb": size_gb, "host_caching": host_caching, "location": location,
        "data_disks": data_disks, "descriptive": descriptive, "captured_from": captured_from, "created": ctx.now, "modified": ctx.now,
    }


def update(tx, ctx, name, body):
    doc = get_user(tx, ctx, name)
    doc["label"] = common.require(body.value("Label"), "VM image label")
    if body.has("Description"):
        doc["description"] = body.value("Description")
    os_node = body.child("OSDiskConfiguration")
    if os_node is not None and os_node.value("HostCaching"):
        doc["host_caching"] = os_node.value("HostCaching")
    for item in body.path("DataDiskConfigurations").all("DataDiskConfiguration") if body.has("DataDiskConfigurations") else []:
        for disk in doc["data_disks"]:
            if str(disk["lun"]) == item.value("Lun") or disk["name"] == item.value("Name"):
                disk["host_caching"] = item.value("HostCaching") or disk["host_caching"]
    doc["descriptive"].update(_descriptive(body))
    doc["modified"] = ctx.now
    tx.put(VM_IMAGE, common.subscription_key(ctx.subscription_id, doc["name"]), ctx.subscription_id, doc)
    operations.begin(tx, ctx, "vm_image_update")
    return doc


def delete(tx, ctx, name, delete_media):
    doc = get_user(tx, ctx, name)
    tx.delete(VM_IMAGE, common.subscription_key(ctx.subscription_id, doc["name"]))
    operations.begin(tx, ctx, "vm_image_delete")
    doc["blob_deleted"] = bool(delete_media)
    return doc


def capture(tx, ctx, service, deployment_name, role_name, body):
    """Capture Role as VM Image. The image's VHDs sit next to the role's, named
    ``<image>-os-<yyyy-mm-dd>.vhd`` (recorded). Generalized: the VM is deleted, as ASM did (its
    deployment too if it was the last role); Specialized: the VM stays."""
    service_doc, deployment = deployments.get_by_name(tx, ctx, service, deployment_name)
    lock = operations.hosted_service_lock(service_doc["name"])
    operations.ensure_unlocked(tx, ctx, lock)
    role = deployments.find_role(deployment, role_name, deployments.ROLE_INSTANCE_INVALID)
    os_state = body.value("OSState")
    if os_state not in ("Generalized", "Specialized"):
        raise bad_request("The OSState %s is not valid. Allowed values are Generalized and Specialized." % os_state)
    name = body.value("VMImageName")
    _ensure_name_free(tx, ctx, name)
    label = common.require(body.value("VMImageLabel"), "VMImageLabel")
    day = day_stamp(ctx.now)
    container = common.parse_blob_url(role["os_disk"]["media_link"]).container_url()
    data_disks = [{"name": "%s-datadisk-%d-%s" % (name, disk["lun"], day), "host_caching": disk["host_caching"], "lun": disk["lun"],
                   "media_link": "%s/%s-datadisk-%d-%s.vhd" % (container, name, disk["lun"], day), "size_gb": disk["size_gb"]}
                  for disk in role["data_disks"]]
    status, _power = role_state.instance_state(role, ctx.now)
    descriptive = {field: body.value(field) for field in ("Language", "ImageFamily", "RecommendedVMSize") if body.value(field)}
    doc = _image_doc(ctx, name, label, body.value("Description"), os_state, role["os_disk"]["os"], "%s/%s-os-%s.vhd" % (container, name, day),
                     role["os_disk"]["size_gb"], role["os_disk"]["host_caching"], service_doc["location"], data_disks, descriptive,
                     os_disk_name="%s-os-%s" % (name, day),
                     captured_from={"service": service_doc["name"], "deployment": deployment["name"], "role": role["name"],
                                    "state": status, "size": role["size"]})
    tx.put(VM_IMAGE, common.subscription_key(ctx.subscription_id, name), ctx.subscription_id, doc)
    if os_state == "Generalized":
        deployments.release_role_disks(tx, ctx, role, delete_media=True)
        deployment["roles"] = [r for r in deployment["roles"] if r is not role]
        if deployment["roles"]:
            deployments.save(tx, ctx, deployment)
        else:
            tx.delete(common.DEPLOYMENT, common.deployment_key(service_doc["name"], deployment["name"]))
    operations.begin(tx, ctx, "capture", lock)
    return doc
