# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.azure_classic.servicemanagement.plugins.modules import hosted_service
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import error_body
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import run_module
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import body_children
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import calls
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import hosted_service_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import not_found
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import succeeded

GET = ("GET", "services/hostedservices/svc1?embed-detail=true")
EXISTING = hosted_service_xml("svc1", label="Web", description="front", extended_properties={"owner": "web"},
                              deployments=[])


@pytest.fixture
def run(make_client):
    def run(args, answers, **kwargs):
        client, adapter = make_client(answers)
        result = run_module(hosted_service.main, dict(dict(name="svc1"), **args), client=client, **kwargs)
        return result, calls(adapter), adapter
    return run


def writes(sent):
    return [call for call in sent if call[0] != "GET"]


def test_create(run):
    result, sent, adapter = run(dict(location="West US", description="front"), [
        not_found(), (201, "", {"x-ms-request-id": "req1"}), succeeded(), (200, EXISTING)])
    assert result["changed"] is True and result["request_id"] == "req1"
    assert result["hosted_service"]["name"] == "svc1" and result["hosted_service"]["deployments"] == []
    assert sent == [GET, ("POST", "services/hostedservices"), ("GET", "operations/req1"), GET]
    assert body_children(adapter.requests[1])[:4] == [
        ("ServiceName", "svc1"), ("Label", "c3ZjMQ=="), ("Description", "front"), ("Location", "West US")]


def test_second_run_is_one_get_and_unchanged(run):
    result, sent, _adapter = run(dict(location="West US", label="Web", description="front",
                                      extended_properties={"owner": "web"}), [(200, EXISTING)])
    assert result["changed"] is False
    assert sent == [GET]
    assert result["hosted_service"]["label"] == "Web"


def test_options_not_set_are_not_enforced(run):
    result, sent, _adapter = run(dict(), [(200, EXISTING)])
    assert (result["changed"], sent) == (False, [GET])


def test_check_mode_update_changes_nothing_on_the_server(run):
    result, sent, _adapter = run(dict(label="New"), [(200, EXISTING)], check_mode=True, diff=True)
    assert result["changed"] is True
    assert sent == [GET]
    assert result["hosted_service"]["label"] == "New"
    assert result["diff"]["before"]["label"] == "Web" and result["diff"]["after"]["label"] == "New"


def test_update_sends_one_put_with_only_the_differences(run):
    updated = hosted_service_xml("svc1", label="New", description="front", extended_properties={"owner": "web"},
                                 deployments=[])
    result, sent, adapter = run(dict(label="New", description="front"), [
        (200, EXISTING), (200, "", {"x-ms-request-id": "req2"}), succeeded(), (200, updated)], diff=True)
    assert result["changed"] is True
    assert writes(sent) == [("PUT", "services/hostedservices/svc1")]
    assert body_children(adapter.requests[1]) == [("Label", "TmV3")]
    assert result["diff"] == dict(before=dict(result["diff"]["before"], label="Web"),
                                  after=dict(result["diff"]["before"], label="New"))


def test_update_of_extended_properties_keeps_the_others(run):
    updated = hosted_service_xml("svc1", label="Web", extended_properties={"owner": "ops"}, deployments=[])
    result, _sent, adapter = run(dict(extended_properties={"owner": "ops", "tier": 1}), [
        (200, EXISTING), (200, ""), succeeded(), (200, updated)])
    assert result["changed"] is True
    assert body_children(adapter.requests[1]) == [("ExtendedProperties", [
        ("ExtendedProperty", [("Name", "owner"), ("Value", "ops")]),
        ("ExtendedProperty", [("Name", "tier"), ("Value", "1")])])]


def test_a_different_location_fails_and_says_why(run):
    result, sent, _adapter = run(dict(location="East US"), [(200, EXISTING)])
    assert result["failed"] is True and result["option"] == "location"
    assert "location cannot change" in result["msg"] and "'West US'" in result["msg"]
    assert sent == [GET]


def test_an_affinity_group_for_a_service_in_a_location_fails(run):
    result, _sent, _adapter = run(dict(affinity_group="ag1"), [(200, EXISTING)])
    assert result["failed"] is True and result["option"] == "affinity_group"


def test_create_needs_a_location_or_an_affinity_group(run):
    result, sent, _adapter = run(dict(), [not_found()])
    assert result["failed"] is True and result["option"] == "location"
    assert "needs location or affinity_group" in result["msg"]
    assert sent == [GET]


def test_location_and_affinity_group_are_mutually_exclusive(run):
    result, sent, _adapter = run(dict(location="West US", affinity_group="ag"), [])
    assert result["failed"] is True and "mutually exclusive" in result["msg"]
    assert sent == []


@pytest.mark.parametrize("args, option, text", [
    (dict(label="x" * 101), "label", "at most 100 characters"),
    (dict(description="x" * 1025), "description", "at most 1024 characters"),
    (dict(name="1-starts-with-a-digit"), "name", "not a valid hosted service name"),
    (dict(extended_properties={"has space": "v"}), "extended_properties", "is not allowed"),
])
def test_bad_input_fails_before_any_request(run, args, option, text):
    result, sent, _adapter = run(dict(args, location="West US"), [])
    assert result["failed"] is True and result["option"] == option and text in result["msg"]
    assert sent == []


def test_check_mode_create_sends_nothing(run):
    result, sent, _adapter = run(dict(location="West US"), [not_found()], check_mode=True, diff=True)
    assert result["changed"] is True and sent == [GET]
    assert result["hosted_service"]["label"] == "svc1"
    assert result["diff"]["before"] == {} and result["diff"]["after"]["location"] == "West US"


def test_absent_on_a_missing_service_is_unchanged(run):
    result, sent, _adapter = run(dict(state="absent"), [not_found()])
    assert (result["changed"], result["hosted_service"], sent) == (False, {}, [GET])


def test_delete(run):
    result, sent, _adapter = run(dict(state="absent"), [(200, EXISTING), (200, ""), succeeded()], diff=True)
    assert result["changed"] is True and result["hosted_service"] == {}
    assert writes(sent) == [("DELETE", "services/hostedservices/svc1")]
    assert result["diff"]["after"] == {} and result["diff"]["before"]["name"] == "svc1"


def test_check_mode_delete_sends_nothing(run):
    result, sent, _adapter = run(dict(state="absent"), [(200, EXISTING)], check_mode=True)
    assert result["changed"] is True and sent == [GET]


def test_a_service_with_deployments_is_not_deleted_without_asking(run):
    busy = hosted_service_xml("svc1", deployments=[("vm1", "Production")])
    result, sent, _adapter = run(dict(state="absent"), [(200, busy)])
    assert result["failed"] is True and result["option"] == "delete_deployments"
    assert "still has deployments: vm1 (Production)" in result["msg"]
    assert sent == [GET]


def test_delete_deployments_removes_them_with_their_disks_in_one_request(run):
    busy = hosted_service_xml("svc1", deployments=[("vm1", "Production"), ("vm2", "Staging")])
    result, sent, _adapter = run(dict(state="absent", delete_deployments=True, wait=False), [
        (200, busy), (202, "", {"x-ms-request-id": "last"})])
    assert result["changed"] is True and result["request_id"] == "last"
    assert writes(sent) == [("DELETE", "services/hostedservices/svc1?comp=media")]


def test_delete_deployments_on_a_service_without_any_is_a_plain_delete(run):
    result, sent, _adapter = run(dict(state="absent", delete_deployments=True), [(200, EXISTING), (200, ""), succeeded()])
    assert result["changed"] is True and writes(sent) == [("DELETE", "services/hostedservices/svc1")]


def test_create_that_meets_its_own_retried_attempt_adopts_the_service(run):
    taken = (409, error_body("ConflictError", "The specified DNS name is already taken."))
    result, sent, _adapter = run(dict(location="West US"), [not_found(), taken, (200, EXISTING), (200, EXISTING)])
    assert result["changed"] is True and result["hosted_service"]["name"] == "svc1"
    assert writes(sent) == [("POST", "services/hostedservices")]


def test_a_name_taken_by_someone_else_fails_with_the_service_message(run):
    taken = (409, error_body("ConflictError", "The specified DNS name is already taken."))
    result, _sent, _adapter = run(dict(location="West US"), [not_found(), taken, not_found()])
    assert result["failed"] is True and result["status"] == 409 and result["code"] == "ConflictError"
    assert result["msg"].startswith("Failed to create or update hosted service svc1: HTTP 409 ConflictError: "
                                    "The specified DNS name is already taken.")


def test_service_errors_name_the_action(run):
    result, _sent, _adapter = run(dict(state="absent"), [(200, EXISTING), (400, error_body("BadRequest", "No."))])
    assert result["failed"] is True
    assert result["msg"].startswith("Failed to delete hosted service svc1: HTTP 400 BadRequest: No.")
