# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""VM images: list (with the API's filters), find one, capture a VM as one, delete one.

A VM image is a captured virtual machine: its OS disk and data disks, with how they were set up.
The API has no GET for a single VM image, so finding one is a search in the list (one request).
Only the subscription's own images (category ``User``) can be deleted; platform images belong to
their publisher. Every function returns dicts in the modules' ``vm_image`` shape.
"""

from __future__ import annotations

import re

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import as_list
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import build
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.deployments import role_operations_path
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import blank_to_none
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import description_errors
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import label_errors
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import same_text_ignoring_case
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.operations import submit
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.operations import wait_until

COLLECTION_PATH = "services/vmimages"
USER_CATEGORY = "User"
OS_STATES = ("Generalized", "Specialized")
OS_TYPES = ("Linux", "Windows")
READY_STATE = "VMImageReadyForUse"
CAPTURE_OPERATION = "CaptureRoleAsVMImageOperation"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$")

_DISK_FIELDS = ("name", "host_caching", "lun", "media_link", "logical_disk_size_in_gb", "io_type")
_OS_DISK_FIELDS = ("name", "os", "os_state", "host_caching", "media_link", "logical_disk_size_in_gb", "io_type")
_TOP_FIELDS = (
    "name", "label", "category", "description", "service_name", "deployment_name", "role_name", "location",
    "affinity_group", "created_time", "modified_time", "image_family", "language", "recommended_vm_size",
    "role_state_on_capture", "role_size_on_capture", "vm_image_state", "is_premium", "publisher_name",
    "published_date", "eula", "icon_uri", "small_icon_uri", "privacy_uri", "show_in_gui", "pricing_detail_link",
)
# The fields that say which VM an image was captured from, and the task options that name it.
SOURCE_FIELDS = (("service_name", "service_name"), ("deployment_name", "deployment_name"), ("role_name", "role_name"))


def image_path(name):
    return "%s/%s" % (COLLECTION_PATH, name)


# ---------------------------------------------------------------- reading

def _pick(raw, fields):
    raw = raw or {}
    return dict((field, blank_to_none(raw.get(field))) for field in fields)


def curate(raw):
    """The module's ``vm_image`` dict from a parsed ``VMImage`` element (VM image labels are plain text)."""
    image = _pick(raw, _TOP_FIELDS)
    image["os_disk_configuration"] = _pick(raw.get("os_disk_configuration"), _OS_DISK_FIELDS)
    image["data_disk_configurations"] = sorted(
        (_pick(disk, _DISK_FIELDS) for disk in as_list(raw.get("data_disk_configurations"))),
        key=lambda disk: disk["lun"] or 0)
    return image


def list_images(client, location=None, publisher=None, category=None):
    """VM images, platform and user, in one request; the three filters are applied by the service."""
    query = [("location", location), ("publisher", publisher), ("category", category)]
    items = client.get(COLLECTION_PATH, query=query)[1]
    return [curate(item) for item in as_list(items)]


def find(images, name):
    """The image called ``name`` in ``images`` (names are case-insensitive on the service), or ``None``."""
    for image in images:
        if (image.get("name") or "").lower() == name.lower():
            return image
    return None


def get(client, name):
    """One VM image, or ``None``. There is no single-image GET: this is one list request."""
    return find(list_images(client), name)


def matches(image, os=None, os_state=None):
    """The filters the API does not offer, applied to a listed image (case does not matter)."""
    disk = image.get("os_disk_configuration") or {}
    if os is not None and not same_text_ignoring_case(disk.get("os"), os):
        return False
    if os_state is not None and not same_text_ignoring_case(disk.get("os_state"), os_state):
        return False
    return True


def is_user_image(image):
    return (image.get("category") or "").lower() == USER_CATEGORY.lower()


def is_ready(image):
    """A captured image can be used once the service calls it ready (an image without a state is ready)."""
    state = image.get("vm_image_state") if image else None
    return image is not None and state in (None, READY_STATE)


def refuse_platform_image(image, doing):
    """Raise when ``image`` is a platform image: it belongs to its publisher, not to the subscription."""
    if not is_user_image(image):
        raise AsmError("The VM image %s is a platform image (category %r); only the subscription's own images "
                       "(category %r) can be %s." % (image.get("name"), image.get("category"), USER_CATEGORY, doing),
                       option="name")


# ---------------------------------------------------------------- comparing an existing image with a task

def source_differences(image, service_name, deployment_name, role_name):
    """``["service_name X (the image was captured from Y)", ...]`` for each part of the source that differs."""
    wanted = dict(service_name=service_name, deployment_name=deployment_name, role_name=role_name)
    differences = []
    for field, option in SOURCE_FIELDS:
        if wanted[field] is not None and not same_text_ignoring_case(image.get(field), wanted[field]):
            differences.append("%s %s (the image was captured from %s)" % (option, wanted[field], image.get(field)))
    return differences


def capture_option_differences(image, os_state=None, label=None, description=None):
    """The capture options a task sets that the existing image does not have: they are not applied."""
    differences = []
    current_os_state = (image.get("os_disk_configuration") or {}).get("os_state")
    if os_state is not None and not same_text_ignoring_case(current_os_state, os_state):
        differences.append("os_state %s (the image is %s)" % (os_state, current_os_state))
    if label is not None and image.get("label") != label:
        differences.append("label %r (the image has %r)" % (label, image.get("label")))
    if description is not None and blank_to_none(image.get("description")) != blank_to_none(description):
        differences.append("description %r (the image has %r)" % (description, image.get("description")))
    return differences


# ---------------------------------------------------------------- writing

def capture_body(name, label, os_state, description=None, language=None, image_family=None, recommended_vm_size=None):
    """``CaptureRoleAsVMImageOperation``, in the element order of the schema (asm-api.md section 6)."""
    return build(CAPTURE_OPERATION, [
        ("OperationType", CAPTURE_OPERATION),
        ("OSState", os_state),
        ("VMImageName", name),
        ("VMImageLabel", label),
        ("Description", description),
        ("Language", language),
        ("ImageFamily", image_family),
        ("RecommendedVMSize", recommended_vm_size),
    ])


def capture(client, service_name, deployment_name, role_name, image, wait=True, timeout=600):
    """Capture Role as VM Image; with ``wait``, follow the operation and then the list until the image is ready.

    ``image``: ``name``, ``label``, ``os_state`` and optionally ``description``, ``language``,
    ``image_family``, ``recommended_vm_size``. Returns the operation.
    """
    clock = client.clock
    started = clock()
    body = capture_body(image["name"], image["label"], image["os_state"], image.get("description"),
                        image.get("language"), image.get("image_family"), image.get("recommended_vm_size"))
    operation = submit(client, "POST", role_operations_path(service_name, deployment_name, role_name), body=body,
                       wait=wait, timeout=timeout)
    if wait:
        remaining = max(0.0, timeout - (clock() - started))
        wait_until_ready(client, image["name"], remaining)
    return operation


def wait_until_ready(client, name, timeout):
    """Poll the list until the image ``name`` is listed and ready; return it."""
    def describe(image):
        if image is None:
            return "the VM image %s is not listed yet" % name
        return "the VM image %s is %s" % (name, image.get("vm_image_state"))
    return wait_until(client, lambda: get(client, name), is_ready, timeout, describe)


def delete(client, image, delete_vhds=False, wait=True, timeout=600):
    """Delete VM Image; with ``delete_vhds`` the service also deletes its VHD blobs (``comp=media``)."""
    refuse_platform_image(image, "deleted")
    query = [("comp", "media")] if delete_vhds else None
    return submit(client, "DELETE", image_path(image["name"]), query=query, wait=wait, timeout=timeout)


# ---------------------------------------------------------------- shapes for check mode and validation

def planned(image, service_name, deployment_name, role, location=None):
    """The ``vm_image`` a capture of ``role`` (a role in the ``vm_deployment`` shape) would produce.

    What only the service knows (the new VHDs' names and links, the times) is ``None``.
    """
    os_disk = role.get("os_disk") or {}
    result = dict((field, None) for field in _TOP_FIELDS)
    result.update(
        name=image["name"], label=image["label"], category=USER_CATEGORY, description=image.get("description"),
        service_name=service_name, deployment_name=deployment_name, role_name=role.get("role_name"),
        location=location, image_family=image.get("image_family"), language=image.get("language"),
        recommended_vm_size=image.get("recommended_vm_size"), role_size_on_capture=role.get("role_size"),
    )
    result["os_disk_configuration"] = dict((field, None) for field in _OS_DISK_FIELDS)
    result["os_disk_configuration"].update(os=os_disk.get("os"), os_state=image["os_state"],
                                           host_caching=os_disk.get("host_caching"))
    result["data_disk_configurations"] = [
        dict(name=None, host_caching=disk.get("host_caching"), lun=disk.get("lun"), media_link=None,
             logical_disk_size_in_gb=disk.get("size_gb"), io_type=None)
        for disk in role.get("data_disks") or []]
    return result


def option_errors(name=None, label=None, description=None):
    """``[(option, message)]`` for values the service would refuse, checked before any request."""
    errors = []
    if name is not None and not _NAME.match(name):
        errors.append(("name", "name %r is not a valid VM image name: use up to 256 letters, digits, periods, hyphens "
                               "and underscores, starting with a letter or digit." % name))
    errors.extend(label_errors(label))
    errors.extend(description_errors(description))
    return errors
