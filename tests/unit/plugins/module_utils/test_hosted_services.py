# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import hosted_services
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import fixture_bytes
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import body_children
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import body_root
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import calls
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import hosted_service_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import hosted_services_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import not_found
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import succeeded


def test_get_reads_the_recorded_service_with_its_label_decoded(make_client):
    client, adapter = make_client([(200, fixture_bytes("hosted_service.xml"))])
    service = hosted_services.get(client, "utsvc8fe71723")
    assert calls(adapter) == [("GET", "services/hostedservices/utsvc8fe71723?embed-detail=true")]
    assert service == dict(
        name="utsvc8fe71723",
        url="https://management.core.windows.net/00000000-0000-0000-0000-000000000000/services/hostedservices/utsvc8fe71723",
        label="utsvc8fe71723label", description="utsvc8fe71723description", location="West US",
        affinity_group=None, status="Created", date_created="2015-07-02T02:05:23Z",
        date_last_modified="2015-07-02T02:05:23Z", extended_properties={"ext2": "42", "ext1": "val1"},
        deployments=[],
    )


def test_get_lists_the_embedded_deployments_names_and_slots(make_client):
    client, _adapter = make_client([(200, fixture_bytes("services_hostedservices_dcoddkinztest01.xml"))])
    service = hosted_services.get(client, "dcoddkinztest01")
    assert service["description"] is None
    assert [(item["name"], item["deployment_slot"], item["status"], item["label"]) for item in service["deployments"]] \
        == [("dc03", "Production", "Running", "dc03")]


def test_get_without_detail_has_no_deployments_key(make_client):
    client, adapter = make_client([(200, fixture_bytes("hosted_service.xml"))])
    assert "deployments" not in hosted_services.get(client, "svc", embed_detail=False)
    assert calls(adapter) == [("GET", "services/hostedservices/svc?embed-detail=false")]


def test_get_of_a_missing_service_is_none(make_client):
    client, _adapter = make_client([not_found("The hosted service does not exist.")])
    assert hosted_services.get(client, "nope") is None


def test_list_all_with_detail_is_one_request(make_client):
    body = hosted_services_xml([hosted_service_xml("a", deployments=[("a-vm", "Production")], root=False),
                                hosted_service_xml("b", deployments=[], root=False)])
    client, adapter = make_client([(200, body)])
    services = hosted_services.list_all(client, embed_detail=True)
    assert calls(adapter) == [("GET", "services/hostedservices?embed-detail=true")]
    assert [(item["name"], [d["name"] for d in item["deployments"]]) for item in services] == [("a", ["a-vm"]), ("b", [])]


def test_list_all_reads_the_recorded_list(make_client):
    client, adapter = make_client([(200, fixture_bytes("hosted_services.xml"))])
    services = hosted_services.list_all(client)
    assert calls(adapter) == [("GET", "services/hostedservices")]
    assert services[0]["name"] == "crwcent" and services[0]["label"] == "crwcent"
    assert all("deployments" not in item for item in services)


def test_create_sends_the_sdk_element_order_with_a_base64_label(make_client):
    client, adapter = make_client([(201, ""), succeeded()])
    operation = hosted_services.create(client, "svc", "my label", description="d & <e>", location="West US",
                                       extended_properties={"b": 2, "a": "x"})
    assert operation["status"] == "Succeeded"
    request = adapter.requests[0]
    assert (request.method, body_root(request)) == ("POST", "CreateHostedService")
    assert body_children(request) == [
        ("ServiceName", "svc"), ("Label", "bXkgbGFiZWw="), ("Description", "d & <e>"), ("Location", "West US"),
        ("ExtendedProperties", [("ExtendedProperty", [("Name", "a"), ("Value", "x")]),
                                ("ExtendedProperty", [("Name", "b"), ("Value", "2")])]),
    ]
    assert calls(adapter)[1][0] == "GET" and calls(adapter)[1][1].startswith("operations/")


def test_create_in_an_affinity_group(make_client):
    client, adapter = make_client([(201, ""), succeeded()])
    hosted_services.create(client, "svc", "svc", affinity_group="ag1")
    assert body_children(adapter.requests[0]) == [("ServiceName", "svc"), ("Label", "c3Zj"), ("AffinityGroup", "ag1")]


def test_update_sends_only_the_given_fields(make_client):
    client, adapter = make_client([(200, ""), succeeded()])
    hosted_services.update(client, "svc", description="new")
    assert calls(adapter)[0] == ("PUT", "services/hostedservices/svc")
    assert body_root(adapter.requests[0]) == "UpdateHostedService"
    assert body_children(adapter.requests[0]) == [("Description", "new")]


def test_delete_with_its_deployments_is_one_request(make_client):
    client, adapter = make_client([(200, ""), succeeded(), (202, ""), succeeded()])
    hosted_services.delete(client, "svc")
    hosted_services.delete(client, "svc", delete_deployments=True)
    assert [call for call in calls(adapter) if not call[1].startswith("operations/")] == [
        ("DELETE", "services/hostedservices/svc"),
        ("DELETE", "services/hostedservices/svc?comp=media"),
    ]


def test_delete_without_waiting_returns_the_request_id(make_client):
    client, adapter = make_client([(200, "", {"x-ms-request-id": "abc"})])
    assert hosted_services.delete(client, "svc", wait=False)["request_id"] == "abc"
    assert len(adapter.requests) == 1


def test_option_errors_name_the_option():
    assert hosted_services.option_errors(name="good-name1", label="x" * 100, description="d") == []
    errors = dict(hosted_services.option_errors(name="-bad", label="x" * 101, description="d" * 1025,
                                                extended_properties={"1bad": "v"}))
    assert set(errors) == {"name", "label", "description", "extended_properties"}
    assert "1 to 63 letters, digits and hyphens" in errors["name"]
    assert "at most 100 characters" in errors["label"]
    assert "at most 1024 characters" in errors["description"]


def test_planned_service_fills_what_the_task_knows():
    planned = hosted_services.planned("svc", "lbl", location="West US", extended_properties={"n": 1})
    assert planned["label"] == "lbl" and planned["extended_properties"] == {"n": "1"}
    assert planned["deployments"] == [] and planned["url"] is None
