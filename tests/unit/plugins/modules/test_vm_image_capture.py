# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest
from ansible.module_utils import basic

from ansible_collections.azure_classic.servicemanagement.plugins.modules import vm_image_capture
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils import vm_deployment_bodies as vm_bodies
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import run_module
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import body_children
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import calls
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import not_found
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import succeeded
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.vm_image_bodies import platform_image
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.vm_image_bodies import user_image
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.vm_image_bodies import vm_images_body

LIST = ("GET", "services/vmimages")
SERVICE = ("GET", "services/hostedservices/svc?embed-detail=true")
CAPTURE = ("POST", "services/hostedservices/svc/deployments/svc/roleinstances/svc/Operations")
ACCEPTED = (202, "", {"x-ms-request-id": "req-1"})
NONE_YET = (200, vm_images_body(platform_image()))
CAPTURED = (200, vm_images_body(platform_image(), user_image("golden", data_luns=(0,))))
VM = (200, vm_bodies.hosted_service_body("svc", [vm_bodies.deployment_element(
    name="svc", role="svc", disks=[vm_bodies.disk(0, 100)])]))
TASK = dict(name="golden", service_name="svc", os_state="Specialized")


@pytest.fixture(autouse=True)
def warnings(monkeypatch):
    """The warnings a run gives (the test double of exit_json does not collect them)."""
    seen = []
    monkeypatch.setattr(basic.AnsibleModule, "warn", lambda _module, message: seen.append(message))
    return seen


@pytest.fixture
def run(make_client):
    def run(args, answers, **kwargs):
        client, adapter = make_client(answers)
        result = run_module(vm_image_capture.main, args, client=client, **kwargs)
        return result, calls(adapter), adapter
    return run


# ---------------------------------------------------------------- capture

def test_capture_reads_the_source_sends_one_capture_and_returns_the_ready_image(run, warnings):
    result, sent, adapter = run(dict(TASK, label="Golden", language="english"), [
        NONE_YET, VM, ACCEPTED, succeeded(), CAPTURED, CAPTURED])
    assert result["changed"] is True and result["request_id"] == "req-1"
    assert sent == [LIST, SERVICE, CAPTURE, ("GET", "operations/req-1"), LIST, LIST]
    assert body_children(adapter.requests[2]) == [
        ("OperationType", "CaptureRoleAsVMImageOperation"), ("OSState", "Specialized"), ("VMImageName", "golden"),
        ("VMImageLabel", "Golden"), ("Language", "english")]
    image = result["vm_image"]
    assert (image["name"], image["service_name"], image["os_disk_configuration"]["os_state"]) == (
        "golden", "svc", "Specialized")
    assert warnings == []


def test_the_label_defaults_to_the_name(run):
    _result, _sent, adapter = run(TASK, [NONE_YET, VM, ACCEPTED, succeeded(), CAPTURED, CAPTURED])
    assert ("VMImageLabel", "golden") in body_children(adapter.requests[2])


def test_the_source_names_default_service_then_deployment(run):
    answers = [NONE_YET, (200, vm_bodies.hosted_service_body("svc", [vm_bodies.deployment_element(
        name="dep", role="dep")])), ACCEPTED, succeeded(), CAPTURED, CAPTURED]
    _result, sent, _adapter = run(dict(TASK, deployment_name="dep"), answers)
    assert sent[2] == ("POST", "services/hostedservices/svc/deployments/dep/roleinstances/dep/Operations")


def test_generalized_capture_warns_that_the_vm_is_deleted(run, warnings):
    result, _sent, _adapter = run(dict(TASK, os_state="Generalized"), [
        NONE_YET, VM, ACCEPTED, succeeded(), CAPTURED, CAPTURED])
    assert result["changed"] is True
    assert len(warnings) == 1 and "deletes the source VM" in warnings[0] and "VM svc of deployment svc" in warnings[0]


def test_generalized_capture_warns_in_check_mode_too(run, warnings):
    result, sent, _adapter = run(dict(TASK, os_state="Generalized"), [NONE_YET, VM], check_mode=True)
    assert result["changed"] is True and sent == [LIST, SERVICE]
    assert "deletes the source VM" in warnings[0]


def test_check_mode_sends_no_capture_and_plans_the_image(run):
    result, sent, _adapter = run(TASK, [NONE_YET, VM], check_mode=True, diff=True)
    assert result["changed"] is True and sent == [LIST, SERVICE]
    image = result["vm_image"]
    assert (image["name"], image["category"], image["location"], image["role_size_on_capture"]) == (
        "golden", "User", "West US", "Small")
    assert image["os_disk_configuration"]["os"] == "Linux"
    assert [disk["lun"] for disk in image["data_disk_configurations"]] == [0]
    assert result["diff"] == dict(before={}, after=image)


def test_an_existing_image_is_never_captured_again_one_get(run, warnings):
    result, sent, _adapter = run(TASK, [CAPTURED])
    assert (result["changed"], sent) == (False, [LIST])
    assert result["vm_image"]["name"] == "golden" and warnings == []


def test_an_existing_image_from_another_source_is_reported_not_recaptured(run, warnings):
    result, sent, _adapter = run(dict(TASK, service_name="other", os_state="Generalized"), [CAPTURED])
    assert (result["changed"], sent) == (False, [LIST])
    assert len(warnings) == 1
    assert "service_name other (the image was captured from svc)" in warnings[0]
    assert "os_state Generalized (the image is Specialized)" in warnings[0]
    assert "not captured again" in warnings[0]


def test_an_existing_image_needs_neither_source_nor_os_state(run):
    result, sent, _adapter = run(dict(name="golden"), [CAPTURED])
    assert (result["changed"], sent) == (False, [LIST])


def test_a_retried_capture_that_meets_its_own_image_adopts_it(run):
    conflict = (409, vm_bodies.error_body("ConflictError", "A VM image with the name golden already exists."))
    result, sent, _adapter = run(TASK, [NONE_YET, VM, conflict, CAPTURED, CAPTURED])
    assert result["changed"] is True and result["vm_image"]["name"] == "golden"
    assert sent.count(CAPTURE) == 1


def test_a_failed_capture_operation_is_reported_with_its_code(run):
    failed = (200, vm_bodies.operation_body("Failed", code="BadRequest", message="The VM is not ready.",
                                            http_status=400))
    result, _sent, _adapter = run(TASK, [NONE_YET, VM, ACCEPTED, failed])
    assert result["failed"] is True and result["code"] == "BadRequest"
    assert "Failed to capture VM image golden" in result["msg"] and "The VM is not ready." in result["msg"]


def test_wait_false_returns_the_request_id(run):
    result, sent, _adapter = run(dict(TASK, wait=False), [NONE_YET, VM, ACCEPTED, CAPTURED])
    assert result["changed"] is True and result["request_id"] == "req-1"
    assert sent == [LIST, SERVICE, CAPTURE, LIST]


# ---------------------------------------------------------------- what a capture needs

def test_capture_needs_os_state(run):
    result, sent, _adapter = run(dict(name="golden", service_name="svc"), [NONE_YET])
    assert result["failed"] is True and result["option"] == "os_state" and sent == [LIST]


def test_capture_needs_the_service_name(run):
    result, sent, _adapter = run(dict(name="golden", os_state="Specialized"), [NONE_YET])
    assert result["failed"] is True and result["option"] == "service_name" and sent == [LIST]


def test_a_missing_hosted_service_is_named(run):
    result, sent, _adapter = run(TASK, [NONE_YET, not_found("The hosted service does not exist.")])
    assert result["failed"] is True and result["option"] == "service_name"
    assert "hosted service svc does not exist" in result["msg"] and CAPTURE not in sent


def test_a_missing_deployment_lists_the_ones_there_are(run):
    result, sent, _adapter = run(dict(TASK, deployment_name="nope"), [NONE_YET, VM])
    assert result["failed"] is True and result["option"] == "deployment_name"
    assert "its deployments: svc" in result["msg"] and CAPTURE not in sent


def test_a_missing_vm_lists_the_ones_there_are(run):
    result, sent, _adapter = run(dict(TASK, role_name="nope"), [NONE_YET, VM])
    assert result["failed"] is True and result["option"] == "role_name"
    assert "its VMs: svc" in result["msg"] and CAPTURE not in sent


def test_a_platform_image_name_cannot_be_captured_to(run):
    name = "d4a65b493c36471ba82b42d53fbd8063__Site-Recovery-201503.08"
    result, sent, _adapter = run(dict(TASK, name=name), [NONE_YET])
    assert result["failed"] is True and result["option"] == "name" and "platform VM image" in result["msg"]
    assert sent == [LIST]


@pytest.mark.parametrize("args, option", [
    (dict(name="bad name"), "name"),
    (dict(label="x" * 101), "label"),
    (dict(description="x" * 1025), "description"),
])
def test_bad_input_fails_before_any_request(run, args, option):
    result, sent, _adapter = run(dict(TASK, **args), [])
    assert result["failed"] is True and result["option"] == option and sent == []


def test_os_state_choices(run):
    result, sent, _adapter = run(dict(TASK, os_state="Sysprepped"), [])
    assert result["failed"] is True and "os_state" in result["msg"] and sent == []


# ---------------------------------------------------------------- absent

def test_delete_with_the_vhds(run):
    result, sent, _adapter = run(dict(name="golden", state="absent", delete_vhds=True),
                                 [CAPTURED, ACCEPTED, succeeded()], diff=True)
    assert result["changed"] is True and result["vm_image"] == {}
    assert sent == [LIST, ("DELETE", "services/vmimages/golden?comp=media"), ("GET", "operations/req-1")]
    assert result["diff"]["before"]["name"] == "golden" and result["diff"]["after"] == {}


def test_delete_in_check_mode_sends_nothing(run):
    result, sent, _adapter = run(dict(name="golden", state="absent"), [CAPTURED], check_mode=True)
    assert result["changed"] is True and sent == [LIST]


def test_absent_on_a_missing_image_is_unchanged(run):
    result, sent, _adapter = run(dict(name="golden", state="absent"), [NONE_YET])
    assert (result["changed"], sent, result["vm_image"]) == (False, [LIST], {})


def test_platform_images_are_not_deleted(run):
    name = "d4a65b493c36471ba82b42d53fbd8063__Site-Recovery-201503.08"
    result, sent, _adapter = run(dict(name=name, state="absent"), [NONE_YET], check_mode=True)
    assert result["failed"] is True and "platform image" in result["msg"] and sent == [LIST]
