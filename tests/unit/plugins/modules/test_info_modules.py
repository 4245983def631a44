# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from ansible_collections.azure_classic.servicemanagement.plugins.modules import hosted_service_info
from ansible_collections.azure_classic.servicemanagement.plugins.modules import location_info
from ansible_collections.azure_classic.servicemanagement.plugins.modules import operating_system_info
from ansible_collections.azure_classic.servicemanagement.plugins.modules import operation_info
from ansible_collections.azure_classic.servicemanagement.plugins.modules import os_image_info
from ansible_collections.azure_classic.servicemanagement.plugins.modules import role_size_info
from ansible_collections.azure_classic.servicemanagement.plugins.modules import storage_account_info
from ansible_collections.azure_classic.servicemanagement.tests.unit.plugins.module_utils.test_catalog import FAMILIES
from ansible_collections.azure_classic.servicemanagement.tests.unit.plugins.module_utils.test_catalog import OPERATING_SYSTEMS
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import fixture_bytes
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import operation_body
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import run_module
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import calls
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import hosted_service_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import hosted_services_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import not_found
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import os_image_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import os_images_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import storage_account_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import storage_accounts_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import storage_keys_xml


def run(make_client, main, args, answers, **kwargs):
    client, adapter = make_client(answers)
    return run_module(main, args, client=client, **kwargs), calls(adapter)


def test_hosted_services_with_deployments_in_one_request(make_client):
    services = ["svc%03d" % index for index in range(200)]
    body = hosted_services_xml([hosted_service_xml(name, deployments=[(name + "-vm", "Production")], root=False)
                                for name in services])
    result, sent = run(make_client, hosted_service_info.main, dict(embed_detail=True), [(200, body)], check_mode=True)
    assert sent == [("GET", "services/hostedservices?embed-detail=true")]
    assert result["changed"] is False and len(result["hosted_services"]) == 200
    assert result["hosted_services"][7]["deployments"][0]["name"] == "svc007-vm"


def test_one_hosted_service_has_the_state_module_shape(make_client):
    from ansible_collections.azure_classic.servicemanagement.plugins.modules import hosted_service
    body = hosted_service_xml("svc1", deployments=[])
    info, _sent = run(make_client, hosted_service_info.main, dict(name="svc1", embed_detail=True), [(200, body)])
    state, _sent = run(make_client, hosted_service.main, dict(name="svc1"), [(200, body)])
    assert info["hosted_services"] == [state["hosted_service"]]


def test_a_missing_hosted_service_is_an_empty_list(make_client):
    result, sent = run(make_client, hosted_service_info.main, dict(name="nope"), [not_found()])
    assert result["hosted_services"] == []
    assert sent == [("GET", "services/hostedservices/nope?embed-detail=false")]


def test_storage_accounts_without_keys(make_client):
    body = storage_accounts_xml([storage_account_xml("one", root=False), storage_account_xml("two", root=False)])
    result, sent = run(make_client, storage_account_info.main, {}, [(200, body)])
    assert [item["name"] for item in result["storage_accounts"]] == ["one", "two"]
    assert all("storage_service_keys" not in item for item in result["storage_accounts"])
    assert sent == [("GET", "services/storageservices")]


def test_storage_account_keys_only_when_asked(make_client):
    result, sent = run(make_client, storage_account_info.main, dict(name="one", show_keys=True),
                       [(200, storage_account_xml("one")), (200, storage_keys_xml("one"))])
    assert result["storage_accounts"][0]["storage_service_keys"] == dict(primary="cHJpbWFyeQ==", secondary="c2Vjb25kYXJ5")
    assert sent == [("GET", "services/storageservices/one"), ("GET", "services/storageservices/one/keys")]


def test_storage_account_info_shape_matches_the_state_module(make_client):
    from ansible_collections.azure_classic.servicemanagement.plugins.modules import storage_account
    body = storage_account_xml("one")
    info, _sent = run(make_client, storage_account_info.main, dict(name="one"), [(200, body)])
    state, _sent = run(make_client, storage_account.main, dict(name="one"), [(200, body)])
    assert info["storage_accounts"] == [state["storage_account"]]


IMAGES = os_images_xml([
    os_image_xml("mine", label="Golden CentOS", root=False),
    os_image_xml("pub-ubuntu", category="Public", label="Ubuntu Server 14.04 LTS", location="East US;West US",
                 root=False, PublisherName="Canonical", ImageFamily="Ubuntu Server 14.04 LTS"),
    os_image_xml("pub-win", category="Public", os="Windows", label="Windows Server 2012", location="West US",
                 root=False, PublisherName="Microsoft Windows Server Group"),
])


def test_os_image_filters_apply_to_one_list_call(make_client):
    result, sent = run(make_client, os_image_info.main, dict(os="Linux", category="public", location="West US",
                                                             label_regex="^Ubuntu"), [(200, IMAGES)])
    assert [item["name"] for item in result["os_images"]] == ["pub-ubuntu"]
    assert sent == [("GET", "services/images")]


def test_os_image_filter_by_publisher(make_client):
    result, _sent = run(make_client, os_image_info.main, dict(publisher="microsoft windows server group"), [(200, IMAGES)])
    assert [item["name"] for item in result["os_images"]] == ["pub-win"]


def test_os_image_bad_regex_fails_before_any_request(make_client):
    result, sent = run(make_client, os_image_info.main, dict(label_regex="(unclosed"), [])
    assert result["failed"] is True and result["option"] == "label_regex" and sent == []


def test_one_os_image(make_client):
    result, sent = run(make_client, os_image_info.main, dict(name="mine"), [(200, os_image_xml("mine"))])
    assert [item["name"] for item in result["os_images"]] == ["mine"] and sent == [("GET", "services/images/mine")]


def test_locations_filtered_by_name(make_client):
    result, sent = run(make_client, location_info.main, dict(name="west us"), [(200, fixture_bytes("locations.xml"))])
    assert [item["name"] for item in result["locations"]] == ["West US"]
    assert sent == [("GET", "locations")]


def test_role_sizes(make_client):
    result, _sent = run(make_client, role_size_info.main, {}, [(200, fixture_bytes("role_sizes.xml"))])
    assert len(result["role_sizes"]) > 10
    result, _sent = run(make_client, role_size_info.main, dict(name="small"), [(200, fixture_bytes("role_sizes.xml"))])
    assert [item["name"] for item in result["role_sizes"]] == ["Small"]


def test_operating_systems_and_families(make_client):
    result, sent = run(make_client, operating_system_info.main, {}, [(200, OPERATING_SYSTEMS), (200, FAMILIES)])
    assert result["operating_systems"][0]["family_label"] == "Windows Server 2012 R2"
    assert result["operating_system_families"][0]["name"] == "4"
    assert sent == [("GET", "operatingsystems"), ("GET", "operatingsystemfamilies")]
    result, _sent = run(make_client, operating_system_info.main, dict(family="2"), [(200, OPERATING_SYSTEMS), (200, FAMILIES)])
    assert result["operating_systems"] == [] and result["operating_system_families"] == []


def test_operation_status(make_client):
    result, sent = run(make_client, operation_info.main, dict(request_id="abc"),
                       [(200, operation_body("Failed", 409, "ConflictError", "Busy."))], check_mode=True)
    assert result["changed"] is False
    assert result["operation"]["status"] == "Failed"
    assert result["operation"]["error"] == dict(code="ConflictError", message="Busy.")
    assert sent == [("GET", "operations/abc")]


def test_unknown_operation_fails_cleanly(make_client):
    result, _sent = run(make_client, operation_info.main, dict(request_id="nope"), [not_found("Unknown operation.")])
    assert result["failed"] is True and result["status"] == 404
