# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The service's catalogue: locations, role sizes, guest operating systems and their families.

Read-only lists, one request each, returned as plain dicts with snake_case keys.
"""

from __future__ import annotations

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import b64decode_text
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import blank_to_none


def _list(client, path):
    return client.get(path)[1] or []


def curate_location(raw):
    capabilities = raw.get("compute_capabilities") or {}
    return dict(
        name=raw.get("name"),
        display_name=blank_to_none(raw.get("display_name")),
        available_services=raw.get("available_services") or [],
        compute_capabilities=dict(
            web_worker_role_sizes=capabilities.get("web_worker_role_sizes") or [],
            virtual_machines_role_sizes=capabilities.get("virtual_machines_role_sizes") or [],
        ),
    )


def list_locations(client):
    """Every location: its name (what ``location`` options take), display name, services and role sizes."""
    return [curate_location(item) for item in _list(client, "locations")]


_ROLE_SIZE_FIELDS = (
    "name", "label", "cores", "memory_in_mb", "supported_by_web_worker_roles", "supported_by_virtual_machines",
    "max_data_disk_count", "web_worker_resource_disk_size_in_mb", "virtual_machine_resource_disk_size_in_mb",
)


def list_role_sizes(client):
    """Every role size with its cores, memory, disk limits and what it may run (role size labels are plain text)."""
    return [dict((field, blank_to_none(item.get(field))) for field in _ROLE_SIZE_FIELDS)
            for item in _list(client, "rolesizes")]


def curate_operating_system(raw):
    """A guest OS version; its labels are base64 on the wire."""
    system = dict(
        version=raw.get("version"),
        label=b64decode_text(blank_to_none(raw.get("label"))),
        is_default=raw.get("is_default"),
        is_active=raw.get("is_active"),
    )
    if "family" in raw:
        system["family"] = raw.get("family")
        system["family_label"] = b64decode_text(blank_to_none(raw.get("family_label")))
    return system


def list_operating_systems(client):
    """Every guest OS version (for web and worker roles), with its family."""
    return [curate_operating_system(item) for item in _list(client, "operatingsystems")]


def list_operating_system_families(client):
    """Every guest OS family with the versions it offers."""
    return [dict(
        name=item.get("name"),
        label=b64decode_text(blank_to_none(item.get("label"))),
        operating_systems=[curate_operating_system(system) for system in item.get("operating_systems") or []],
    ) for item in _list(client, "operatingsystemfamilies")]
