# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import vm_images
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmOperationTimeout
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import fixture_bytes
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import body_children
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import body_root
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import calls
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import succeeded
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.vm_deployment_bodies import operation_body
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.vm_image_bodies import platform_image
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.vm_image_bodies import user_image
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.vm_image_bodies import vm_images_body

ACCEPTED = (202, "", {"x-ms-request-id": "req-1"})
CAPTURE_PATH = "services/hostedservices/svc/deployments/dep/roleinstances/vm1/Operations"
IMAGE = dict(name="golden", label="Golden image", os_state="Specialized")


def test_reads_the_recorded_libcloud_listing(make_client):
    client, adapter = make_client([(200, fixture_bytes("services_vmimages.xml"))])
    [image] = vm_images.list_images(client)
    assert calls(adapter) == [("GET", "services/vmimages")]
    assert (image["name"], image["label"], image["category"], image["service_name"], image["deployment_name"],
            image["role_name"], image["location"], image["created_time"], image["is_premium"]) == (
        "test-vm-20140926-782617", "test-vm", "User", "test-service", "test-deployment", "test-role", "Central US",
        "2014-09-26T17:39:34.5199416Z", False)
    assert image["os_disk_configuration"] == dict(
        name="test-vm-20140926-782617-os-2014-09-26", os="Linux", os_state="Generalized", host_caching="ReadWrite",
        media_link="https://portal.blob.core.windows.net/vhds/test-vm-20140926-782617-os-2014-09-26.vhd",
        logical_disk_size_in_gb=30, io_type=None)
    assert image["data_disk_configurations"] == []
    # Fields the listing does not carry are None, never missing: the module and its info twin agree on the keys.
    assert image["role_state_on_capture"] is None and image["vm_image_state"] is None


def test_captured_image_fields(make_client):
    client, _adapter = make_client([(200, vm_images_body(user_image(data_luns=(1, 0), description="gold",
                                                                    language="english")))])
    [image] = vm_images.list_images(client)
    assert [disk["lun"] for disk in image["data_disk_configurations"]] == [0, 1]
    assert image["data_disk_configurations"][0]["logical_disk_size_in_gb"] == 100
    assert (image["description"], image["language"], image["role_state_on_capture"], image["role_size_on_capture"],
            image["vm_image_state"]) == ("gold", "english", "ReadyRole", "Small", "VMImageReadyForUse")


def test_the_api_filters_go_in_the_query_in_the_documented_order(make_client):
    client, adapter = make_client([(200, vm_images_body())])
    assert vm_images.list_images(client, location="West US", publisher="me", category="User") == []
    assert calls(adapter) == [("GET", "services/vmimages?location=West%20US&publisher=me&category=User")]


def test_get_finds_by_name_ignoring_case_in_one_request(make_client):
    client, adapter = make_client([(200, vm_images_body(platform_image(), user_image("Golden")))])
    assert vm_images.get(client, "golden")["name"] == "Golden"
    assert len(adapter.requests) == 1


def test_get_of_a_missing_image_is_none(make_client):
    client, _adapter = make_client([(200, vm_images_body(user_image("other")))])
    assert vm_images.get(client, "golden") is None


@pytest.mark.parametrize("filters, expected", [
    (dict(), True),
    (dict(os="linux"), True),
    (dict(os="Windows"), False),
    (dict(os_state="specialized"), True),
    (dict(os_state="Generalized"), False),
    (dict(os="Linux", os_state="Generalized"), False),
])
def test_local_filters(filters, expected):
    image = vm_images.curate(dict(name="a", os_disk_configuration=dict(os="Linux", os_state="Specialized")))
    assert vm_images.matches(image, **filters) is expected


def test_capture_body_in_schema_order_and_escaped():
    body = vm_images.capture_body("img", "A & <B>", "Generalized", description='"quoted"', language="english",
                                  image_family="fam", recommended_vm_size="Small")
    assert b"A &amp; &lt;B&gt;" in body
    root = ET.fromstring(body)
    assert root.tag == "{http://schemas.microsoft.com/windowsazure}CaptureRoleAsVMImageOperation"
    assert [(child.tag.split("}")[1], child.text) for child in root] == [
        ("OperationType", "CaptureRoleAsVMImageOperation"), ("OSState", "Generalized"), ("VMImageName", "img"),
        ("VMImageLabel", "A & <B>"), ("Description", '"quoted"'), ("Language", "english"), ("ImageFamily", "fam"),
        ("RecommendedVMSize", "Small")]


def test_capture_body_leaves_out_what_is_not_set():
    body = vm_images.capture_body("img", "img", "Specialized")
    assert b"<Description" not in body and b"<Language" not in body


def test_capture_follows_the_operation_then_the_list_until_the_image_is_ready(make_client, clock):
    client, adapter = make_client([
        ACCEPTED,
        (200, operation_body("InProgress")),
        succeeded(),
        (200, vm_images_body()),
        (200, vm_images_body(user_image("golden", state="CreatingVMImage"))),
        (200, vm_images_body(user_image("golden"))),
    ])
    operation = vm_images.capture(client, "svc", "dep", "vm1", IMAGE, wait=True, timeout=600)
    assert operation["status"] == "Succeeded"
    sent = calls(adapter)
    assert sent[0] == ("POST", CAPTURE_PATH)
    assert sent[1:] == [("GET", "operations/req-1")] * 2 + [("GET", "services/vmimages")] * 3
    assert body_root(adapter.requests[0]) == "CaptureRoleAsVMImageOperation"
    assert body_children(adapter.requests[0])[:4] == [
        ("OperationType", "CaptureRoleAsVMImageOperation"), ("OSState", "Specialized"), ("VMImageName", "golden"),
        ("VMImageLabel", "Golden image")]


def test_capture_without_wait_returns_the_request_id_at_once(make_client):
    client, adapter = make_client([ACCEPTED])
    operation = vm_images.capture(client, "svc", "dep", "vm1", IMAGE, wait=False)
    assert (operation["request_id"], operation["status"]) == ("req-1", "Accepted")
    assert len(adapter.requests) == 1


def test_waiting_for_the_image_has_one_deadline(make_client, clock):
    not_listed = (200, vm_images_body())
    client, _adapter = make_client([ACCEPTED, succeeded()] + [not_listed] * 40)
    with pytest.raises(AsmOperationTimeout) as caught:
        vm_images.capture(client, "svc", "dep", "vm1", IMAGE, wait=True, timeout=20)
    assert "not listed yet" in str(caught.value)
    assert clock.now - 1000.0 <= 20.0


def test_delete_with_the_vhds(make_client):
    client, adapter = make_client([ACCEPTED, succeeded()])
    image = vm_images.curate(dict(name="golden", category="User"))
    vm_images.delete(client, image, delete_vhds=True)
    assert calls(adapter)[0] == ("DELETE", "services/vmimages/golden?comp=media")


def test_delete_keeps_the_vhds_by_default(make_client):
    client, adapter = make_client([ACCEPTED, succeeded()])
    vm_images.delete(client, vm_images.curate(dict(name="golden", category="User")))
    assert calls(adapter)[0] == ("DELETE", "services/vmimages/golden")


def test_platform_images_are_never_deleted(make_client):
    client, adapter = make_client([])
    with pytest.raises(AsmError) as caught:
        vm_images.delete(client, vm_images.curate(dict(name="pub", category="Public")))
    assert caught.value.option == "name" and "platform image" in str(caught.value)
    assert adapter.requests == []


def test_source_differences_look_only_at_what_the_task_names():
    image = vm_images.curate(dict(name="a", service_name="svc", deployment_name="dep", role_name="vm1"))
    assert vm_images.source_differences(image, "SVC", "dep", None) == []
    assert vm_images.source_differences(image, "svc", "dep", "vm2") == ["role_name vm2 (the image was captured from vm1)"]
    assert vm_images.source_differences(image, None, None, None) == []


def test_capture_option_differences():
    image = vm_images.curate(dict(name="a", label="A", os_disk_configuration=dict(os_state="Specialized")))
    assert vm_images.capture_option_differences(image, os_state="specialized", label="A") == []
    assert vm_images.capture_option_differences(image, os_state="Generalized", description="new") == [
        "os_state Generalized (the image is Specialized)", "description 'new' (the image has None)"]


def test_planned_image_from_the_source_role():
    role = dict(role_name="vm1", role_size="Medium", os_disk=dict(os="Linux", host_caching="ReadWrite"),
                data_disks=[dict(lun=0, size_gb=100, host_caching="ReadOnly")])
    image = vm_images.planned(dict(IMAGE, language="english"), "svc", "dep", role, location="West US")
    assert (image["name"], image["category"], image["service_name"], image["deployment_name"], image["role_name"],
            image["location"], image["language"], image["role_size_on_capture"]) == (
        "golden", "User", "svc", "dep", "vm1", "West US", "english", "Medium")
    assert image["os_disk_configuration"]["os"] == "Linux"
    assert image["os_disk_configuration"]["os_state"] == "Specialized"
    assert image["data_disk_configurations"][0]["logical_disk_size_in_gb"] == 100
    # The same keys as an image read from the service.
    assert set(image) == set(vm_images.curate({}))
    assert set(image["os_disk_configuration"]) == set(vm_images.curate({})["os_disk_configuration"])


@pytest.mark.parametrize("options, option", [
    (dict(name="has space"), "name"),
    (dict(name="-dash"), "name"),
    (dict(name="x" * 257), "name"),
    (dict(label=""), "label"),
    (dict(label="x" * 101), "label"),
    (dict(description="x" * 1025), "description"),
])
def test_option_errors(options, option):
    assert vm_images.option_errors(**options)[0][0] == option


def test_valid_options_have_no_errors():
    assert vm_images.option_errors(name="web01-golden_1.0", label="Golden", description="ok") == []
