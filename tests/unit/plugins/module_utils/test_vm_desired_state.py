# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import deployments
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import vm_desired_state as desired
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import parse_to_dict
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils import vm_deployment_bodies as bodies


def current_endpoint(name, port, local_port=None, protocol="tcp", **extra):
    endpoint = dict(name=name, protocol=protocol, port=port, local_port=local_port or port, vip="1.2.3.4",
                    load_balanced_endpoint_set_name=None, probe=None, idle_timeout_in_minutes=4,
                    enable_direct_server_return=False)
    endpoint.update(extra)
    return endpoint


def option(name, port, **extra):
    """An ``endpoints`` item after argument validation: unset fields are None, protocol defaults to tcp."""
    item = dict(name=name, port=port, protocol="tcp", local_port=None, load_balanced_endpoint_set_name=None, probe=None,
                idle_timeout_in_minutes=None, enable_direct_server_return=None)
    item.update(extra)
    return item


def deployment(**kwargs):
    return deployments.normalize_deployment(parse_to_dict(bodies.deployment_body(**kwargs))[1], "svc")


# ---------------------------------------------------------------- endpoints

def test_endpoints_not_set_are_not_enforced():
    endpoints, changed = desired.plan_endpoints([current_endpoint("SSH", 22)], None)
    assert changed is False
    assert [e["name"] for e in endpoints] == ["SSH"]


def test_same_endpoints_are_unchanged_and_unset_fields_are_not_compared():
    current = [current_endpoint("SSH", 22, idle_timeout_in_minutes=10), current_endpoint("HTTP", 80, 8080)]
    endpoints, changed = desired.plan_endpoints(current, [option("ssh", 22), option("HTTP", 80, local_port=8080)])
    assert changed is False
    # The idle timeout the task did not set keeps its current value in what would be sent.
    assert endpoints[0]["idle_timeout_in_minutes"] == 10 and endpoints[0]["name"] == "SSH"


def test_local_port_defaults_to_the_public_port():
    _endpoints, changed = desired.plan_endpoints([current_endpoint("HTTP", 80, 8080)], [option("HTTP", 80)])
    assert changed is True


def test_new_endpoint_is_added_and_unlisted_one_removed():
    endpoints, changed = desired.plan_endpoints([current_endpoint("SSH", 22), current_endpoint("RDP", 3389)],
                                                [option("SSH", 22), option("HTTP", 80)])
    assert changed is True
    assert [(e["name"], e["port"], e["local_port"], e["protocol"]) for e in endpoints] == [
        ("SSH", 22, 22, "tcp"), ("HTTP", 80, 80, "tcp")]
    assert all("vip" not in e for e in endpoints)


def test_empty_list_removes_every_endpoint():
    endpoints, changed = desired.plan_endpoints([current_endpoint("SSH", 22)], [])
    assert (endpoints, changed) == ([], True)


@pytest.mark.parametrize("change", [
    dict(port=2222), dict(protocol="udp"), dict(idle_timeout_in_minutes=10), dict(enable_direct_server_return=True),
    dict(load_balanced_endpoint_set_name="lb"), dict(probe=dict(port=22, protocol="tcp", path=None, interval=None,
                                                                timeout=None)),
])
def test_any_set_field_that_differs_is_a_change(change):
    wanted = option("SSH", 22, local_port=22)
    wanted.update(change)
    _endpoints, changed = desired.plan_endpoints([current_endpoint("SSH", 22)], [wanted])
    assert changed is True


def test_probe_compares_only_the_fields_set():
    current = [current_endpoint("web", 80, probe=dict(port=80, protocol="http", path="/", interval=15, timeout=31))]
    wanted = [option("web", 80, probe=dict(port=80, protocol="http", path="/", interval=None, timeout=None))]
    assert desired.plan_endpoints(current, wanted)[1] is False
    wanted[0]["probe"]["path"] = "/health"
    endpoints, changed = desired.plan_endpoints(current, wanted)
    assert changed is True
    assert endpoints[0]["probe"] == dict(port=80, protocol="http", path="/health", interval=15, timeout=31)


# ---------------------------------------------------------------- data disks

DISK0 = dict(lun=0, size_gb=100, media_link="https://acct.blob.core.windows.net/vhds/d0.vhd", disk_name="d0",
             disk_label=None, host_caching="ReadOnly")


def new_link(lun):
    return "https://acct.blob.core.windows.net/vhds/new-lun%s.vhd" % lun


def test_data_disks_not_set_are_not_enforced_even_with_purge():
    disks, added, removed, warnings = desired.plan_data_disks([DISK0], None, True, new_link)
    assert (disks, added, removed, warnings) == ([DISK0], [], [], [])


def test_missing_lun_is_added_with_a_derived_media_link():
    disks, added, removed, _warnings = desired.plan_data_disks(
        [DISK0], [dict(lun=0, size_gb=None), dict(lun=1, size_gb=20, host_caching=None, media_link=None, disk_label=None)],
        False, new_link)
    assert (added, removed) == ([1], [])
    assert disks[1] == dict(lun=1, size_gb=20, media_link=new_link(1), disk_label=None, host_caching=None, disk_name=None)


def test_unlisted_lun_is_kept_without_purge_and_detached_with_it():
    assert desired.plan_data_disks([DISK0], [], False, new_link)[2] == []
    disks, added, removed, _warnings = desired.plan_data_disks([DISK0], [], True, new_link)
    assert (disks, added, removed) == ([], [], [0])


def test_attached_disk_that_differs_gives_a_warning_not_a_change():
    disks, added, removed, warnings = desired.plan_data_disks(
        [DISK0], [dict(lun=0, size_gb=200, host_caching="readonly")], False, new_link)
    assert (added, removed) == ([], [])
    assert len(warnings) == 1 and "LUN 0 has size_gb=100" in warnings[0] and "200" in warnings[0]


# ---------------------------------------------------------------- size and the role update

def test_size_is_compared_case_insensitively_and_only_when_set():
    assert desired.size_differs("Small", None) is False
    assert desired.size_differs("Small", "small") is False
    assert desired.size_differs("Small", "Medium") is True


def test_role_update_is_one_spec_with_every_change():
    role = deployment(disks=[bodies.disk(0, 10)])["roles"][0]
    task = dict(role_size="Medium", endpoints=[option("SSH", 22), option("HTTP", 80)],
                data_disks=[dict(lun=0), dict(lun=1, size_gb=5)], purge_data_disks=False)
    spec, changes, warnings = desired.plan_role_update(role, task, new_link)
    assert changes == ["role_size", "endpoints", "data_disks"] and warnings == []
    assert spec["role_size"] == "Medium"
    assert [e["name"] for e in spec["network"]["endpoints"]] == ["SSH", "HTTP"]
    assert [d["lun"] for d in spec["data_disks"]] == [0, 1]
    assert spec["os_disk"] == dict(host_caching="ReadWrite", disk_label=None, disk_name="vm1-vm1-0-2015",
                                   media_link="https://acct.blob.core.windows.net/vhds/svc-vm1-2015.vhd")


def test_role_unchanged_gives_no_spec():
    role = deployment()["roles"][0]
    spec, changes, _warnings = desired.plan_role_update(role, dict(role_size="small", endpoints=[option("SSH", 22)]),
                                                        new_link)
    assert (spec, changes) == (None, [])


# ---------------------------------------------------------------- power

def instance(status, power):
    return dict(instance_status=status, power_state=power)


RUNNING = instance("ReadyRole", "Started")
BOOTING = instance("RoleStateUnknown", "Starting")
STOPPED = instance("StoppedVM", "Stopped")
DEALLOCATED = instance("StoppedDeallocated", "Stopped")


@pytest.mark.parametrize("state, post_shutdown_action, current, expected", [
    ("present", None, STOPPED, None),
    ("started", None, RUNNING, None),
    ("started", None, BOOTING, None),
    ("started", None, DEALLOCATED, "start"),
    ("started", None, STOPPED, "start"),
    ("stopped", None, RUNNING, "shutdown"),
    ("stopped", None, STOPPED, None),
    ("stopped", None, DEALLOCATED, None),
    ("stopped", "StoppedDeallocated", DEALLOCATED, None),
    ("stopped", "StoppedDeallocated", STOPPED, "shutdown"),
    ("stopped", "Stopped", DEALLOCATED, None),
    ("restarted", None, RUNNING, "restart"),
    ("restarted", None, DEALLOCATED, "start"),
])
def test_power_action(state, post_shutdown_action, current, expected):
    assert desired.power_action(state, post_shutdown_action, [current]) == expected


def test_power_action_without_instances_does_nothing():
    assert desired.power_action("started", None, []) is None


def test_shutdown_deallocates_unless_told_otherwise():
    assert desired.effective_shutdown_action(None) == "StoppedDeallocated"
    assert desired.effective_shutdown_action("Stopped") == "Stopped"


# ---------------------------------------------------------------- creation

def creation_params(**overrides):
    task = dict(service_name="svc", storage_account="acct", admin_username="azureuser", admin_password="secret-1A")
    task.update(overrides)
    return task


LINUX = dict(kind="image", name="centos", os="linux", needs_provisioning=True)


def test_creation_needs_a_place_for_the_disks():
    with pytest.raises(AsmError) as caught:
        desired.check_creation_options(creation_params(storage_account=None), LINUX)
    assert caught.value.option == "storage_account"
    with pytest.raises(AsmError) as caught:
        desired.check_creation_options(creation_params(storage_account=None, os_disk=dict(media_link="https://x/y.vhd"),
                                                       data_disks=[dict(lun=0, size_gb=1)]), LINUX)
    assert caught.value.option == "data_disks"


@pytest.mark.parametrize("overrides, source, option", [
    (dict(admin_username=None), LINUX, "admin_username"),
    (dict(admin_password=None), LINUX, "admin_password"),
    (dict(admin_password=None), dict(LINUX, os="windows"), "admin_password"),
    (dict(os_type="windows"), LINUX, "os_type"),
])
def test_creation_refuses_what_cannot_provision(overrides, source, option):
    with pytest.raises(AsmError) as caught:
        desired.check_creation_options(creation_params(**overrides), source)
    assert caught.value.option == option


def test_linux_with_ssh_keys_needs_no_password():
    os_type, warnings = desired.check_creation_options(
        creation_params(admin_password=None, ssh_public_keys=[dict(fingerprint="F", path="/p")]), LINUX)
    assert (os_type, warnings) == ("linux", [])


def test_specialized_vm_image_ignores_provisioning_options_with_a_warning():
    source = desired.source_facts(vm_image=dict(name="cap", os_disk_configuration=dict(os="Windows", os_state="Specialized")))
    os_type, warnings = desired.check_creation_options(creation_params(storage_account=None), source)
    assert os_type == "windows"
    assert "admin_username, admin_password are ignored" in warnings[0]


def test_generalized_vm_image_is_provisioned():
    source = desired.source_facts(vm_image=dict(name="cap", os_disk_configuration=dict(os="Linux", os_state="Generalized")))
    assert source == dict(kind="vm_image", name="cap", os="linux", needs_provisioning=True)


def test_media_links_are_derived_from_the_storage_account():
    assert desired.derived_media_link("acct", "svc", "vm", "123") == "https://acct.blob.core.windows.net/vhds/svc-vm-123.vhd"
    assert desired.derived_media_link("acct", "svc", "vm", "123", "lun2").endswith("/vhds/svc-vm-lun2-123.vhd")
    assert desired.storage_account_of("https://Acct.blob.core.windows.net/vhds/x.vhd") == "acct"
    assert desired.storage_account_of("https://elsewhere.example/x.vhd") is None


# ---------------------------------------------------------------- creation-only options on an existing VM

def test_creation_only_options_that_differ_are_warned_about():
    current = deployment()
    role = current["roles"][0]
    task = dict(service_name="svc", image="other-image", os_type="windows", storage_account="elsewhere",
                label="vm1", admin_password="never compared", availability_set="as1")
    warnings = desired.creation_only_warnings(task, desired.resolve_names(dict(task, name="vm1")), current, role)
    joined = "\n".join(warnings)
    for option_name in ("image", "os_type", "storage_account", "availability_set"):
        assert "%s is only used when the VM is created" % option_name in joined
    assert "label" not in joined and "admin_password" not in joined
    assert len(warnings) == 4


def test_same_creation_options_give_no_warning():
    current = deployment()
    task = dict(service_name="svc", image=current["roles"][0]["os_disk"]["source_image_name"], os_type="linux",
                storage_account="acct", hostname="VM1")
    assert desired.creation_only_warnings(task, desired.resolve_names(dict(task, name="vm1")), current,
                                          current["roles"][0]) == []


# ---------------------------------------------------------------- what check mode returns

def test_synthesized_update_has_the_new_size_endpoints_disks_and_power():
    current = deployment()
    task = dict(role_size="Large", endpoints=[option("SSH", 22), option("HTTP", 80)],
                data_disks=[dict(lun=0, size_gb=10)])
    spec, _changes, _warnings = desired.plan_role_update(current["roles"][0], task, new_link)
    after = desired.synthesize_update(current, "vm1", spec, "stopped", None)
    assert after["roles"][0]["role_size"] == "Large"
    assert [(e["name"], e["vip"]) for e in after["roles"][0]["endpoints"]] == [("SSH", "23.99.52.70"), ("HTTP", "23.99.52.70")]
    assert after["roles"][0]["data_disks"][0]["media_link"] == new_link(0)
    assert (after["role_instances"][0]["instance_status"], after["role_instances"][0]["power_state"],
            after["role_instances"][0]["instance_size"]) == ("StoppedDeallocated", "Stopped", "Large")
    assert current["roles"][0]["role_size"] == "Small"


def test_synthesized_creation_has_the_shape_of_a_read_deployment():
    task = creation_params(endpoints=[option("SSH", 22)], data_disks=[dict(lun=0, size_gb=10)])
    names = desired.resolve_names(task)
    spec = desired.creation_spec(task, names, "svc", LINUX, "linux", "123")
    created = desired.synthesize_created(spec, "svc", "running", None)
    read = deployment()
    assert set(created) == set(read)
    assert set(created["roles"][0]) == set(read["roles"][0])
    assert set(created["role_instances"][0]) == set(read["role_instances"][0])
    assert set(created["roles"][0]["endpoints"][0]) == set(read["roles"][0]["endpoints"][0])
    assert set(created["roles"][0]["os_disk"]) == set(read["roles"][0]["os_disk"])
    assert created["roles"][0]["os_disk"]["os"] == "Linux"
    assert created["slot"] == "Production"
