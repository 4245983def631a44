# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Storage accounts: get, list, keys, create, update, delete; dicts in the modules' ``storage_account`` shape."""

from __future__ import annotations

import re

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import b64decode_text
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import b64encode_text
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import build
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import blank_to_none
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import description_errors
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import extended_properties_errors
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import extended_properties_xml
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import label_errors
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.operations import submit

COLLECTION_PATH = "services/storageservices"
KIND = "storage account"
ACCOUNT_TYPES = ("Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_RAGRS", "Premium_LRS")
# The name is the DNS label <name>.blob.core.windows.net; the service allows only this.
_NAME = re.compile(r"^[a-z0-9]{3,24}$")

MUTABLE_FIELDS = ("label", "description", "account_type", "extended_properties")


def account_path(name):
    return "%s/%s" % (COLLECTION_PATH, name)


# ---------------------------------------------------------------- reading

def curate(raw):
    """The module's ``storage_account`` dict from a parsed ``StorageService`` element."""
    properties = raw.get("storage_service_properties") or {}
    return dict(
        name=raw.get("service_name"),
        url=blank_to_none(raw.get("url")),
        label=b64decode_text(blank_to_none(properties.get("label"))),
        description=blank_to_none(properties.get("description")),
        location=blank_to_none(properties.get("location")),
        affinity_group=blank_to_none(properties.get("affinity_group")),
        account_type=blank_to_none(properties.get("account_type")),
        status=blank_to_none(properties.get("status")),
        endpoints=properties.get("endpoints") or [],
        geo_primary_region=blank_to_none(properties.get("geo_primary_region")),
        status_of_primary=blank_to_none(properties.get("status_of_primary")),
        geo_secondary_region=blank_to_none(properties.get("geo_secondary_region")),
        status_of_secondary=blank_to_none(properties.get("status_of_secondary")),
        creation_time=blank_to_none(properties.get("creation_time")),
        extended_properties=raw.get("extended_properties") or {},
    )


def get(client, name):
    """One storage account, or ``None``."""
    raw = client.get_or_none(account_path(name))
    return curate(raw) if raw is not None else None


def list_all(client):
    """Every storage account of the subscription, in one request."""
    items = client.get(COLLECTION_PATH)[1] or []
    return [curate(item) for item in items]


def get_keys(client, name):
    """``{primary, secondary}``: the account's access keys (secrets: return them only when asked)."""
    raw = client.get("%s/keys" % account_path(name))[1] or {}
    keys = raw.get("storage_service_keys") or {}
    return dict(primary=blank_to_none(keys.get("primary")), secondary=blank_to_none(keys.get("secondary")))


# ---------------------------------------------------------------- writing

def create(client, name, label, description=None, location=None, affinity_group=None, account_type=None,
           extended_properties=None, wait=True, timeout=600):
    """Create Storage Account (asynchronous); without ``account_type`` the service picks its default."""
    body = build("CreateStorageServiceInput", [
        ("ServiceName", name),
        ("Description", description),
        ("Label", b64encode_text(label)),
        ("AffinityGroup", affinity_group),
        ("Location", location),
        ("ExtendedProperties", extended_properties_xml(extended_properties)),
        ("AccountType", account_type),
    ])
    return submit(client, "POST", COLLECTION_PATH, body=body, wait=wait, timeout=timeout)


def update(client, name, label=None, description=None, account_type=None, extended_properties=None,
           wait=True, timeout=600):
    """Update Storage Account with only the given fields.

    The old SDK always sent ``AccountType`` (default ``Standard_GRS``), so updating a label silently
    changed the replication of an LRS account; a field left ``None`` here is not sent at all.
    """
    body = build("UpdateStorageServiceInput", [
        ("Description", description),
        ("Label", b64encode_text(label)),
        ("ExtendedProperties", extended_properties_xml(extended_properties)),
        ("AccountType", account_type),
    ])
    return submit(client, "PUT", account_path(name), body=body, wait=wait, timeout=timeout)


def delete(client, name, wait=True, timeout=600):
    """Delete Storage Account; the service refuses while disks or images use its blobs."""
    return submit(client, "DELETE", account_path(name), wait=wait, timeout=timeout)


# ---------------------------------------------------------------- shapes for check mode and validation

def planned(name, label, description=None, location=None, affinity_group=None, account_type=None,
            extended_properties=None):
    """The ``storage_account`` a create would produce; what the service fills in is ``None`` or empty."""
    return dict(
        name=name, url=None, label=label, description=description, location=location,
        affinity_group=affinity_group, account_type=account_type, status=None, endpoints=[],
        geo_primary_region=None, status_of_primary=None, geo_secondary_region=None, status_of_secondary=None,
        creation_time=None,
        extended_properties=dict((key, str(value)) for key, value in (extended_properties or {}).items()),
    )


def option_errors(name=None, label=None, description=None, extended_properties=None):
    """``[(option, message)]`` for values the service would refuse, checked before any request."""
    errors = []
    if name is not None and not _NAME.match(name):
        errors.append(("name", "name %r is not a valid storage account name: use 3 to 24 lowercase letters and "
                               "digits only (it becomes the DNS name <name>.blob.core.windows.net)." % name))
    errors.extend(label_errors(label))
    errors.extend(description_errors(description))
    errors.extend(extended_properties_errors(extended_properties))
    return errors
