# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.azure_classic.servicemanagement.plugins.modules import storage_account
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import error_body
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import operation_body
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import run_module
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import body_children
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import calls
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import not_found
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import storage_account_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import succeeded

GET = ("GET", "services/storageservices/store1")
EXISTING = storage_account_xml("store1", label="Disks", account_type="Standard_LRS")


@pytest.fixture
def run(make_client):
    def run(args, answers, **kwargs):
        client, adapter = make_client(answers)
        result = run_module(storage_account.main, dict(dict(name="store1"), **args), client=client, **kwargs)
        return result, calls(adapter), adapter
    return run


def writes(sent):
    return [call for call in sent if call[0] != "GET"]


def test_create_waits_for_the_operation(run):
    result, sent, adapter = run(dict(location="West US", account_type="Standard_LRS"), [
        not_found(), (202, "", {"x-ms-request-id": "r1"}), (200, operation_body("InProgress")), succeeded(),
        (200, EXISTING)])
    assert result["changed"] is True and result["request_id"] == "r1"
    assert sent == [GET, ("POST", "services/storageservices"), ("GET", "operations/r1"), ("GET", "operations/r1"), GET]
    assert result["storage_account"]["account_type"] == "Standard_LRS"
    assert ("AccountType", "Standard_LRS") in body_children(adapter.requests[1])


def test_create_without_waiting_returns_the_request_id_and_the_account_as_it_is(run):
    creating = storage_account_xml("store1", status="Creating")
    result, sent, _adapter = run(dict(location="West US", wait=False), [
        not_found(), (202, "", {"x-ms-request-id": "r1"}), (200, creating)])
    assert result["request_id"] == "r1" and result["storage_account"]["status"] == "Creating"
    assert sent == [GET, ("POST", "services/storageservices"), GET]


def test_second_run_is_one_get_and_unchanged(run):
    result, sent, _adapter = run(dict(location="West US", label="Disks", account_type="Standard_LRS"), [(200, EXISTING)])
    assert (result["changed"], sent) == (False, [GET])


def test_a_label_update_never_touches_the_account_type(run):
    updated = storage_account_xml("store1", label="New", account_type="Standard_LRS")
    result, sent, adapter = run(dict(label="New"), [(200, EXISTING), (200, ""), succeeded(), (200, updated)])
    assert result["changed"] is True
    assert writes(sent) == [("PUT", "services/storageservices/store1")]
    assert body_children(adapter.requests[1]) == [("Label", "TmV3")]


def test_account_type_update(run):
    updated = storage_account_xml("store1", label="Disks", account_type="Standard_GRS")
    answers = [(200, EXISTING), (200, ""), succeeded(), (200, updated)]
    result, _sent, adapter = run(dict(account_type="Standard_GRS"), answers, diff=True)
    assert body_children(adapter.requests[1]) == [("AccountType", "Standard_GRS")]
    assert (result["diff"]["before"]["account_type"], result["diff"]["after"]["account_type"]) == \
        ("Standard_LRS", "Standard_GRS")


def test_check_mode_update_sends_nothing(run):
    result, sent, _adapter = run(dict(description="new"), [(200, EXISTING)], check_mode=True)
    assert result["changed"] is True and sent == [GET]
    assert result["storage_account"]["description"] == "new"


def test_a_different_location_fails(run):
    result, sent, _adapter = run(dict(location="North Europe"), [(200, EXISTING)])
    assert result["failed"] is True and result["option"] == "location" and "cannot change" in result["msg"]
    assert sent == [GET]


@pytest.mark.parametrize("name", ["UPPER", "ab", "has-dash", "x" * 25])
def test_invalid_names_fail_before_any_request(run, name):
    result, sent, _adapter = run(dict(name=name, location="West US"), [])
    assert result["failed"] is True and result["option"] == "name"
    assert "3 to 24 lowercase letters and digits" in result["msg"]
    assert sent == []


def test_account_type_choices(run):
    result, _sent, _adapter = run(dict(account_type="Standard_XYZ", location="West US"), [])
    assert result["failed"] is True and "account_type" in result["msg"]


def test_absent_on_a_missing_account_is_unchanged(run):
    result, sent, _adapter = run(dict(state="absent"), [not_found()])
    assert (result["changed"], sent) == (False, [GET])


def test_delete(run):
    result, sent, _adapter = run(dict(state="absent"), [(200, EXISTING), (200, ""), succeeded()])
    assert result["changed"] is True
    assert writes(sent) == [("DELETE", "services/storageservices/store1")]


def test_check_mode_delete_sends_nothing(run):
    result, sent, _adapter = run(dict(state="absent"), [(200, EXISTING)], check_mode=True)
    assert result["changed"] is True and sent == [GET]


def test_the_service_refusal_to_delete_an_account_in_use_comes_back_with_its_message(run):
    refusal = (400, error_body("BadRequest", "Storage account store1 has some active image(s) and/or disk(s)."))
    result, _sent, _adapter = run(dict(state="absent"), [(200, EXISTING), refusal])
    assert result["failed"] is True and result["code"] == "BadRequest"
    assert "has some active image(s) and/or disk(s)" in result["msg"]


def test_a_failed_create_operation_is_reported(run):
    failed = (200, operation_body("Failed", 400, "BadRequest", "The location constraint is not valid"))
    result, _sent, _adapter = run(dict(location="Mars"), [not_found(), (202, "", {"x-ms-request-id": "r9"}), failed])
    assert result["failed"] is True and result["code"] == "BadRequest" and result["request_id"] == "r9"
    assert "The location constraint is not valid" in result["msg"]
