# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import storage_accounts
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import fixture_bytes
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import body_children
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import body_root
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import calls
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import storage_account_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import storage_accounts_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import storage_keys_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import succeeded


def test_get_reads_the_recorded_account(make_client):
    client, adapter = make_client([(200, fixture_bytes("storage_account_properties.xml"))])
    account = storage_accounts.get(client, "utstorf25c18d6")
    assert calls(adapter) == [("GET", "services/storageservices/utstorf25c18d6")]
    assert account == dict(
        name="utstorf25c18d6",
        url="https://management.core.windows.net/00000000-0000-0000-0000-000000000000/services/storageservices/utstorf25c18d6",
        label="utstorf25c18d6label", description="utstorf25c18d6description", location="West US",
        affinity_group=None, account_type="Standard_LRS", status="Created",
        endpoints=["https://utstorf25c18d6.blob.core.windows.net/", "https://utstorf25c18d6.queue.core.windows.net/",
                   "https://utstorf25c18d6.table.core.windows.net/", "https://utstorf25c18d6.file.core.windows.net/"],
        geo_primary_region="West US", status_of_primary="Available", geo_secondary_region=None,
        status_of_secondary=None, creation_time="2015-07-01T00:10:49Z",
        extended_properties={"ext1": "val1", "ext2": "42", "ResourceGroup": "Default-Storage-WestUS",
                             "ResourceLocation": "West US"},
    )


def test_get_of_the_recorded_missing_account_is_none(make_client):
    client, _adapter = make_client([(404, fixture_bytes("services_storageservices_dss123.xml"))])
    assert storage_accounts.get(client, "dss123") is None


def test_list_all_is_one_request(make_client):
    client, adapter = make_client([(200, storage_accounts_xml([storage_account_xml("one", root=False),
                                                               storage_account_xml("two", root=False)]))])
    assert [item["name"] for item in storage_accounts.list_all(client)] == ["one", "two"]
    assert calls(adapter) == [("GET", "services/storageservices")]


def test_keys(make_client):
    client, adapter = make_client([(200, storage_keys_xml("one"))])
    assert storage_accounts.get_keys(client, "one") == dict(primary="cHJpbWFyeQ==", secondary="c2Vjb25kYXJ5")
    assert calls(adapter) == [("GET", "services/storageservices/one/keys")]


def test_create_body_in_the_sdk_order(make_client):
    client, adapter = make_client([(202, ""), succeeded()])
    storage_accounts.create(client, "store1", "Disks", description="d", location="West US",
                            account_type="Standard_LRS", extended_properties={"k": "v"})
    assert body_root(adapter.requests[0]) == "CreateStorageServiceInput"
    assert body_children(adapter.requests[0]) == [
        ("ServiceName", "store1"), ("Description", "d"), ("Label", "RGlza3M="), ("Location", "West US"),
        ("ExtendedProperties", [("ExtendedProperty", [("Name", "k"), ("Value", "v")])]), ("AccountType", "Standard_LRS"),
    ]


def test_create_without_account_type_leaves_the_default_to_the_service(make_client):
    client, adapter = make_client([(202, ""), succeeded()])
    storage_accounts.create(client, "store1", "store1", affinity_group="ag")
    assert body_children(adapter.requests[0]) == [("ServiceName", "store1"), ("Label", "c3RvcmUx"), ("AffinityGroup", "ag")]


def test_update_never_sends_an_account_type_the_task_did_not_set(make_client):
    client, adapter = make_client([(200, ""), succeeded()])
    storage_accounts.update(client, "store1", label="new")
    assert calls(adapter)[0] == ("PUT", "services/storageservices/store1")
    assert body_children(adapter.requests[0]) == [("Label", "bmV3")]


def test_update_of_the_account_type(make_client):
    client, adapter = make_client([(200, ""), succeeded()])
    storage_accounts.update(client, "store1", account_type="Standard_RAGRS")
    assert body_children(adapter.requests[0]) == [("AccountType", "Standard_RAGRS")]


def test_delete(make_client):
    client, adapter = make_client([(200, ""), succeeded()])
    storage_accounts.delete(client, "store1")
    assert calls(adapter)[0] == ("DELETE", "services/storageservices/store1")


@pytest.mark.parametrize("name", ["ab", "a" * 25, "Upper1", "with-dash", "under_score"])
def test_names_the_service_refuses_are_caught_before_any_request(name):
    errors = storage_accounts.option_errors(name=name)
    assert errors and errors[0][0] == "name" and "3 to 24 lowercase letters and digits" in errors[0][1]


@pytest.mark.parametrize("name", ["abc", "a" * 24, "store2015"])
def test_valid_names(name):
    assert storage_accounts.option_errors(name=name) == []
