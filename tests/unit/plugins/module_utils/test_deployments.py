# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

import pytest

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import deployments
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import vm_desired_state as desired
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import parse_to_dict
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmOperationTimeout
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils import vm_deployment_bodies as bodies
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import fixture_bytes

NS = "{http://schemas.microsoft.com/windowsazure}"
HOSTILE_PASSWORD = "P&<>\"'w0rd!"
STAMP = "20150702184831123"
LINUX_IMAGE = dict(kind="image", name="5112500ae3b842c8b9c604889f8753c3__OpenLogic-CentOS-65-20140415", os="linux",
                   needs_provisioning=True)
WINDOWS_IMAGE = dict(kind="image", name="a699494373c04fc0bc8f2bb1389d6106__Windows-Server-2012-Datacenter",
                     os="windows", needs_provisioning=True)


def params(**overrides):
    base = dict(service_name="svc", name=None, slot=None, role_name=None, storage_account="acct",
                admin_username="azureuser", admin_password=None, hostname=None, role_size=None)
    base.update(overrides)
    return base


def spec_for(source, os_type, **overrides):
    task = params(**overrides)
    names = desired.resolve_names(task)
    return desired.creation_spec(task, names, desired.resolve_role_name(task, names["name"]), source, os_type, STAMP)


def children(element):
    return [child.tag.replace(NS, "") for child in element]


# ---------------------------------------------------------------- request bodies

def test_linux_deployment_body_is_exact_and_escapes_the_password():
    spec = spec_for(LINUX_IMAGE, "linux", admin_password=HOSTILE_PASSWORD, custom_data="#!/bin/sh\necho hi",
                    endpoints=[dict(name="SSH", port=22, protocol="tcp", local_port=None)],
                    data_disks=[dict(lun=0, size_gb=100, host_caching="ReadOnly")])
    body = deployments.create_deployment_body(spec)
    assert body == (
        b'<Deployment xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/windowsazure">'
        b'<Name>svc</Name><DeploymentSlot>production</DeploymentSlot><Label>svc</Label><RoleList><Role>'
        b'<RoleName>svc</RoleName><RoleType>PersistentVMRole</RoleType><ConfigurationSets>'
        b'<ConfigurationSet><ConfigurationSetType>LinuxProvisioningConfiguration</ConfigurationSetType>'
        b'<HostName>svc</HostName><UserName>azureuser</UserName><UserPassword>P&amp;&lt;&gt;"\'w0rd!</UserPassword>'
        b'<DisableSshPasswordAuthentication>false</DisableSshPasswordAuthentication>'
        b'<CustomData>IyEvYmluL3NoCmVjaG8gaGk=</CustomData></ConfigurationSet>'
        b'<ConfigurationSet><ConfigurationSetType>NetworkConfiguration</ConfigurationSetType><InputEndpoints>'
        b'<InputEndpoint><LocalPort>22</LocalPort><Name>SSH</Name><Port>22</Port><Protocol>tcp</Protocol></InputEndpoint>'
        b'</InputEndpoints><SubnetNames /></ConfigurationSet></ConfigurationSets>'
        b'<DataVirtualHardDisks><DataVirtualHardDisk><HostCaching>ReadOnly</HostCaching><Lun>0</Lun>'
        b'<LogicalDiskSizeInGB>100</LogicalDiskSizeInGB>'
        b'<MediaLink>https://acct.blob.core.windows.net/vhds/svc-svc-lun0-20150702184831123.vhd</MediaLink>'
        b'</DataVirtualHardDisk></DataVirtualHardDisks>'
        b'<OSVirtualHardDisk><MediaLink>https://acct.blob.core.windows.net/vhds/svc-svc-20150702184831123.vhd</MediaLink>'
        b'<SourceImageName>5112500ae3b842c8b9c604889f8753c3__OpenLogic-CentOS-65-20140415</SourceImageName>'
        b'</OSVirtualHardDisk><RoleSize>Small</RoleSize></Role></RoleList></Deployment>')
    # A real XML parser reads the password back unchanged: the service gets exactly what the user typed.
    root = ET.fromstring(body)
    assert root.find(".//%sUserPassword" % NS).text == HOSTILE_PASSWORD
    assert base64.b64decode(root.find(".//%sCustomData" % NS).text) == b"#!/bin/sh\necho hi"


def test_windows_deployment_body_has_winrm_and_schema_order():
    spec = spec_for(WINDOWS_IMAGE, "windows", hostname="win01", admin_username="winadmin",
                    admin_password=HOSTILE_PASSWORD, time_zone="Pacific Standard Time", enable_automatic_updates=False,
                    winrm_listeners=[dict(protocol="http"), dict(protocol="https", certificate_thumbprint="ABC123")],
                    endpoints=[dict(name="WinRM", port=5985, protocol="tcp", local_port=None)], role_size="Medium")
    body = deployments.create_deployment_body(spec)
    root = ET.fromstring(body)
    windows = root.find(".//%sConfigurationSet" % NS)
    assert children(windows) == ["ConfigurationSetType", "ComputerName", "AdminPassword", "EnableAutomaticUpdates",
                                 "TimeZone", "WinRM", "AdminUsername"]
    assert windows.find("%sAdminPassword" % NS).text == HOSTILE_PASSWORD
    assert b"<AdminPassword>P&amp;&lt;&gt;\"'w0rd!</AdminPassword>" in body
    assert (b"<WinRM><Listeners><Listener><Protocol>Http</Protocol></Listener><Listener><Protocol>Https</Protocol>"
            b"<CertificateThumbprint>ABC123</CertificateThumbprint></Listener></Listeners></WinRM>") in body
    # No empty DomainJoin / StoredCertificateSettings blocks (the old SDK's trap).
    assert b"DomainJoin" not in body and b"StoredCertificateSettings" not in body
    role = root.find(".//%sRole" % NS)
    assert children(role) == ["RoleName", "RoleType", "ConfigurationSets", "OSVirtualHardDisk", "RoleSize"]
    assert role.find("%sRoleSize" % NS).text == "Medium"


def test_linux_body_with_ssh_keys_and_no_password_disables_password_login():
    keys = [dict(fingerprint="FP1", path="/home/azureuser/.ssh/authorized_keys")]
    pairs = [dict(fingerprint="FP2", path="/home/azureuser/.ssh/id_rsa")]
    body = deployments.create_deployment_body(spec_for(LINUX_IMAGE, "linux", ssh_public_keys=keys, ssh_key_pairs=pairs))
    assert (b"<DisableSshPasswordAuthentication>true</DisableSshPasswordAuthentication><SSH><PublicKeys><PublicKey>"
            b"<Fingerprint>FP1</Fingerprint><Path>/home/azureuser/.ssh/authorized_keys</Path></PublicKey></PublicKeys>"
            b"<KeyPairs><KeyPair><Fingerprint>FP2</Fingerprint><Path>/home/azureuser/.ssh/id_rsa</Path></KeyPair>"
            b"</KeyPairs></SSH>") in body
    assert b"UserPassword" not in body


def test_vm_image_body_names_the_image_and_has_no_os_disk():
    source = dict(kind="vm_image", name="captured1", os="linux", needs_provisioning=False)
    body = deployments.create_deployment_body(spec_for(source, "linux"))
    role = ET.fromstring(body).find(".//%sRole" % NS)
    assert children(role) == ["RoleName", "RoleType", "VMImageName", "MediaLocation", "RoleSize"]
    assert role.find("%sMediaLocation" % NS).text == "https://acct.blob.core.windows.net/vhds/"


def test_endpoint_with_probe_and_load_balanced_set():
    elements = deployments.endpoint_elements(dict(
        name="web", port=80, local_port=8080, protocol="tcp", load_balanced_endpoint_set_name="lb",
        probe=dict(port=8080, protocol="http", path="/health", interval=15, timeout=31),
        idle_timeout_in_minutes=10, enable_direct_server_return=False))
    assert [tag for tag, value in elements if value is not None] == [
        "LoadBalancedEndpointSetName", "LocalPort", "Name", "Port", "LoadBalancerProbe", "Protocol",
        "EnableDirectServerReturn", "IdleTimeoutInMinutes"]
    probe = dict(elements)["LoadBalancerProbe"]
    assert probe == [("Path", "/health"), ("Port", 8080), ("Protocol", "http"), ("IntervalInSeconds", 15),
                     ("TimeoutInSeconds", 31)]


def test_update_role_body_is_the_whole_role():
    role = dict(role_name="vm1", role_size="Medium", availability_set_name=None, provision_guest_agent=True,
                network=dict(endpoints=[dict(name="SSH", port=22, local_port=22, protocol="tcp", idle_timeout_in_minutes=4,
                                             enable_direct_server_return=False)], subnet_names=[]),
                data_disks=[dict(lun=0, size_gb=10, media_link="https://a.blob.core.windows.net/vhds/d0.vhd",
                                 host_caching="ReadOnly", disk_name="d0", disk_label=None)],
                os_disk=dict(host_caching="ReadWrite", disk_label=None, disk_name="os0",
                             media_link="https://a.blob.core.windows.net/vhds/os.vhd"))
    root = ET.fromstring(deployments.update_role_body(role))
    assert root.tag == NS + "PersistentVMRole"
    assert children(root) == ["RoleName", "RoleType", "ConfigurationSets", "DataVirtualHardDisks", "OSVirtualHardDisk",
                              "RoleSize", "ProvisionGuestAgent"]
    assert children(root.find("%sOSVirtualHardDisk" % NS)) == ["HostCaching", "DiskName", "MediaLink"]


def test_update_role_body_with_every_data_disk_purged_sends_an_empty_list():
    role = dict(role_name="vm1", role_size="Small", network=dict(endpoints=[], subnet_names=[]), data_disks=[],
                os_disk=None)
    assert b"<DataVirtualHardDisks />" in deployments.update_role_body(role)


@pytest.mark.parametrize("operation, action, expected", [
    ("StartRoleOperation", None, b"<OperationType>StartRoleOperation</OperationType></StartRoleOperation>"),
    ("RestartRoleOperation", None, b"<OperationType>RestartRoleOperation</OperationType></RestartRoleOperation>"),
    ("ShutdownRoleOperation", "StoppedDeallocated",
     b"<OperationType>ShutdownRoleOperation</OperationType><PostShutdownAction>StoppedDeallocated</PostShutdownAction>"
     b"</ShutdownRoleOperation>"),
])
def test_role_operation_bodies(operation, action, expected):
    assert deployments.role_operation_body(operation, action).endswith(expected)


# ---------------------------------------------------------------- normalizing recorded responses

def test_recorded_deployment_is_normalized():
    deployment = deployments.normalize_deployment(
        parse_to_dict(fixture_bytes("services_hostedservices_oddkinz1_deploymentslots_Production.xml"))[1], "oddkinz1")
    assert (deployment["name"], deployment["slot"], deployment["status"], deployment["label"]) == (
        "dc01", "Production", "Running", "dc01")
    instance = deployment["role_instances"][0]
    assert (instance["instance_status"], instance["power_state"], instance["host_name"], instance["instance_size"]) == (
        "ReadyRole", "Started", "dc01", "Small")
    assert instance["instance_endpoints"] == [dict(name="SSH", vip="168.63.66.204", public_port=22, local_port=22,
                                                   protocol="tcp")]
    role = deployment["roles"][0]
    assert role["role_size"] == "Small" and role["role_type"] == "PersistentVMRole"
    assert role["os_disk"]["os"] == "Linux"
    assert role["os_disk"]["source_image_name"] == "5112500ae3b842c8b9c604889f8753c3__OpenLogic-CentOS-65-20140415"
    assert role["endpoints"][0]["name"] == "SSH" and role["endpoints"][0]["enable_direct_server_return"] is False
    assert role["data_disks"] == []
    assert deployment["virtual_ips"][0]["address"] == "168.63.66.204"


def test_recorded_hosted_service_with_two_roles_in_one_deployment():
    client = FixedClient({"services/hostedservices/dcoddkinztest01":
                          fixture_bytes("services_hostedservices_dcoddkinztest01.xml")})
    service = deployments.get_service_with_deployments(client, "dcoddkinztest01")
    assert service["location"] == "North Europe"
    deployment = deployments.find_by_name(service["deployments"], "DC03")
    assert [role["role_name"] for role in deployment["roles"]] == ["dc03", "oddkinz2"]
    assert deployment["service_name"] == "dcoddkinztest01"
    assert deployments.find_by_slot(service["deployments"], "production") is deployment
    assert client.queries == [[("embed-detail", "true")]]


def test_data_disk_without_lun_is_lun_zero():
    # The service leaves out <Lun> for LUN 0.
    disk = deployments.normalize_data_disk(dict(disk_name="d", logical_disk_size_in_gb=10))
    assert disk["lun"] == 0 and disk["size_gb"] == 10


def test_list_vm_deployments_is_one_request_and_skips_web_roles():
    web = ('<HostedService><ServiceName>web</ServiceName><HostedServiceProperties><Location>West US</Location>'
           '</HostedServiceProperties><Deployments><Deployment><Name>w</Name><DeploymentSlot>Production</DeploymentSlot>'
           '<RoleInstanceList/><RoleList><Role><RoleName>WebRole1</RoleName></Role></RoleList></Deployment></Deployments>'
           '</HostedService>')
    vm = bodies.hosted_service_body("svc", [bodies.deployment_element()]).replace(" " + bodies.NS, "")
    client = FixedClient({"services/hostedservices": "<HostedServices %s>%s%s</HostedServices>" % (bodies.NS, web, vm)})
    found = deployments.list_vm_deployments(client)
    assert [(d["service_name"], d["name"]) for d in found] == [("svc", "vm1")]
    assert client.queries == [[("embed-detail", "true")]]


def test_list_never_reads_services_one_by_one():
    listed = ('<HostedServices %s><HostedService><ServiceName>svc</ServiceName></HostedService>'
              '<HostedService><ServiceName>empty</ServiceName><Deployments/></HostedService></HostedServices>' % bodies.NS)
    client = FixedClient({"services/hostedservices": listed,
                          "services/hostedservices/svc": bodies.hosted_service_body("svc", [bodies.deployment_element()])})
    assert deployments.list_vm_deployments(client) == []
    assert client.queries == [[("embed-detail", "true")]]


class FixedClient:
    """A client answering GETs from a dict of path -> body; 404 for anything else."""

    def __init__(self, answers):
        self.answers = answers
        self.queries = []

    def get(self, path, query=None):
        self.queries.append(query)
        if path not in self.answers:
            raise AsmError("not found", status=404)
        return parse_to_dict(self.answers[path])

    def get_or_none(self, path, query=None):
        try:
            return self.get(path, query)[1]
        except AsmError:
            return None


# ---------------------------------------------------------------- requests and waiting

def test_delete_with_disks_sends_comp_media(make_client):
    client, adapter = make_client([(202, "", {"x-ms-request-id": "r1"}), (200, bodies.operation_body("Succeeded"))])
    deployments.delete_deployment(client, "svc", "vm1", delete_disks=True)
    assert adapter.requests[0].method == "DELETE"
    assert adapter.requests[0].url == "https://management.example/sub-1/services/hostedservices/svc/deployments/vm1?comp=media"


def test_shutdown_posts_to_the_role_instance_operations(make_client):
    client, adapter = make_client([(202, "", {"x-ms-request-id": "r1"}), (200, bodies.operation_body("Succeeded"))])
    deployments.shutdown_role(client, "svc", "vm1", "vm1", "Stopped")
    assert adapter.requests[0].url.endswith("/services/hostedservices/svc/deployments/vm1/roleinstances/vm1/Operations")
    assert b"<PostShutdownAction>Stopped</PostShutdownAction>" in adapter.requests[0].body


def test_wait_for_instances_polls_until_ready(make_client, clock):
    client, adapter = make_client([
        (200, bodies.deployment_body(status="RoleStateUnknown", power="Starting")),
        (200, bodies.deployment_body(status="RoleStateUnknown", power="Starting")),
        (200, bodies.deployment_body()),
    ])
    deployment = deployments.wait_for_role_instances(client, "svc", "vm1", "vm1", deployments.is_running, 600)
    assert deployment["role_instances"][0]["instance_status"] == "ReadyRole"
    assert clock.sleeps == [0.5, 1.0]


def test_wait_timeout_reports_instance_status_power_state_and_request_id(make_client):
    answers = [(200, bodies.deployment_body(status="RoleStateUnknown", power="Starting"))] * 40
    client, _adapter = make_client(answers)
    with pytest.raises(AsmOperationTimeout) as caught:
        deployments.wait_for_role_instances(client, "svc", "vm1", "vm1", deployments.is_running, 30, request_id="req-7")
    message = str(caught.value)
    assert "role instance vm1 is RoleStateUnknown (power state Starting)" in message
    assert "req-7" in message and caught.value.request_id == "req-7"
    assert "may still" in message


def test_wait_stops_at_once_on_a_failed_instance(make_client):
    client, _adapter = make_client([(200, bodies.deployment_body(status="FailedStartingVM", power="Stopped"))])
    with pytest.raises(AsmError) as caught:
        deployments.wait_for_role_instances(client, "svc", "vm1", "vm1", deployments.is_running, 600)
    assert "FailedStartingVM" in str(caught.value)


@pytest.mark.parametrize("status, action, expected", [
    ("StoppedVM", None, True), ("StoppedDeallocated", None, True),
    ("StoppedVM", "StoppedDeallocated", False), ("StoppedDeallocated", "Stopped", True), ("ReadyRole", None, False),
])
def test_is_stopped(status, action, expected):
    assert deployments.is_stopped(dict(instance_status=status), action) is expected
