# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""XML in and out of the ASM API.

Requests are built from nested ``(tag, value)`` pairs so that element order is explicit (the API
is order-sensitive) and every value is escaped by ElementTree. Responses are parsed into plain
dicts with snake_case keys. A response holding a DOCTYPE or an entity declaration is refused:
the API never sends one, and expanding entities from a network peer is how XML bombs work.
"""

from __future__ import annotations

import base64
import binascii
import re
import xml.etree.ElementTree as ET

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError

NS = "http://schemas.microsoft.com/windowsazure"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_XSI_NIL = "{%s}nil" % XSI

# Elements whose children are a list, even when there is only one child or none.
LIST_CONTAINERS = frozenset((
    "AffinityGroups", "AvailableServices", "Capabilities", "ConfigurationSets",
    "CustomDomains", "DataDiskConfigurations", "DataVirtualHardDisks", "Deployments", "DnsServers", "Disks",
    "Endpoints", "HostedServices", "Images", "InputEndpoints", "InstanceEndpoints", "KeyPairs", "Listeners",
    "LoadBalancers", "Locations", "OperatingSystemFamilies", "OperatingSystems", "PublicIPs", "PublicKeys",
    "ResourceExtensionReferences", "ResourceExtensionParameterValues", "RoleInstanceList", "RoleList",
    "RoleSizes", "Roles", "StorageServices", "StoredCertificateSettings", "SubnetNames", "Subscriptions",
    "VirtualIPs", "VirtualMachinesRoleSizes", "VMImages", "WebWorkerRoleSizes", "ReplicationProgress",
    "SubscriptionOperations", "OperationParameters",
))

INT_FIELDS = frozenset((
    "Cores", "Family", "HttpStatusCode", "IdleTimeoutInMinutes", "InstanceFaultDomain", "InstanceUpgradeDomain",
    "IntervalInSeconds", "LocalPort", "LogicalDiskSizeInGB", "LogicalSizeInGB", "Lun", "MaxDataDiskCount",
    "MemoryInMb", "Port", "PublicPort", "TimeoutInSeconds", "UpgradeDomainCount",
    "VirtualMachineResourceDiskSizeInMb", "WebWorkerResourceDiskSizeInMb",
))

BOOL_FIELDS = frozenset((
    "DisableSshPasswordAuthentication", "EnableAutomaticUpdates", "EnableDirectServerReturn", "IsActive",
    "IsDefault", "IsDnsProgrammed", "IsPremium", "Locked", "ProvisionGuestAgent", "Result", "RollbackAllowed",
    "ShowInGui", "SupportedByVirtualMachines", "SupportedByWebWorkerRoles",
))

_FORBIDDEN_DECLARATION = re.compile(br"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_CAMEL_ACRONYM = re.compile(r"([A-Z]+)([A-Z][a-z])")
_CAMEL_WORD = re.compile(r"([a-z0-9])([A-Z])")
_PLURAL_ACRONYM = re.compile(r"([A-Z])([A-Z]+)s(?=[A-Z]|$)")


def snake_case(name):
    """``OSVirtualHardDisk`` -> ``os_virtual_hard_disk``, ``VirtualIPs`` -> ``virtual_ips``."""
    name = _PLURAL_ACRONYM.sub(lambda match: match.group(1) + match.group(2).lower() + "s", name)
    return _CAMEL_WORD.sub(r"\1_\2", _CAMEL_ACRONYM.sub(r"\1_\2", name)).lower()


# ---------------------------------------------------------------- building requests

def _text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _append(parent, tag, value):
    if value is None:
        return
    child = ET.SubElement(parent, tag)
    if isinstance(value, (list, tuple)):
        for sub_tag, sub_value in value:
            _append(child, sub_tag, sub_value)
    else:
        child.text = _text(value)


def build(root_tag, children):
    """Serialize ``children`` (a list of ``(tag, value)``) under ``root_tag`` as an ASM request body.

    A value of ``None`` omits the element; a list or tuple nests; booleans become ``true``/``false``.
    The element order is the order of the list. Returns UTF-8 bytes without an XML declaration.
    """
    root = ET.Element(root_tag)
    root.set("xmlns:i", XSI)
    root.set("xmlns", NS)
    for tag, value in children:
        _append(root, tag, value)
    return ET.tostring(root, encoding="utf-8", short_empty_elements=True).replace(
        b"<?xml version='1.0' encoding='utf-8'?>\n", b"")


def b64encode_text(text):
    """Base64 of the UTF-8 text, as ASM wants labels of services, storage accounts and deployments."""
    if text is None:
        return None
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def b64decode_text(text):
    """Decode a base64 label; a value that is not base64 comes back unchanged."""
    if not text:
        return text
    try:
        return base64.b64decode(text.encode("ascii"), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        return text


# ---------------------------------------------------------------- parsing responses

def _local(tag):
    return tag.rsplit("}", 1)[-1] if "}" in tag else tag


def parse(body):
    """Parse a response body into an ElementTree element; refuse DOCTYPE and entity declarations."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    if _FORBIDDEN_DECLARATION.search(body or b""):
        raise AsmError("Refusing a response that contains a DOCTYPE or entity declaration.")
    try:
        return ET.fromstring(body)
    except ET.ParseError as exc:
        raise AsmError("The service sent a response that is not well-formed XML: %s" % exc)


def _scalar(tag, text):
    text = text or ""
    if tag in INT_FIELDS:
        try:
            return int(text)
        except ValueError:
            return text
    if tag in BOOL_FIELDS and text.lower() in ("true", "false"):
        return text.lower() == "true"
    return text


def element_to_dict(elem):
    """Convert a parsed element to plain Python values with snake_case keys.

    ``i:nil`` becomes ``None``; known list containers become lists (empty ones ``[]``);
    ``ExtendedProperties`` becomes a ``{name: value}`` dict; known numeric and boolean fields are
    converted; other leaves stay strings.
    """
    tag = _local(elem.tag)
    if elem.get(_XSI_NIL) == "true":
        return None
    children = list(elem)
    if tag == "ExtendedProperties":
        return dict(_extended_property(child) for child in children)
    if tag in LIST_CONTAINERS:
        return [element_to_dict(child) for child in children]
    if not children:
        return _scalar(tag, elem.text)
    result = {}
    repeated = set()
    for child in children:
        key = snake_case(_local(child.tag))
        value = element_to_dict(child)
        if key not in result:
            result[key] = value
            continue
        if key not in repeated:
            result[key] = [result[key]]
            repeated.add(key)
        result[key].append(value)
    return result


def _extended_property(elem):
    fields = dict((_local(child.tag), child.text or "") for child in elem)
    return fields.get("Name", ""), fields.get("Value", "")


def as_list(value):
    """A parsed list container as a list: ``None``, ``""`` (an empty element the parser did not know
    as a list) and a single dict (a lone repeated child) are normalised."""
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def parse_to_dict(body):
    """``parse`` then ``element_to_dict``; returns ``(root_tag, value)``."""
    root = parse(body)
    return _local(root.tag), element_to_dict(root)


def parse_error(body):
    """Return ``(code, message)`` from an ASM ``Error`` document, or ``(None, None)``."""
    try:
        root = parse(body)
    except AsmError:
        return None, None
    if _local(root.tag) != "Error":
        return None, None
    fields = dict((_local(child.tag), (child.text or "").strip()) for child in root)
    return fields.get("Code"), fields.get("Message")
