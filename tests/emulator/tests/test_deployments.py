"""VM deployments, roles, role instance operations and disks: shapes, states and rules."""
from __future__ import annotations

import base64
import time

import builders as b
from support import NS, child_text, error_of, parse, tags

DEPLOYMENT_TAGS = ["Name", "DeploymentSlot", "PrivateID", "Status", "Label", "Url", "Configuration", "RoleInstanceList", "UpgradeDomainCount",
                   "RoleList", "SdkVersion", "Locked", "RollbackAllowed", "CreatedTime", "LastModifiedTime", "ExtendedProperties", "VirtualIPs",
                   "InternalDnsSuffix", "LoadBalancers"]
EXCLUSIVE = "Windows Azure is currently performing an operation on this deployment that requires exclusive access."


def instance(emu, service, deployment=None):
    root = parse(emu.asm("GET", "/services/hostedservices/%s/deployments/%s" % (service, deployment or service)).text)
    item = root.find(NS + "RoleInstanceList")[0]
    return child_text(item, "InstanceStatus"), child_text(item, "PowerState"), child_text(item, "HostName")


def wait_for(predicate, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("condition not reached in %s s" % timeout)


def test_vm_deployment_shape_and_boot_progression(make_emulator):
    emu = make_emulator("--duration", "storage_create=0.1", "--duration", "vm_create=1.5", "--duration", "vm_boot=1.5", "--time-scale", "1")
    response = b.setup_vm(emu, wait=False)
    request_id = response.headers["x-ms-request-id"]
    assert response.text == ""
    assert child_text(parse(emu.asm("GET", "/operations/" + request_id).text), "Status") == "InProgress"
    assert instance(emu, "vmsvc") == ("RoleStateUnknown", "Starting", None)
    # Exclusive access while the deployment's operation runs.
    for method, path, body in (("DELETE", "/services/hostedservices/vmsvc/deployments/vmsvc", None),
                               ("POST", "/services/hostedservices/vmsvc/deployments/vmsvc/roleinstances/vmsvc/Operations", b.shutdown()),
                               ("PUT", "/services/hostedservices/vmsvc", b.body("UpdateHostedService", "<Label>%s</Label>" % b.b64("x")))):
        assert error_of(emu.asm(method, path, body)) == (409, "ConflictError", EXCLUSIVE)
    assert child_text(emu.wait_operation(request_id), "Status") == "Succeeded"
    # After the operation: still booting, as recorded, then ready with a host name.
    assert instance(emu, "vmsvc")[:2] == ("RoleStateUnknown", "Starting")
    assert wait_for(lambda: instance(emu, "vmsvc")[0] == "ReadyRole")
    assert instance(emu, "vmsvc") == ("ReadyRole", "Started", "myhost")
    text = emu.asm("GET", "/services/hostedservices/vmsvc/deployments/vmsvc").text
    root = parse(text)
    assert tags(root) == DEPLOYMENT_TAGS
    assert child_text(root, "Label") == b.b64("vmsvc") and child_text(root, "DeploymentSlot") == "Production"
    config = base64.b64decode(child_text(root, "Configuration")).decode()
    assert config.startswith("<ServiceConfiguration ") and '<Role name="vmsvc">\r\n    <Instances count="1" />' in config
    assert tags(root.find(NS + "RoleInstanceList")[0]) == [
        "RoleName", "InstanceName", "InstanceStatus", "InstanceUpgradeDomain", "InstanceFaultDomain", "InstanceSize", "InstanceStateDetails",
        "IpAddress", "InstanceEndpoints", "PowerState", "HostName", "RemoteAccessCertificateThumbprint"]
    role = root.find(NS + "RoleList")[0]
    assert role.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "PersistentVMRole"
    assert tags(role) == ["RoleName", "OsVersion", "RoleType", "ConfigurationSets", "DataVirtualHardDisks", "OSVirtualHardDisk", "RoleSize"]
    assert '<ConfigurationSet i:type="NetworkConfigurationSet"><ConfigurationSetType>NetworkConfiguration</ConfigurationSetType>' in text
    assert tags(role.find(NS + "OSVirtualHardDisk")) == ["HostCaching", "DiskName", "MediaLink", "SourceImageName", "OS", "IOType"]
    assert tags(role.find(NS + "ConfigurationSets")[0].find(NS + "InputEndpoints")[0]) == [
        "LocalPort", "Name", "Port", "Protocol", "Vip", "EnableDirectServerReturn", "IdleTimeoutInMinutes"]
    disk_name = child_text(role, "OSVirtualHardDisk/DiskName")
    assert disk_name.startswith("vmsvc-vmsvc-0-") and len(disk_name.rsplit("-", 1)[1]) == 18
    get_role = parse(emu.asm("GET", "/services/hostedservices/vmsvc/deployments/vmsvc/roles/vmsvc").text)
    assert get_role.tag == NS + "PersistentVMRole"
    assert tags(get_role.find(NS + "ConfigurationSets")[0]) == ["ConfigurationSetType", "InputEndpoints"]
    by_slot = emu.asm("GET", "/services/hostedservices/vmsvc/deploymentslots/Production")
    assert by_slot.status_code == 200 and parse(by_slot.text).tag == NS + "Deployment"
    embedded = parse(emu.asm("GET", "/services/hostedservices/vmsvc?embed-detail=true").text)
    assert tags(embedded) == ["Url", "ServiceName", "HostedServiceProperties", "Deployments"]
    assert tags(embedded.find(NS + "Deployments")[0]) == DEPLOYMENT_TAGS


def test_shutdown_start_restart_progressions(make_emulator):
    emu = make_emulator("--duration", "storage_create=0.1", "--duration", "vm_create=0", "--duration", "vm_boot=0.6",
                        "--duration", "role_shutdown=0.6", "--duration", "role_start=0.6",
                        "--duration", "role_restart=0.6", "--time-scale", "1")
    b.setup_vm(emu)
    wait_for(lambda: instance(emu, "vmsvc")[0] == "ReadyRole")
    path = "/services/hostedservices/vmsvc/deployments/vmsvc/roleinstances/vmsvc/Operations"
    response = emu.asm("POST", path, b.shutdown("Stopped"))
    assert response.status_code == 202
    assert instance(emu, "vmsvc")[:2] == ("StoppingVM", "Stopping")
    emu.wait_operation(response.headers["x-ms-request-id"])
    assert instance(emu, "vmsvc")[:2] == ("StoppedVM", "Stopped")
    emu.wait_operation(emu.asm("POST", path, b.start()).headers["x-ms-request-id"])
    assert instance(emu, "vmsvc")[:2] == ("RoleStateUnknown", "Starting")
    wait_for(lambda: instance(emu, "vmsvc")[0] == "ReadyRole")
    emu.wait_operation(emu.asm("POST", path, b.shutdown("StoppedDeallocated")).headers["x-ms-request-id"])
    assert instance(emu, "vmsvc") == ("StoppedDeallocated", "Stopped", None)
    emu.wait_operation(emu.asm("POST", path, b.start()).headers["x-ms-request-id"])
    wait_for(lambda: instance(emu, "vmsvc")[0] == "ReadyRole")
    response = emu.asm("POST", path, b.restart())
    assert response.status_code == 202
    assert instance(emu, "vmsvc")[:2] == ("RoleStateUnknown", "Starting")
    wait_for(lambda: instance(emu, "vmsvc")[:2] == ("ReadyRole", "Started"))
    bad = b.body("ShutdownRoleOperation", "<OperationType>ShutdownRoleOperation</OperationType><PostShutdownAction>Nap</PostShutdownAction>")
    assert error_of(emu.asm("POST", path, bad))[:2] == (400, "BadRequest")
    assert error_of(emu.asm("POST", path.replace("/vmsvc/Operations", "/nosuch/Operations"), b.start())) == (
        404, "ResourceNotFound", "Role instance name is not valid.")


def test_deployment_rules(emu):
    b.setup_vm(emu)
    again = emu.asm("POST", "/services/hostedservices/vmsvc/deployments", b.deployment("second", b.role("second", b.vhd("vmstore", "second"))))
    assert error_of(again) == (409, "ConflictError", "The specified deployment slot Production is occupied.")
    assert emu.asm("POST", "/services/hostedservices", b.hosted_service("other")).status_code == 201
    cases = {
        "unknown image": b.role("r1", b.vhd("vmstore", "r1"), image="NoSuchImage"),
        "unknown size": b.role("r1", b.vhd("vmstore", "r1"), size="Gigantic"),
        "storage of nobody": b.role("r1", b.vhd("nostorageacct", "r1")),
        "not a blob url": b.role("r1", "https://example.com/disk.vhd"),
        "taken blob": b.role("r1", b.vhd("vmstore", "vmsvc")),
        "long password": b.role("r1", b.vhd("vmstore", "r1"), config=b.linux_config(password="x" * 73)),
        "missing ssh certificate": b.role("r1", b.vhd("vmstore", "r1"), config=b.linux_config(fingerprint="AB" * 20)),
    }
    for case, role_xml in cases.items():
        response = emu.asm("POST", "/services/hostedservices/other/deployments", b.deployment("other", role_xml))
        assert response.status_code in (400, 409), case
        assert error_of(response)[1] in ("BadRequest", "ConflictError"), case
    unknown_size = emu.asm("POST", "/services/hostedservices/other/deployments", b.deployment("other", cases["unknown size"]))
    assert error_of(unknown_size)[2].startswith("Value 'Gigantic' specified for parameter 'RoleSize' is invalid.")
    # A VHD in a storage account of another location.
    east = emu.asm("POST", "/services/storageservices", b.storage("eaststore", "East US"))
    emu.wait_operation(east.headers["x-ms-request-id"])
    wrong_place = emu.asm("POST", "/services/hostedservices/other/deployments", b.deployment("other", b.role("r1", b.vhd("eaststore", "r1"))))
    assert error_of(wrong_place)[:2] == (400, "BadRequest") and "location" in error_of(wrong_place)[2]
    staging = emu.asm("POST", "/services/hostedservices/other/deployments", b.deployment("other", b.role("r1", b.vhd("vmstore", "r1")), "staging"))
    assert error_of(staging)[:2] == (400, "BadRequest")
    assert error_of(emu.asm("GET", "/services/hostedservices/other/deploymentslots/production")) == (404, "ResourceNotFound", "No deployments were found.")
    assert error_of(emu.asm("POST", "/services/hostedservices/missing/deployments", b.deployment("x", cases["unknown image"])))[:2] == (404, "ResourceNotFound")


def test_ssh_key_needs_a_service_certificate(emu):
    assert emu.asm("POST", "/services/hostedservices", b.hosted_service("sshsvc")).status_code == 201
    response = emu.asm("POST", "/services/storageservices", b.storage("sshstore"))
    emu.wait_operation(response.headers["x-ms-request-id"])
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    import subprocess  # noqa: F401  (keeps imports local to this test)
    with open(emu.conn["management_cert_pfx_path"], "rb") as handle:
        key, cert, _chain = pkcs12.load_key_and_certificates(handle.read(), emu.conn["management_cert_password"].encode())
    pfx = pkcs12.serialize_key_and_certificates(b"k", key, cert, None, serialization.BestAvailableEncryption(b"secret"))
    cert_body = b.body("CertificateFile", "<Data>%s</Data><CertificateFormat>pfx</CertificateFormat><Password>secret</Password>"
                       % base64.b64encode(pfx).decode())
    added = emu.asm("POST", "/services/hostedservices/sshsvc/certificates", cert_body)
    assert added.status_code == 202
    emu.wait_operation(added.headers["x-ms-request-id"])
    from cryptography.hazmat.primitives import hashes
    thumbprint = cert.fingerprint(hashes.SHA1()).hex().upper()
    listed = parse(emu.asm("GET", "/services/hostedservices/sshsvc/certificates").text)
    assert [child_text(c, "Thumbprint") for c in listed] == [thumbprint]
    assert tags(listed[0]) == ["CertificateUrl", "Thumbprint", "ThumbprintAlgorithm", "Data"]
    role_xml = b.role("sshvm", b.vhd("sshstore", "sshvm"), config=b.linux_config(fingerprint=thumbprint))
    assert emu.asm("POST", "/services/hostedservices/sshsvc/deployments", b.deployment("sshvm", role_xml)).status_code == 202


def test_roles_add_update_delete_and_disks(emu):
    b.setup_vm(emu)
    base = "/services/hostedservices/vmsvc/deployments/vmsvc"
    second = b.role("second", b.vhd("vmstore", "second"), config=b.linux_config(host="second"), endpoints=(("SSH", 2222, 22),))
    added = emu.asm("POST", base + "/roles", b.persistent_vm_role(second))
    assert added.status_code == 202, added.text
    emu.wait_operation(added.headers["x-ms-request-id"])
    clash = emu.asm("POST", base + "/roles", b.persistent_vm_role(b.role("third", b.vhd("vmstore", "third"), endpoints=(("SSH", 22, 22),))))
    assert error_of(clash)[:2] == (409, "ConflictError")
    root = parse(emu.asm("GET", base).text)
    assert [child_text(r, "RoleName") for r in root.find(NS + "RoleList")] == ["vmsvc", "second"]
    assert base64.b64decode(child_text(root, "Configuration")).decode().count("<Role name=") == 2
    # Update: size, endpoints and data disks (a Small role takes at most 2 data disks).
    disks3 = "".join(b.data_disk(lun, b.vhd("vmstore", "data%d" % lun)) for lun in range(3))
    too_many = b.persistent_vm_role(b.role("second", b.vhd("vmstore", "second"), endpoints=(("SSH", 2222, 22),), data_disks=disks3))
    assert error_of(emu.asm("PUT", base + "/roles/second", too_many))[:2] == (400, "BadRequest")
    update = b.persistent_vm_role(b.role("second", b.vhd("vmstore", "second"), size="Medium", endpoints=(("SSH", 2222, 22), ("HTTP", 80, 8080)),
                                         data_disks=disks3))
    response = emu.asm("PUT", base + "/roles/second", update)
    assert response.status_code == 202, response.text
    emu.wait_operation(response.headers["x-ms-request-id"])
    role = parse(emu.asm("GET", base + "/roles/second").text)
    assert child_text(role, "RoleSize") == "Medium"
    assert [child_text(e, "Name") for e in role.find(NS + "ConfigurationSets")[0].find(NS + "InputEndpoints")] == ["SSH", "HTTP"]
    data = role.find(NS + "DataVirtualHardDisks")
    assert [child_text(d, "Lun") for d in data] == ["0", "1", "2"]
    assert tags(data[0]) == ["HostCaching", "DiskName", "Lun", "LogicalDiskSizeInGB", "MediaLink", "IOType"]
    disks = parse(emu.asm("GET", "/services/disks").text)
    assert len(disks) == 5
    assert tags(disks[0]) == ["AttachedTo", "OS", "Location", "LogicalDiskSizeInGB", "MediaLink", "Name", "SourceImageName", "CreatedTime", "IOType"]
    # Remove one data disk: it stays registered, detached.
    fewer = b.persistent_vm_role(b.role("second", b.vhd("vmstore", "second"), size="Medium", endpoints=(("SSH", 2222, 22),),
                                        data_disks="".join(b.data_disk(lun, b.vhd("vmstore", "data%d" % lun)) for lun in range(2))))
    emu.wait_operation(emu.asm("PUT", base + "/roles/second", fewer).headers["x-ms-request-id"])
    detached = [d for d in parse(emu.asm("GET", "/services/disks").text) if d.find(NS + "AttachedTo") is None]
    assert len(detached) == 1
    detached_name = child_text(detached[0], "Name")
    attached_name = child_text(role, "OSVirtualHardDisk/DiskName")
    in_use = emu.asm("DELETE", "/services/disks/" + attached_name)
    assert error_of(in_use)[:2] == (409, "ConflictError") and "is currently in use by virtual machine second" in error_of(in_use)[2]
    assert emu.asm("DELETE", "/services/disks/%s?comp=media" % detached_name).status_code == 200
    assert error_of(emu.asm("GET", "/services/disks/" + detached_name))[:2] == (404, "ResourceNotFound")
    # Delete a role; the last one cannot be deleted.
    emu.wait_operation(emu.asm("DELETE", base + "/roles/second?comp=media").headers["x-ms-request-id"])
    assert error_of(emu.asm("DELETE", base + "/roles/vmsvc"))[:2] == (400, "BadRequest")
    assert len(parse(emu.asm("GET", "/services/disks").text)) == 1


def test_deleting_deployments_services_and_storage_with_disks(emu):
    b.setup_vm(emu)
    assert error_of(emu.asm("DELETE", "/services/hostedservices/vmsvc"))[:2] == (409, "ConflictError")
    response = emu.asm("DELETE", "/services/hostedservices/vmsvc/deployments/vmsvc")
    assert response.status_code == 202
    emu.wait_operation(response.headers["x-ms-request-id"])
    disks = parse(emu.asm("GET", "/services/disks").text)
    assert len(disks) == 1 and disks[0].find(NS + "AttachedTo") is None
    blocked = emu.asm("DELETE", "/services/storageservices/vmstore")
    assert error_of(blocked)[:2] == (400, "BadRequest") and "active image and/or disk artifacts" in error_of(blocked)[2]
    emu.asm("DELETE", "/services/disks/" + child_text(disks[0], "Name"))
    assert emu.asm("DELETE", "/services/storageservices/vmstore").status_code == 200
    # comp=media on the hosted service takes its deployment and disks along.
    b.setup_vm(emu, service="svc2", account="store2")
    response = emu.asm("DELETE", "/services/hostedservices/svc2?comp=media")
    assert response.status_code == 202
    emu.wait_operation(response.headers["x-ms-request-id"])
    assert emu.asm("GET", "/services/hostedservices/svc2").status_code == 404
    assert len(parse(emu.asm("GET", "/services/disks").text)) == 0


def test_data_disk_endpoints(emu):
    b.setup_vm(emu)
    base = "/services/hostedservices/vmsvc/deployments/vmsvc/roles/vmsvc/DataDisks"
    added = emu.asm("POST", base, b.body("DataVirtualHardDisk", b.data_disk(3, b.vhd("vmstore", "extra"))[len("<DataVirtualHardDisk>"):-len(
        "</DataVirtualHardDisk>")]))
    assert added.status_code == 202, added.text
    emu.wait_operation(added.headers["x-ms-request-id"])
    disk = parse(emu.asm("GET", base + "/3").text)
    assert tags(disk) == ["HostCaching", "DiskName", "Lun", "LogicalDiskSizeInGB", "MediaLink"] and child_text(disk, "Lun") == "3"
    assert error_of(emu.asm("GET", base + "/5"))[:2] == (404, "ResourceNotFound")
    emu.wait_operation(emu.asm("DELETE", base + "/3?comp=media").headers["x-ms-request-id"])
    assert error_of(emu.asm("GET", base + "/3"))[:2] == (404, "ResourceNotFound")
    assert len(parse(emu.asm("GET", "/services/disks").text)) == 1


def test_list_hosted_services_extended_embeds_every_deployment_in_one_request(emu):
    b.setup_vm(emu)
    emu.asm("POST", "/services/hostedservices", b.hosted_service("emptysvc"))
    plain = parse(emu.asm("GET", "/services/hostedservices").text)
    assert all(item.find(NS + "Deployments") is None for item in plain)
    emu.control("POST", "stats/reset")
    extended = parse(emu.asm("GET", "/services/hostedservices?embed-detail=true").text)
    assert emu.control("GET", "stats").json()["total"] == 1
    by_name = dict((child_text(item, "ServiceName"), item) for item in extended)
    assert tags(by_name["vmsvc"])[:4] == ["Url", "ServiceName", "HostedServiceProperties", "Deployments"]
    assert tags(by_name["vmsvc"].find(NS + "Deployments")[0]) == DEPLOYMENT_TAGS
    assert list(by_name["emptysvc"].find(NS + "Deployments")) == []


def _probed_role(probe_xml):
    endpoints = ("<InputEndpoint><LoadBalancedEndpointSetName>web</LoadBalancedEndpointSetName><LocalPort>80</LocalPort><Name>HTTP</Name>"
                 "<Port>80</Port><LoadBalancerProbe>%s</LoadBalancerProbe><Protocol>tcp</Protocol></InputEndpoint>" % probe_xml)
    network = ("<ConfigurationSet><ConfigurationSetType>NetworkConfiguration</ConfigurationSetType><InputEndpoints>%s</InputEndpoints>"
               "<SubnetNames></SubnetNames></ConfigurationSet>" % endpoints)
    return b.persistent_vm_role("<RoleName>vmsvc</RoleName><RoleType>PersistentVMRole</RoleType><ConfigurationSets>%s</ConfigurationSets>"
                                "<RoleSize>Small</RoleSize>" % network)


def test_load_balancer_probe_keeps_interval_and_timeout(emu):
    b.setup_vm(emu)
    role_path = "/services/hostedservices/vmsvc/deployments/vmsvc/roles/vmsvc"
    updated = emu.asm("PUT", role_path, _probed_role("<Path>/health</Path><Port>80</Port><Protocol>http</Protocol>"
                                                     "<IntervalInSeconds>30</IntervalInSeconds><TimeoutInSeconds>61</TimeoutInSeconds>"))
    emu.wait_operation(updated.headers["x-ms-request-id"])
    probe = parse(emu.asm("GET", role_path).text).find(NS + "ConfigurationSets")[0].find(NS + "InputEndpoints")[0].find(NS + "LoadBalancerProbe")
    assert tags(probe) == ["Path", "Port", "Protocol", "IntervalInSeconds", "TimeoutInSeconds"]
    assert (child_text(probe, "IntervalInSeconds"), child_text(probe, "TimeoutInSeconds")) == ("30", "61")
    defaulted = emu.asm("PUT", role_path, _probed_role("<Port>80</Port><Protocol>tcp</Protocol>"))
    emu.wait_operation(defaulted.headers["x-ms-request-id"])
    probe = parse(emu.asm("GET", role_path).text).find(NS + "ConfigurationSets")[0].find(NS + "InputEndpoints")[0].find(NS + "LoadBalancerProbe")
    assert (child_text(probe, "IntervalInSeconds"), child_text(probe, "TimeoutInSeconds")) == ("15", "31")
    bad = emu.asm("PUT", role_path, _probed_role("<Port>80</Port><Protocol>tcp</Protocol><IntervalInSeconds>1</IntervalInSeconds>"))
    assert error_of(bad)[:2] == (400, "BadRequest")
