# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from urllib.parse import unquote

import pytest
from ansible.module_utils import basic

from ansible_collections.azure_classic.servicemanagement.plugins.modules import vm_deployment
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils import vm_deployment_bodies as bodies
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import run_module

IMAGE = "5112500ae3b842c8b9c604889f8753c3__OpenLogic-CentOS-65-20140415"
ACCEPTED = (202, "", {"x-ms-request-id": "req-1"})
SUCCEEDED = (200, bodies.operation_body("Succeeded"))
IN_PROGRESS = (200, bodies.operation_body("InProgress"))


def service_with(*deployments):
    return (200, bodies.hosted_service_body("svc", [bodies.deployment_element(**d) for d in deployments]))


def deployment(**kwargs):
    return (200, bodies.deployment_body(**kwargs))


def args(**overrides):
    base = dict(service_name="svc", name="vm1", wait_timeout=600)
    base.update(overrides)
    return base


def create_args(**overrides):
    task = dict(image=IMAGE, storage_account="acct", admin_username="azureuser", admin_password="P&<>\"'w0rd!",
                endpoints=[dict(name="SSH", port=22)], data_disks=[dict(lun=0, size_gb=10)])
    task.update(overrides)
    return args(**task)


def calls(adapter):
    return ["%s %s" % (request.method, unquote(request.url.split("/sub-1/", 1)[1])) for request in adapter.requests]


@pytest.fixture(autouse=True)
def warnings(monkeypatch):
    """The warnings a run gives (the test double of exit_json does not collect them)."""
    seen = []
    monkeypatch.setattr(basic.AnsibleModule, "warn", lambda _module, message: seen.append(message))
    return seen


def run(make_client, answers, task, **kwargs):
    client, adapter = make_client(answers)
    result = run_module(vm_deployment.main, task, client=client, **kwargs)
    return result, adapter


# ---------------------------------------------------------------- idempotence and the request budget

def test_rerun_on_an_unchanged_vm_costs_one_get(make_client, warnings):
    result, adapter = run(make_client, [service_with(dict())], create_args(role_size="Small", state="started",
                                                                           data_disks=None))
    assert result["changed"] is False
    assert calls(adapter) == ["GET services/hostedservices/svc?embed-detail=true"]
    assert result["deployment"]["name"] == "vm1"
    assert result["deployment"]["roles"][0]["endpoints"][0]["name"] == "SSH"
    assert warnings == []


# ---------------------------------------------------------------- create

def test_create_linux_vm_waits_for_the_operation_and_the_boot(make_client):
    answers = [
        service_with(),
        (200, bodies.os_image_body()),
        ACCEPTED, IN_PROGRESS, SUCCEEDED,
        deployment(status="RoleStateUnknown", power="Starting", disks=[bodies.disk(0, 10)]),
        deployment(disks=[bodies.disk(0, 10)]),
    ]
    result, adapter = run(make_client, answers, create_args())
    assert result["changed"] is True, result
    assert calls(adapter) == [
        "GET services/hostedservices/svc?embed-detail=true",
        "GET services/images/%s" % IMAGE,
        "POST services/hostedservices/svc/deployments",
        "GET operations/req-1", "GET operations/req-1",
        "GET services/hostedservices/svc/deployments/vm1",
        "GET services/hostedservices/svc/deployments/vm1",
    ]
    body = adapter.requests[2].body
    assert b"<UserPassword>P&amp;&lt;&gt;\"'w0rd!</UserPassword>" in body
    assert b"<RoleName>vm1</RoleName>" in body and b"<Name>vm1</Name>" in body
    assert b"https://acct.blob.core.windows.net/vhds/svc-vm1-" in body
    assert result["deployment"]["role_instances"][0]["instance_status"] == "ReadyRole"
    assert "request_id" not in result


def test_create_in_check_mode_sends_nothing_and_returns_the_planned_vm(make_client):
    result, adapter = run(make_client, [service_with(), (200, bodies.os_image_body())], create_args(), check_mode=True,
                          diff=True)
    assert result["changed"] is True
    assert [r.method for r in adapter.requests] == ["GET", "GET"]
    planned = result["deployment"]
    assert planned["roles"][0]["role_size"] == "Small"
    assert planned["roles"][0]["data_disks"][0]["lun"] == 0
    assert result["diff"]["before"] == {} and result["diff"]["after"] == planned


def test_create_then_stop(make_client):
    answers = [service_with(), (200, bodies.os_image_body()), ACCEPTED, SUCCEEDED, deployment(),
               (202, "", {"x-ms-request-id": "req-2"}), SUCCEEDED, deployment(status="StoppedDeallocated", power="Stopped")]
    result, adapter = run(make_client, answers, create_args(state="stopped"))
    assert result["changed"] is True
    assert calls(adapter)[5] == "POST services/hostedservices/svc/deployments/vm1/roleinstances/vm1/Operations"
    assert b"<PostShutdownAction>StoppedDeallocated</PostShutdownAction>" in adapter.requests[5].body


def test_create_from_a_vm_image(make_client):
    answers = [service_with(), (200, bodies.vm_images_body("captured1")), ACCEPTED, SUCCEEDED, deployment()]
    result, adapter = run(make_client, answers, args(vm_image="CAPTURED1", admin_username="azureuser",
                                                     admin_password="secret-1A"))
    assert result["changed"] is True
    assert calls(adapter)[1] == "GET services/vmimages"
    assert b"<VMImageName>captured1</VMImageName>" in adapter.requests[2].body
    assert b"LinuxProvisioningConfiguration" in adapter.requests[2].body
    assert b"OSVirtualHardDisk" not in adapter.requests[2].body


def test_occupied_slot_is_a_clear_failure_without_a_post(make_client):
    result, adapter = run(make_client, [service_with(dict(name="other", role="other"))], create_args())
    assert result["failed"] is True
    assert "production slot of hosted service svc is occupied by deployment other" in result["msg"]
    assert result["option"] == "name"
    assert len(adapter.requests) == 1


def test_slot_taken_between_the_read_and_the_create_is_explained(make_client):
    occupied = (409, bodies.error_body("ConflictError", "The specified deployment slot Production is occupied."))
    answers = [service_with(), (200, bodies.os_image_body()), occupied, service_with(dict(name="other", role="other"))]
    result, adapter = run(make_client, answers, create_args())
    assert result["failed"] is True and result["option"] == "name"
    assert "occupied by deployment other" in result["msg"]
    assert [r.method for r in adapter.requests] == ["GET", "GET", "POST", "GET"]


def test_missing_hosted_service_names_service_name(make_client):
    missing = (404, bodies.error_body("ResourceNotFound", "The hosted service does not exist."))
    result, _adapter = run(make_client, [missing], create_args())
    assert result["failed"] is True
    assert result["option"] == "service_name"
    assert "hosted service svc does not exist" in result["msg"]


def test_missing_hosted_service_is_absent_already(make_client):
    missing = (404, bodies.error_body("ResourceNotFound", "The hosted service does not exist."))
    result, _adapter = run(make_client, [missing], args(state="absent"))
    assert result["changed"] is False and result["deployment"] == {}


def test_unknown_image_is_a_clear_failure_without_a_post(make_client):
    missing = (404, bodies.error_body("ResourceNotFound", "The image with the specified name does not exist."))
    result, adapter = run(make_client, [service_with(), missing], create_args())
    assert result["failed"] is True and result["option"] == "image"
    assert "The OS image %s does not exist." % IMAGE in result["msg"]
    assert [r.method for r in adapter.requests] == ["GET", "GET"]


def test_image_and_vm_image_are_mutually_exclusive(make_client):
    result, adapter = run(make_client, [], create_args(vm_image="captured1"))
    assert result["failed"] is True
    assert "mutually exclusive" in result["msg"] and "image" in result["msg"]
    assert adapter.requests == []


def test_refused_create_names_the_step_and_the_service_error(make_client):
    refused = (400, bodies.error_body("BadRequest", "The location of the storage account differs from the hosted service."))
    result, _adapter = run(make_client, [service_with(), (200, bodies.os_image_body()), refused], create_args())
    assert result["failed"] is True
    assert result["msg"].startswith("Failed to create VM deployment vm1 in hosted service svc: HTTP 400 BadRequest")
    assert result["code"] == "BadRequest"


def test_failed_operation_is_reported_with_its_code_and_message(make_client):
    failed = (200, bodies.operation_body("Failed", "InternalError", "The server encountered an internal error."))
    result, _adapter = run(make_client, [service_with(), (200, bodies.os_image_body()), ACCEPTED, failed], create_args())
    assert result["failed"] is True
    assert result["code"] == "InternalError"
    assert "The server encountered an internal error." in result["msg"]
    assert result["request_id"] == "req-1"


def test_wait_timeout_reports_instance_status_power_state_and_request_id(make_client):
    booting = deployment(status="RoleStateUnknown", power="Starting")
    result, _adapter = run(make_client, [service_with(), (200, bodies.os_image_body()), ACCEPTED, SUCCEEDED] + [booting] * 30,
                           create_args(wait_timeout=20))
    assert result["failed"] is True
    assert "RoleStateUnknown (power state Starting)" in result["msg"]
    assert "req-1" in result["msg"] and result["request_id"] == "req-1"


def test_exclusive_access_conflict_is_retried(make_client):
    busy = (409, bodies.error_body("ConflictError", "Windows Azure is currently performing an operation on this deployment "
                                                    "that requires exclusive access."))
    answers = [service_with(), (200, bodies.os_image_body()), busy, (503, ""), ACCEPTED, SUCCEEDED, deployment()]
    result, adapter = run(make_client, answers, create_args())
    assert result["changed"] is True
    assert [r.method for r in adapter.requests].count("POST") == 3


# ---------------------------------------------------------------- update

def test_size_and_endpoint_change_in_check_mode_is_one_get_with_a_diff(make_client):
    task = args(role_size="Medium", endpoints=[dict(name="SSH", port=22), dict(name="HTTP", port=80)])
    result, adapter = run(make_client, [service_with(dict())], task, check_mode=True, diff=True)
    assert result["changed"] is True
    assert len(adapter.requests) == 1
    before, after = result["diff"]["before"], result["diff"]["after"]
    assert before["roles"][0]["role_size"] == "Small" and after["roles"][0]["role_size"] == "Medium"
    assert [e["name"] for e in after["roles"][0]["endpoints"]] == ["SSH", "HTTP"]
    assert result["deployment"] == after


def test_update_is_one_put_of_the_role(make_client):
    answers = [service_with(dict()), ACCEPTED, SUCCEEDED, deployment(size="Medium")]
    result, adapter = run(make_client, answers, args(role_size="Medium", data_disks=[dict(lun=1, size_gb=5)]))
    assert result["changed"] is True
    assert calls(adapter)[1] == "PUT services/hostedservices/svc/deployments/vm1/roles/vm1"
    body = adapter.requests[1].body
    assert b"<RoleSize>Medium</RoleSize>" in body
    # The new disk goes next to the OS disk's storage account when storage_account is not set.
    assert b"<MediaLink>https://acct.blob.core.windows.net/vhds/svc-vm1-lun1-" in body
    assert b"<Name>SSH</Name>" in body
    assert result["deployment"]["roles"][0]["role_size"] == "Medium"


def test_update_without_wait_returns_the_request_id(make_client):
    answers = [service_with(dict()), ACCEPTED, deployment(size="Medium")]
    result, adapter = run(make_client, answers, args(role_size="Medium", wait=False))
    assert result["changed"] is True and result["request_id"] == "req-1"
    assert [r.method for r in adapter.requests] == ["GET", "PUT", "GET"]


def test_creation_only_option_that_differs_is_a_warning(make_client, warnings):
    result, _adapter = run(make_client, [service_with(dict())], args(image="another-image", storage_account="acct"))
    assert result["changed"] is False
    assert len(warnings) == 1
    assert "image is only used when the VM is created" in warnings[0] and "another-image" in warnings[0]


def test_unknown_role_name_fails_clearly(make_client):
    result, _adapter = run(make_client, [service_with(dict())], args(role_name="nope"))
    assert result["failed"] is True and result["option"] == "role_name"
    assert "has no role nope; its roles are vm1" in result["msg"]


# ---------------------------------------------------------------- power

def test_stopped_again_is_unchanged(make_client):
    result, adapter = run(make_client, [service_with(dict(status="StoppedDeallocated", power="Stopped"))],
                          args(state="stopped", post_shutdown_action="StoppedDeallocated"))
    assert result["changed"] is False and len(adapter.requests) == 1


def test_stop_deallocates_and_waits(make_client):
    answers = [service_with(dict()), ACCEPTED, SUCCEEDED, deployment(status="StoppingVM", power="Stopping"),
               deployment(status="StoppedDeallocated", power="Stopped")]
    result, adapter = run(make_client, answers, args(state="stopped"))
    assert result["changed"] is True
    assert b"<PostShutdownAction>StoppedDeallocated</PostShutdownAction>" in adapter.requests[1].body
    assert result["deployment"]["role_instances"][0]["instance_status"] == "StoppedDeallocated"


def test_started_vm_is_not_restarted_by_started(make_client):
    result, adapter = run(make_client, [service_with(dict())], args(state="started"))
    assert result["changed"] is False and len(adapter.requests) == 1


def test_start_and_restart(make_client):
    answers = [service_with(dict(status="StoppedDeallocated", power="Stopped")), ACCEPTED, SUCCEEDED, deployment()]
    result, adapter = run(make_client, answers, args(state="started"))
    assert result["changed"] is True and b"StartRoleOperation" in adapter.requests[1].body
    answers = [service_with(dict()), ACCEPTED, SUCCEEDED, deployment()]
    result, adapter = run(make_client, answers, args(state="restarted"))
    assert result["changed"] is True and b"RestartRoleOperation" in adapter.requests[1].body


def test_update_and_stop_in_one_task_waits_between_them(make_client):
    answers = [service_with(dict()), ACCEPTED, SUCCEEDED, deployment(size="Medium"),
               (202, "", {"x-ms-request-id": "req-2"}), (200, bodies.operation_body("Succeeded")),
               deployment(size="Medium", status="StoppedDeallocated", power="Stopped")]
    result, adapter = run(make_client, answers, args(role_size="Medium", state="stopped"))
    assert result["changed"] is True
    assert [r.method for r in adapter.requests] == ["GET", "PUT", "GET", "GET", "POST", "GET", "GET"]


# ---------------------------------------------------------------- absent

def test_absent_with_disks_deletes_the_media(make_client):
    result, adapter = run(make_client, [service_with(dict()), ACCEPTED, SUCCEEDED],
                          args(state="absent", delete_disks=True), diff=True)
    assert result["changed"] is True and result["deployment"] == {}
    assert calls(adapter)[1] == "DELETE services/hostedservices/svc/deployments/vm1?comp=media"
    assert result["diff"]["before"]["name"] == "vm1" and result["diff"]["after"] == {}


def test_absent_when_already_gone(make_client):
    result, adapter = run(make_client, [service_with()], args(state="absent"))
    assert result["changed"] is False and len(adapter.requests) == 1


def test_absent_in_check_mode_deletes_nothing(make_client):
    result, adapter = run(make_client, [service_with(dict())], args(state="absent"), check_mode=True)
    assert result["changed"] is True and len(adapter.requests) == 1


def test_absent_leaves_a_deployment_of_another_name_alone(make_client):
    result, adapter = run(make_client, [service_with(dict(name="other", role="other"))], args(state="absent"))
    assert result["changed"] is False and len(adapter.requests) == 1
