# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import asm_xml
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import fixture_bytes

NASTY = "p&ss<w>rd\"'x"


def test_build_escapes_and_round_trips():
    body = asm_xml.build("ConfigurationSet", [("UserName", "azure&user"), ("UserPassword", NASTY)])
    root = ET.fromstring(body)
    assert root.find("{%s}UserPassword" % asm_xml.NS).text == NASTY
    assert root.find("{%s}UserName" % asm_xml.NS).text == "azure&user"
    assert b"&amp;" in body and b"&lt;" in body


def test_build_keeps_order_omits_none_and_writes_booleans():
    body = asm_xml.build("Root", [("B", "2"), ("Skip", None), ("A", True), ("C", [("D", 1), ("D", False)])])
    assert body.startswith(b'<Root xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/windowsazure">')
    assert b"<B>2</B><A>true</A><C><D>1</D><D>false</D></C>" in body
    assert b"Skip" not in body
    assert not body.startswith(b"<?xml")


def test_snake_case_of_asm_names():
    assert asm_xml.snake_case("OSVirtualHardDisk") == "os_virtual_hard_disk"
    assert asm_xml.snake_case("VirtualIPs") == "virtual_ips"
    assert asm_xml.snake_case("LogicalDiskSizeInGB") == "logical_disk_size_in_gb"
    assert asm_xml.snake_case("PrivateID") == "private_id"
    assert asm_xml.snake_case("VMImageName") == "vm_image_name"
    assert asm_xml.snake_case("IpAddress") == "ip_address"
    assert asm_xml.snake_case("PublicIPs") == "public_ips"
    assert asm_xml.snake_case("VMImages") == "vm_images"


def test_base64_labels():
    assert asm_xml.b64encode_text("my label é") == "bXkgbGFiZWwgw6k="
    assert asm_xml.b64decode_text("bXkgbGFiZWwgw6k=") == "my label é"
    assert asm_xml.b64decode_text("not base64!") == "not base64!"


def test_parse_hosted_service_recording():
    tag, value = asm_xml.parse_to_dict(fixture_bytes("hosted_service.xml"))
    assert tag == "HostedService"
    props = value["hosted_service_properties"]
    assert props["location"] == "West US"
    assert asm_xml.b64decode_text(props["label"]) == "utsvc8fe71723label"
    assert props["extended_properties"] == {"ext1": "val1", "ext2": "42"}


def test_parse_storage_account_recording():
    _tag, value = asm_xml.parse_to_dict(fixture_bytes("storage_account_properties.xml"))
    props = value["storage_service_properties"]
    assert props["endpoints"][0] == "https://utstorf25c18d6.blob.core.windows.net/"
    assert props["geo_secondary_region"] == ""
    assert props["custom_domains"] == []
    assert props["account_type"] == "Standard_LRS"
    assert value["extended_properties"]["ResourceLocation"] == "West US"
    assert value["capabilities"] == ["PersistentVMRole"]


def test_parse_deployment_recording_lists_and_numbers():
    _tag, value = asm_xml.parse_to_dict(fixture_bytes("services_hostedservices_oddkinz1_deploymentslots_Production.xml"))
    instance = value["role_instance_list"][0]
    assert instance["instance_status"] == "ReadyRole"
    assert instance["instance_endpoints"][0]["public_port"] == 22
    assert isinstance(instance["instance_upgrade_domain"], int)
    role = value["role_list"][0]
    assert role["role_name"] == "dc01"
    assert isinstance(value["virtual_ips"], list)
    assert value["locked"] is False


def test_parse_embed_detail_service_has_deployments():
    _tag, value = asm_xml.parse_to_dict(fixture_bytes("services_hostedservices_dcoddkinztest01.xml"))
    assert isinstance(value["deployments"], list) and value["deployments"][0]["name"]


def test_parse_locations_and_role_sizes():
    _tag, locations = asm_xml.parse_to_dict(fixture_bytes("locations.xml"))
    assert isinstance(locations, list) and locations[0]["name"]
    assert "Compute" in locations[0]["available_services"]
    _tag, sizes = asm_xml.parse_to_dict(fixture_bytes("role_sizes.xml"))
    small = [size for size in sizes if size["name"] == "Small"][0]
    assert small["cores"] == 1 and small["memory_in_mb"] == 1792
    assert small["supported_by_virtual_machines"] is True


def test_nil_becomes_none():
    body = b'<X xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Description i:nil="true"/><A>1</A></X>'
    assert asm_xml.parse_to_dict(body)[1] == {"description": None, "a": "1"}


@pytest.mark.parametrize("body", [
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
    b'<!doctype html><html></html>',
    b'<x><!ENTITY y SYSTEM "file:///etc/passwd"></x>',
])
def test_doctype_and_entities_are_refused(body):
    with pytest.raises(AsmError) as info:
        asm_xml.parse(body)
    assert "DOCTYPE" in info.value.message


def test_malformed_xml_is_an_asm_error():
    with pytest.raises(AsmError):
        asm_xml.parse(b"<open>")


def test_parse_error_document():
    code, message = asm_xml.parse_error(fixture_bytes("services_storageservices_dss123.xml"))
    assert code == "ResourceNotFound"
    assert message.startswith("The storage account ") and "dss123" in message
    assert asm_xml.parse_error(b"<html>oops</html>") == (None, None)
    assert asm_xml.parse_error(b"") == (None, None)


def test_as_list_normalises_parsed_containers():
    assert asm_xml.as_list(None) == []
    assert asm_xml.as_list("") == []
    assert asm_xml.as_list({"name": "a"}) == [{"name": "a"}]
    assert asm_xml.as_list([1, 2]) == [1, 2]
