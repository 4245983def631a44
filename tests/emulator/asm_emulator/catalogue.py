"""The platform catalogue: locations, role sizes, guest OSes and their families, platform OS and VM
images. Served from the recorded real responses in ``data/`` (see data/NOTICE.md), so list bodies
are byte for byte what ASM returned in 2015; the rules look things up here for validation.
"""
from __future__ import annotations

import functools
import os
import re
import xml.etree.ElementTree as ET  # nosec - parses only the files shipped in data/

from asm_emulator.wire import xmlout

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
_NS = "{http://schemas.microsoft.com/windowsazure}"
_CHAR_REF = re.compile(r"&#(\d+);")


def _read(name):
    """A data file as served: XML character references of non-ASCII characters turned back into
    the characters the recording had (the files are kept ASCII for the sanity tests)."""
    with open(os.path.join(DATA_DIR, name), encoding="ascii") as handle:
        text = handle.read()
    return _CHAR_REF.sub(lambda m: chr(int(m.group(1))) if int(m.group(1)) > 127 else m.group(0), text)


def _children_text(element):
    return {child.tag.replace(_NS, ""): (child.text or "") for child in element}


class PlatformImage:
    """One platform image: its recorded XML fragment and the fields the rules need."""

    def __init__(self, fragment, fields):
        self.fragment = fragment
        self.name = fields.get("Name", "")
        self.category = fields.get("Category", "")
        self.label = fields.get("Label", "")
        self.os = fields.get("OS", "")
        self.publisher = fields.get("PublisherName", "")
        self.locations = [loc for loc in fields.get("Location", "").split(";") if loc]
        self.size_gb = int(fields.get("LogicalSizeInGB") or 30)
        self.fields = fields


def _split_items(body, item):
    fragments = re.findall(r"<%s>.*?</%s>" % (item, item), body, re.S)
    result = []
    for fragment in fragments:
        element = ET.fromstring(fragment)  # nosec - shipped data
        fields = _children_text(element)
        if item == "VMImage":
            os_disk = element.find("OSDiskConfiguration")
            if os_disk is not None:
                disk = _children_text(os_disk)
                fields["OS"] = disk.get("OS", "")
                fields["OSState"] = disk.get("OSState", "")
                fields["LogicalSizeInGB"] = disk.get("LogicalDiskSizeInGB", "30")
        result.append(PlatformImage(fragment, fields))
    return result


@functools.lru_cache(maxsize=None)
def locations_body():
    return _read("locations.xml")


@functools.lru_cache(maxsize=None)
def location_names():
    root = ET.fromstring(locations_body())  # nosec - shipped data
    return tuple(loc.find(_NS + "Name").text for loc in root.findall(_NS + "Location"))


def find_location(name):
    """The catalogue spelling of a location, matched case-insensitively, or None."""
    for known in location_names():
        if known.lower() == (name or "").lower():
            return known
    return None


@functools.lru_cache(maxsize=None)
def _web_worker_sizes():
    root = ET.fromstring(locations_body())  # nosec - shipped data
    result = {}
    for loc in root.findall(_NS + "Location"):
        sizes = loc.find("%sComputeCapabilities/%sWebWorkerRoleSizes" % (_NS, _NS))
        result[loc.find(_NS + "Name").text] = tuple(size.text for size in sizes) if sizes is not None else ()
    return result


def hosted_service_capabilities(location):
    """``<ComputeCapabilities>`` of a hosted service in List Hosted Services (recorded 2015): the web
    and worker sizes of its location, and every size that virtual machines support."""
    vm_sizes = vm_role_size_names()
    return xmlout.element("ComputeCapabilities", [
        xmlout.element("WebWorkerRoleSizes", [xmlout.text("RoleSize", size) for size in _web_worker_sizes().get(location, ())]),
        xmlout.element("VirtualMachinesRoleSizes", [xmlout.text("RoleSize", size) for size in vm_sizes]),
    ])


@functools.lru_cache(maxsize=None)
def role_sizes_body():
    return _read("role_sizes.xml")


@functools.lru_cache(maxsize=None)
def _role_sizes():
    root = ET.fromstring(role_sizes_body())  # nosec - shipped data
    sizes = {}
    for element in root.findall(_NS + "RoleSize"):
        fields = _children_text(element)
        sizes[fields["Name"].lower()] = {
            "name": fields["Name"],
            "max_data_disks": int(fields.get("MaxDataDiskCount") or 0),
            "virtual_machines": fields.get("SupportedByVirtualMachines", "false") == "true",
        }
    return sizes


def find_role_size(name):
    return _role_sizes().get((name or "").lower())


def vm_role_size_names():
    """Sizes that virtual machines may use, in the catalogue's order."""
    return [size["name"] for size in _role_sizes().values() if size["virtual_machines"]]


@functools.lru_cache(maxsize=None)
def operating_systems_body():
    return _read("operating_systems.xml")


@functools.lru_cache(maxsize=None)
def operating_system_families_body():
    """``GET /operatingsystemfamilies``: not in the recordings, so built from the recorded guest OS
    list, in the shape of the SDK model and the documentation (asm-api.md 7)."""
    root = ET.fromstring(operating_systems_body())  # nosec - shipped data
    families = {}
    for element in root.findall(_NS + "OperatingSystem"):
        fields = _children_text(element)
        family = families.setdefault(int(fields["Family"]), {"label": fields["FamilyLabel"], "systems": []})
        family["systems"].append(fields)
    items = []
    for number in sorted(families):
        systems = "".join(xmlout.element("OperatingSystem", [
            xmlout.text("Version", s["Version"]), xmlout.text("Label", s["Label"]),
            xmlout.text("IsDefault", s["IsDefault"]), xmlout.text("IsActive", s["IsActive"])]) for s in families[number]["systems"])
        items.append(xmlout.element("OperatingSystemFamily", [
            xmlout.text("Name", str(number)), xmlout.text("Label", families[number]["label"]),
            xmlout.element("OperatingSystems", [systems])]))
    return xmlout.document("OperatingSystemFamilies", items)


@functools.lru_cache(maxsize=None)
def platform_os_images():
    """Recorded public OS images plus the seed document's image, in ASM's order (by name)."""
    images = _split_items(_read("os_images.xml"), "OSImage") + _split_items(_read("os_images_extra.xml"), "OSImage")
    return tuple(sorted(images, key=lambda image: image.name))


@functools.lru_cache(maxsize=None)
def _os_images_by_name():
    return {image.name.lower(): image for image in platform_os_images()}


def find_platform_os_image(name):
    return _os_images_by_name().get((name or "").lower())


@functools.lru_cache(maxsize=None)
def platform_vm_images():
    return tuple(_split_items(_read("vm_images.xml"), "VMImage"))


def find_platform_vm_image(name):
    for image in platform_vm_images():
        if image.name.lower() == (name or "").lower():
            return image
    return None
