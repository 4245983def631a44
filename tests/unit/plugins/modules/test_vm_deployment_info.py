# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from urllib.parse import unquote

from ansible_collections.azure_classic.servicemanagement.plugins.modules import vm_deployment_info
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils import vm_deployment_bodies as bodies
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import run_module

NOT_FOUND = (404, bodies.error_body("ResourceNotFound", "The deployment does not exist."))


def run(make_client, answers, task, **kwargs):
    client, adapter = make_client(answers)
    result = run_module(vm_deployment_info.main, task, client=client, **kwargs)
    return result, [unquote(request.url.split("/sub-1/", 1)[1]) for request in adapter.requests]


def test_every_vm_deployment_in_one_request(make_client):
    services = "<HostedServices %s>%s%s</HostedServices>" % (
        bodies.NS,
        bodies.hosted_service_body("a", [bodies.deployment_element(name="a", role="a", service="a")]).replace(" " + bodies.NS, ""),
        bodies.hosted_service_body("b", []).replace(" " + bodies.NS, ""))
    result, urls = run(make_client, [(200, services)], {}, check_mode=True)
    assert urls == ["services/hostedservices?embed-detail=true"]
    assert [(d["service_name"], d["name"]) for d in result["deployments"]] == [("a", "a")]
    assert result["changed"] is False


def test_by_name_and_by_slot(make_client):
    result, urls = run(make_client, [(200, bodies.deployment_body())], dict(service_name="svc", name="vm1"))
    assert urls == ["services/hostedservices/svc/deployments/vm1"]
    assert result["deployments"][0]["roles"][0]["role_name"] == "vm1"
    result, urls = run(make_client, [(200, bodies.deployment_body())], dict(service_name="svc", slot="production"))
    assert urls == ["services/hostedservices/svc/deploymentslots/production"]
    assert len(result["deployments"]) == 1


def test_missing_deployment_is_an_empty_list(make_client):
    result, _urls = run(make_client, [NOT_FOUND], dict(service_name="svc", name="vm1"))
    assert result["deployments"] == [] and result.get("failed") is not True


def test_same_shape_as_the_state_module(make_client):
    from ansible_collections.azure_classic.servicemanagement.plugins.modules import vm_deployment

    info, _urls = run(make_client, [(200, bodies.deployment_body())], dict(service_name="svc", name="vm1"))
    client, _adapter = make_client([(200, bodies.hosted_service_body("svc", [bodies.deployment_element()]))])
    state = run_module(vm_deployment.main, dict(service_name="svc", name="vm1"), client=client)
    assert info["deployments"][0] == state["deployment"]


def test_name_needs_service_name(make_client):
    result, urls = run(make_client, [], dict(name="vm1"))
    assert result["failed"] is True and "service_name" in result["msg"] and urls == []
