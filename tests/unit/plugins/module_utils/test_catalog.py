# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import catalog
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import fixture_bytes
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import calls

ROOT = 'xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"'

OPERATING_SYSTEMS = (
    '<OperatingSystems %s><OperatingSystem><Version>WA-GUEST-OS-4.21_201506-01</Version>'
    '<Label>V2luZG93cyBBenVyZSBHdWVzdCBPUyA0LjIxIChSZWxlYXNlIDIwMTUwNi0wMSk=</Label><IsDefault>true</IsDefault>'
    '<IsActive>true</IsActive><Family>4</Family><FamilyLabel>V2luZG93cyBTZXJ2ZXIgMjAxMiBSMg==</FamilyLabel>'
    '</OperatingSystem></OperatingSystems>' % ROOT)

FAMILIES = (
    '<OperatingSystemFamilies %s><OperatingSystemFamily><Name>4</Name><Label>V2luZG93cyBTZXJ2ZXIgMjAxMiBSMg==</Label>'
    '<OperatingSystems><OperatingSystem><Version>WA-GUEST-OS-4.21_201506-01</Version>'
    '<Label>V2luZG93cyBBenVyZSBHdWVzdCBPUyA0LjIxIChSZWxlYXNlIDIwMTUwNi0wMSk=</Label><IsDefault>true</IsDefault>'
    '<IsActive>true</IsActive></OperatingSystem></OperatingSystems></OperatingSystemFamily></OperatingSystemFamilies>' % ROOT)


def test_locations_from_the_recorded_list(make_client):
    client, adapter = make_client([(200, fixture_bytes("locations.xml"))])
    locations = catalog.list_locations(client)
    assert calls(adapter) == [("GET", "locations")]
    west = [item for item in locations if item["name"] == "West US"][0]
    assert west["display_name"] == "West US"
    assert "PersistentVMRole" in west["available_services"]
    assert "Small" in west["compute_capabilities"]["virtual_machines_role_sizes"]
    assert "Basic_A0" not in west["compute_capabilities"]["web_worker_role_sizes"]


def test_role_sizes_from_the_recorded_list(make_client):
    client, adapter = make_client([(200, fixture_bytes("role_sizes.xml"))])
    sizes = dict((item["name"], item) for item in catalog.list_role_sizes(client))
    assert calls(adapter) == [("GET", "rolesizes")]
    assert sizes["A5"]["cores"] == 2 and sizes["A5"]["memory_in_mb"] == 14336
    assert sizes["Basic_A0"]["supported_by_web_worker_roles"] is False
    assert sizes["A5"]["label"] == "A5 (2 cores, 14336 MB)"


def test_operating_systems_decode_their_labels(make_client):
    client, _adapter = make_client([(200, OPERATING_SYSTEMS)])
    assert catalog.list_operating_systems(client) == [dict(
        version="WA-GUEST-OS-4.21_201506-01", label="Windows Azure Guest OS 4.21 (Release 201506-01)",
        is_default=True, is_active=True, family=4, family_label="Windows Server 2012 R2")]


def test_families_with_their_versions(make_client):
    client, adapter = make_client([(200, FAMILIES)])
    families = catalog.list_operating_system_families(client)
    assert calls(adapter) == [("GET", "operatingsystemfamilies")]
    assert families == [dict(name="4", label="Windows Server 2012 R2", operating_systems=[dict(
        version="WA-GUEST-OS-4.21_201506-01", label="Windows Azure Guest OS 4.21 (Release 201506-01)",
        is_default=True, is_active=True)])]
