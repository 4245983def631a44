"""Deployment, role, role instance, disk, VM image and certificate documents, in the element
order of the recorded VM deployment and capture traffic (asm-api.md 3 and 6)."""
from __future__ import annotations

from asm_emulator.clock import iso8601
from asm_emulator.rules import deployments, role_state
from asm_emulator.wire.xmlout import b64, document, element, optional_element, text, typed

_CONFIGURATION = ('<ServiceConfiguration xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                  'xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration">\r\n%s</ServiceConfiguration>')
_CONFIGURATION_ROLE = '  <Role name="%s">\r\n    <Instances count="1" />\r\n  </Role>\r\n'


def _configuration(deployment):
    """The base64 .cscfg ASM shows for a VM deployment: one Role with one instance per VM."""
    return b64(_CONFIGURATION % "".join(_CONFIGURATION_ROLE % role["name"] for role in deployment["roles"]))


# -- role instances -------------------------------------------------------------------------------
def _instance_endpoints(deployment, role):
    return optional_element("InstanceEndpoints", [element("InstanceEndpoint", [
        text("Name", endpoint["name"]), text("Vip", deployment["vip"]), text("PublicPort", endpoint["port"]),
        text("LocalPort", endpoint["local_port"]), text("Protocol", endpoint["protocol"]), text("IdleTimeoutInMinutes", endpoint["idle_timeout"]),
    ]) for endpoint in role["network"]["endpoints"]])


def _role_instance(deployment, role, now):
    status, power = role_state.instance_state(role, now)
    shown = role_state.has_booted(role, now) and status != "StoppedDeallocated"
    return element("RoleInstance", [
        text("RoleName", role["name"]), text("InstanceName", role["name"]), text("InstanceStatus", status),
        text("InstanceUpgradeDomain", 0), text("InstanceFaultDomain", 0), text("InstanceSize", role["size"]), text("InstanceStateDetails", ""),
        text("IpAddress", role["ip_address"]) if status != "StoppedDeallocated" else None,
        _instance_endpoints(deployment, role) if status != "StoppedDeallocated" else None,
        text("PowerState", power),
        text("HostName", role["host_name"]) if shown else None,
        text("RemoteAccessCertificateThumbprint", role["remote_thumbprint"]) if shown else None,
    ])


# -- roles ---------------------------------------------------------------------------------------
def _input_endpoint(endpoint, vip):
    probe = endpoint.get("probe")
    return element("InputEndpoint", [
        text("LoadBalancedEndpointSetName", endpoint.get("lb_set")),
        text("LocalPort", endpoint["local_port"]), text("Name", endpoint["name"]), text("Port", endpoint["port"]),
        element("LoadBalancerProbe", [text("Path", probe.get("path")), text("Port", probe.get("port")), text("Protocol", probe.get("protocol")),
                                      text("IntervalInSeconds", probe.get("interval")), text("TimeoutInSeconds", probe.get("timeout"))])
        if probe else None,
        text("Protocol", endpoint["protocol"]), text("Vip", vip),
        text("EnableDirectServerReturn", endpoint["direct_server_return"]), text("IdleTimeoutInMinutes", endpoint["idle_timeout"]),
    ])


def _network_set(role, vip, in_deployment):
    network = role["network"]
    return typed("ConfigurationSet", "NetworkConfigurationSet", [
        text("ConfigurationSetType", "NetworkConfiguration"),
        optional_element("InputEndpoints", [_input_endpoint(endpoint, vip) for endpoint in network["endpoints"]]),
        element("SubnetNames", [text("SubnetName", s) for s in network["subnets"]]) if in_deployment else None,
        optional_element("PublicIPs", [element("PublicIP", [text("Name", ip["name"]), text("IdleTimeoutInMinutes", ip.get("idle_timeout"))])
                                       for ip in network["public_ips"]]),
    ])


def _resource_extensions(references):
    if references is None:
        return None
    return element("ResourceExtensionReferences", [element("ResourceExtensionReference", [
        text("ReferenceName", ref["reference_name"]), text("Publisher", ref["publisher"]), text("Name", ref["name"]), text("Version", ref["version"]),
        optional_element("ResourceExtensionParameterValues", [element("ResourceExtensionParameterValue", [
            text("Key", p["key"]), text("Value", p["value"]), text("Type", p["type"])]) for p in ref["parameters"]]),
        text("State", ref.get("state")),
    ]) for ref in references])


def _data_disk(disk):
    return element("DataVirtualHardDisk", [
        text("HostCaching", disk["host_caching"]), text("DiskLabel", disk.get("disk_label")), text("DiskName", disk["disk_name"]),
        text("Lun", disk["lun"]), text("LogicalDiskSizeInGB", disk["size_gb"]), text("MediaLink", disk["media_link"]), text("IOType", "Standard"),
    ])


def data_disk_document(disk):
    return document("DataVirtualHardDisk", [
        text("HostCaching", disk["host_caching"]), text("DiskLabel", disk.get("disk_label")), text("DiskName", disk["disk_name"]),
        text("Lun", disk["lun"]), text("LogicalDiskSizeInGB", disk["size_gb"]), text("MediaLink", disk["media_link"]),
    ])


def _os_disk(disk):
    return element("OSVirtualHardDisk", [
        text("HostCaching", disk["host_caching"]), text("DiskLabel", disk.get("disk_label")), text("DiskName", disk["disk_name"]),
        text("MediaLink", disk["media_link"]), text("SourceImageName", disk.get("source_image_name")), text("OS", disk["os"]),
        text("RemoteSourceImageLink", disk.get("remote_source_image_link")), text("IOType", "Standard"),  # recorded order: OS in between
    ])


def role_children(role, vip, in_deployment):
    return [
        text("RoleName", role["name"]), text("OsVersion", ""), text("RoleType", "PersistentVMRole"),
        element("ConfigurationSets", [_network_set(role, vip, in_deployment)]),
        _resource_extensions(role.get("resource_extensions")),
        text("AvailabilitySetName", role.get("availability_set")),
        element("DataVirtualHardDisks", [_data_disk(disk) for disk in role["data_disks"]]),
        _os_disk(role["os_disk"]),
        text("RoleSize", role["size"]),
        text("ProvisionGuestAgent", role.get("provision_guest_agent")),
        text("VMImageName", role.get("vm_image_name")),
        text("MediaLocation", role.get("media_location")),
    ]


def role_document(role):
    """``GET .../roles/<name>``: a PersistentVMRole, endpoints without Vip, no SubnetNames (recorded)."""
    return document("PersistentVMRole", role_children(role, None, in_deployment=False))


# -- deployments ---------------------------------------------------------------------------------
def _deployment_children(service_doc, deployment, now):
    return [
        text("Name", deployment["name"]), text("DeploymentSlot", deployment["slot"]), text("PrivateID", deployment["private_id"]),
        text("Status", "Running"), text("Label", b64(deployment["label"])), text("Url", "http://%s.cloudapp.net/" % service_doc["name"]),
        text("Configuration", _configuration(deployment)),
        element("RoleInstanceList", [_role_instance(deployment, role, now) for role in deployment["roles"]]),
        text("UpgradeDomainCount", 1),
        element("RoleList", [typed("Role", "PersistentVMRole", role_children(role, deployment["vip"], in_deployment=True))
                             for role in deployment["roles"]]),
        text("SdkVersion", ""), text("Locked", False), text("RollbackAllowed", False),
        text("CreatedTime", iso8601(deployment["created"])), text("LastModifiedTime", iso8601(deployment["modified"])),
        element("ExtendedProperties", []),
        element("VirtualIPs", [element("VirtualIP", [text("Address", deployment["vip"]), text("IsDnsProgrammed", True),
                                                     text("Name", deployment["name"] + "ContractContract")])]),
        optional_element("Dns", [optional_element("DnsServers", [element("DnsServer", [text("Name", d["name"]), text("Address", d["address"])])
                                                                 for d in deployment.get("dns_servers", [])])]),
        text("InternalDnsSuffix", deployment["dns_suffix"]),
        element("LoadBalancers", []),
    ]


def deployment_document(service_doc, deployment, now):
    return document("Deployment", _deployment_children(service_doc, deployment, now))


def embedded_deployments(tx, ctx, service_doc):
    """The <Deployment> items of ``GET hostedservices/<name>?embed-detail=true``."""
    return [element("Deployment", _deployment_children(service_doc, deployment, ctx.now)) for deployment in deployments.for_service(tx, service_doc)]


# -- disks ---------------------------------------------------------------------------------------
def _disk_children(disk):
    attached = disk.get("attached_to")
    return [
        element("AttachedTo", [text("HostedServiceName", attached["service"]), text("DeploymentName", attached["deployment"]),
                               text("RoleName", attached["role"])]) if attached else None,
        text("OS", disk.get("os")),
        text("Location", disk["location"]), text("LogicalDiskSizeInGB", disk["size_gb"]), text("Label", disk.get("label")),
        text("MediaLink", disk["media_link"]), text("Name", disk["name"]), text("SourceImageName", disk.get("source_image_name")),
        text("CreatedTime", iso8601(disk["created"])), text("IOType", "Standard"),
    ]


def disk_document(disk):
    return document("Disk", _disk_children(disk))


def disks_document(items):
    return document("Disks", [element("Disk", _disk_children(disk)) for disk in items])


# -- VM images -----------------------------------------------------------------------------------
def _user_vm_image(doc):
    described = doc.get("descriptive", {})
    captured = doc.get("captured_from")
    return element("VMImage", [
        text("Name", doc["name"]), text("Label", doc["label"]), text("Category", "User"), text("Description", doc.get("description")),
        element("OSDiskConfiguration", [
            text("Name", doc["os_disk_name"]), text("HostCaching", doc["host_caching"]), text("OSState", doc["os_state"]), text("OS", doc["os"]),
            text("MediaLink", doc["media_link"]), text("LogicalDiskSizeInGB", doc["size_gb"]), text("IOType", "Standard")]),
        element("DataDiskConfigurations", [element("DataDiskConfiguration", [
            text("Name", disk["name"]), text("HostCaching", disk["host_caching"]), text("Lun", disk["lun"]), text("MediaLink", disk["media_link"]),
            text("LogicalDiskSizeInGB", disk["size_gb"]), text("IOType", "Standard")]) for disk in doc["data_disks"]]),
        text("ServiceName", captured["service"]) if captured else None,
        text("DeploymentName", captured["deployment"]) if captured else None,
        text("RoleName", captured["role"]) if captured else None,
        text("Location", doc["location"]),
        text("CreatedTime", iso8601(doc["created"], fraction=True)), text("ModifiedTime", iso8601(doc["modified"], fraction=True)),
        text("Language", described.get("Language")), text("ImageFamily", described.get("ImageFamily")),
        text("RecommendedVMSize", described.get("RecommendedVMSize")), text("IsPremium", False),
        text("Eula", described.get("Eula")), text("IconUri", described.get("IconUri")), text("SmallIconUri", described.get("SmallIconUri")),
        text("PrivacyUri", described.get("PrivacyUri")), text("PublishedDate", described.get("PublishedDate")),
        text("ShowInGui", described.get("ShowInGui")),
        text("VMImageState", "VMImageReadyForUse"),
        text("RoleStateOnCapture", captured["state"]) if captured else None,
        text("RoleSizeOnCapture", captured["size"]) if captured else None,
    ])


def vm_images_document(users, platform_fragments):
    return document("VMImages", [_user_vm_image(doc) for doc in users] + list(platform_fragments))


# -- service certificates -------------------------------------------------------------------------
def _certificate_children(ctx, doc):
    return [
        text("CertificateUrl", ctx.url("services", "hostedservices", doc["service"], "certificates", "sha1-" + doc["thumbprint"])),
        text("Thumbprint", doc["thumbprint"]), text("ThumbprintAlgorithm", "sha1"), text("Data", doc["data"]),
    ]


def certificates_document(ctx, docs):
    return document("Certificates", [element("Certificate", _certificate_children(ctx, doc)) for doc in docs])


def certificate_document(ctx, doc):
    return document("Certificate", _certificate_children(ctx, doc))
