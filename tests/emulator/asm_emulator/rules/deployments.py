"""VM deployments and their roles: create (by OS image or by VM image), delete (with
``comp=media``), add/update/delete role, start/shutdown/restart.

A deployment document holds its roles; each role holds its network configuration, disks and the
timestamps of its last power transition (role_state.py). Disks are also registered on their own
(disks.py) so ``GET /services/disks`` and the storage-account checks see them.
"""
from __future__ import annotations

import os
import random
import re
import uuid

from asm_emulator import catalogue, operations
from asm_emulator.clock import compact_stamp
from asm_emulator.errors import ASMError, bad_request, conflict, not_found
from asm_emulator.rules import common, disks, role_state, service_certificates
from asm_emulator.rules.common import DEPLOYMENT, OS_IMAGE, VM_IMAGE

NO_DEPLOYMENTS = "No deployments were found."  # recorded (libcloud fixture, ruby get_deployment_missing)
ROLE_INSTANCE_INVALID = "Role instance name is not valid."  # recorded (libcloud fixture)
_ROLE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_DISK_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,256}$")
HOST_CACHING = ("None", "ReadOnly", "ReadWrite")


# -- lookups -------------------------------------------------------------------------------------
def for_service(tx, service_doc):
    return tx.list(DEPLOYMENT, parent=common.global_key(service_doc["name"]))


def get_by_name(tx, ctx, service, name):
    service_doc = common.hosted_service(tx, ctx, service)
    doc = tx.get(DEPLOYMENT, common.deployment_key(service_doc["name"], name or ""))
    if doc is None:
        raise not_found(NO_DEPLOYMENTS)
    return service_doc, doc


def get_by_slot(tx, ctx, service, slot):
    service_doc = common.hosted_service(tx, ctx, service)
    for doc in for_service(tx, service_doc):
        if doc["slot"].lower() == (slot or "").lower():
            return service_doc, doc
    raise not_found(NO_DEPLOYMENTS)


def find_role(deployment, role_name, message=None):
    for role in deployment["roles"]:
        if role["name"].lower() == (role_name or "").lower():
            return role
    raise not_found(message or "The role %s does not exist in deployment %s." % (role_name, deployment["name"]))


def save(tx, ctx, deployment):
    deployment["modified"] = ctx.now
    tx.put(DEPLOYMENT, common.deployment_key(deployment["service"], deployment["name"]), ctx.subscription_id, deployment,
           parent=common.global_key(deployment["service"]))


# -- parsing and validating a role ----------------------------------------------------------------
def _int(value, what, low, high):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise bad_request("The value %r of %s is not a valid integer." % (value, what)) from None
    if not low <= number <= high:
        raise bad_request("The value %d of %s must be between %d and %d." % (number, what, low, high))
    return number


def _host_caching(value, default):
    if value in (None, ""):
        return default
    for known in HOST_CACHING:
        if known.lower() == value.lower():
            return known
    raise bad_request("The HostCaching value %s is not valid. Allowed values are None, ReadOnly and ReadWrite." % value)


def role_size(value):
    name = value or "Small"
    size = catalogue.find_role_size(name)
    if size is None or not size["virtual_machines"]:
        allowed = ",".join(sorted(catalogue.vm_role_size_names()))
        raise bad_request("Value '%s' specified for parameter 'RoleSize' is invalid. Allowed values are '%s'." % (name, allowed))
    return size


# What the service answers for a probe that names no interval or timeout.
PROBE_DEFAULT_INTERVAL = 15
PROBE_DEFAULT_TIMEOUT = 31


def _probe(probe, endpoint_name):
    return {
        "path": probe.value("Path"), "port": probe.value("Port"), "protocol": probe.value("Protocol"),
        "interval": _int(probe.value("IntervalInSeconds") or str(PROBE_DEFAULT_INTERVAL),
                         "IntervalInSeconds of the probe of endpoint %s" % endpoint_name, 5, 2147483647),
        "timeout": _int(probe.value("TimeoutInSeconds") or str(PROBE_DEFAULT_TIMEOUT),
                        "TimeoutInSeconds of the probe of endpoint %s" % endpoint_name, 11, 2147483647),
    }


def _endpoints(node):
    endpoints = []
    for item in node.all("InputEndpoint") if node is not None else []:
        name = common.require(item.value("Name"), "endpoint name")
        protocol = (item.value("Protocol") or "").lower()
        if protocol not in ("tcp", "udp"):
            raise bad_request("The protocol %s of endpoint %s is not valid. Allowed values are TCP and UDP." % (item.value("Protocol"), name))
        probe = item.child("LoadBalancerProbe")
        endpoints.append({
            "name": name, "protocol": protocol,
            "port": _int(item.value("Port"), "Port of endpoint %s" % name, 1, 65535),
            "local_port": _int(item.value("LocalPort"), "LocalPort of endpoint %s" % name, 1, 65535),
            "lb_set": item.value("LoadBalancedEndpointSetName") or None,
            "probe": None if probe is None else _probe(probe, name),
            "direct_server_return": (item.value("EnableDirectServerReturn") or "false").lower() == "true",
            "idle_timeout": _int(item.value("IdleTimeoutInMinutes") or "4", "IdleTimeoutInMinutes", 4, 30),
        })
    names = [endpoint["name"].lower() for endpoint in endpoints]
    if len(set(names)) != len(names):
        raise bad_request("The endpoint names of a role must be unique.")
    return endpoints


def _ssh_fingerprints(config):
    fingerprints = []
    ssh = config.child("SSH")
    if ssh is not None:
        for group, item in (("PublicKeys", "PublicKey"), ("KeyPairs", "KeyPair")):
            for key in ssh.path(group).all(item) if ssh.path(group) is not None else []:
                fingerprints.append(key.value("Fingerprint") or "")
    return fingerprints


def _provisioning(tx, service_doc, config):
    """Validate a Linux or Windows provisioning set; ASM never returns it, so keep only names."""
    kind = config.value("ConfigurationSetType")
    if kind == "LinuxProvisioningConfiguration":
        host_name = common.require(config.value("HostName"), "HostName")
        user_name = common.require(config.value("UserName"), "UserName")
        if len(host_name) > 64:
            raise bad_request("The HostName must be at most 64 characters long.")
        if len(user_name) > 32:
            raise bad_request("The UserName must be at most 32 characters long.")
        password = config.value("UserPassword")
        if password is not None and not 6 <= len(password) <= 72:
            raise bad_request("The UserPassword must be 6 to 72 characters long.")
        for fingerprint in _ssh_fingerprints(config):
            if not service_certificates.has(tx, service_doc["name"], fingerprint):
                raise bad_request("The certificate with thumbprint %s was not found in hosted service %s; add it as a service certificate first."
                                  % (fingerprint, service_doc["name"]))
        return {"os": "Linux", "host_name": host_name}
    computer_name = common.require(config.value("ComputerName"), "ComputerName")
    if len(computer_name) > 15:
        raise bad_request("The ComputerName must be at most 15 characters long.")
    password = common.require(config.value("AdminPassword"), "AdminPassword")
    if not 8 <= len(password) <= 123:
        raise bad_request("The AdminPassword must be 8 to 123 characters long.")
    common.require(config.value("AdminUsername"), "AdminUsername")
    return {"os": "Windows", "host_name": computer_name}


def _configuration_sets(tx, service_doc, node):
    provisioning, network = None, {"endpoints": [], "subnets": [], "static_ip": None, "public_ips": []}
    for config in node.all("ConfigurationSet") if node is not None else []:
        kind = config.value("ConfigurationSetType")
        if kind in ("LinuxProvisioningConfiguration", "WindowsProvisioningConfiguration"):
            provisioning = _provisioning(tx, service_doc, config)
        elif kind == "NetworkConfiguration":
            subnets = config.child("SubnetNames")
            public_ips = config.child("PublicIPs")
            network = {
                "endpoints": _endpoints(config.child("InputEndpoints")),
                "subnets": [s.text for s in subnets.all("SubnetName")] if subnets is not None else [],
                "static_ip": config.value("StaticVirtualNetworkIPAddress") or None,
                "public_ips": [{"name": ip.value("Name"), "idle_timeout": ip.value("IdleTimeoutInMinutes")} for ip in public_ips.all("PublicIP")]
                if public_ips is not None else [],
            }
            if network["subnets"] or network["static_ip"]:
                raise bad_request("Subnets and static virtual network addresses need a virtual network; virtual networks are not supported by this emulator.")
        else:
            raise bad_request("The ConfigurationSetType %s is not valid." % kind)
    return provisioning, network


def _resource_extensions(node):
    if node is None:
        return None
    result = []
    for ref in node.all("ResourceExtensionReference"):
        values = ref.child("ResourceExtensionParameterValues")
        result.append({
            "reference_name": ref.value("ReferenceName"), "publisher": ref.value("Publisher"), "name": ref.value("Name"),
            "version": ref.value("Version"), "state": ref.value("State"),
            "parameters": [{"key": v.value("Key"), "value": v.value("Value"), "type": v.value("Type")} for v in values.all("ResourceExtensionParameterValue")]
            if values is not None else [],
        })
    return result


def check_media_link(tx, ctx, service_doc, url, planned):
    """A VM's VHD: a blob in a storage account of the subscription, in the service's location,
    not already backing a disk or image (nor another disk of this same request)."""
    account, _blob = common.storage_account_of_blob(tx, ctx, url)
    if account["location"] != service_doc["location"]:
        raise bad_request("The location of the storage account %s (%s) where the VHD %s would be created is not the location of the hosted service "
                          "%s (%s)." % (account["name"], account["location"], url, service_doc["name"], service_doc["location"]))
    common.ensure_blob_free(tx, ctx, url)
    if url.lower() in planned:
        raise bad_request("The VHD %s is used by two disks of the request." % url)
    planned.add(url.lower())
    return account


def _data_disks(tx, ctx, service_doc, node, planned, size):
    result = []
    for item in node.all("DataVirtualHardDisk") if node is not None else []:
        lun = _int(item.value("Lun") or "0", "Lun", 0, 31)
        disk_name = item.value("DiskName") or None
        existing = disks.find(tx, ctx, disk_name) if disk_name else None
        if existing is not None:
            if existing.get("attached_to"):
                raise conflict("The disk %s is already attached to virtual machine %s." % (disk_name, existing["attached_to"]["role"]))
            entry = {"lun": lun, "host_caching": _host_caching(item.value("HostCaching"), "None"), "disk_label": existing.get("label"),
                     "disk_name": existing["name"], "size_gb": existing["size_gb"], "media_link": existing["media_link"], "existing": True}
        else:
            media_link = common.require(item.value("MediaLink"), "MediaLink of the data disk at LUN %d" % lun)
            check_media_link(tx, ctx, service_doc, media_link, planned)
            entry = {"lun": lun, "host_caching": _host_caching(item.value("HostCaching"), "None"), "disk_label": item.value("DiskLabel") or None,
                     "disk_name": disk_name, "size_gb": _int(item.value("LogicalDiskSizeInGB") or "1", "LogicalDiskSizeInGB", 1, 1023),
                     "media_link": media_link, "existing": False}
        result.append(entry)
    luns = [disk["lun"] for disk in result]
    if len(set(luns)) != len(luns):
        raise bad_request("Two data disks use the same LUN.")
    if len(result) > size["max_data_disks"]:
        raise bad_request("The maximum number of data disks allowed to be attached to a role of size %s is %d." % (size["name"], size["max_data_disks"]))
    return result


def _os_disk_from_image(tx, ctx, service_doc, node, planned):
    """OSVirtualHardDisk of a role created from an OS image, a remote VHD, or an existing disk."""
    disk_name = node.value("DiskName") or None
    source_name = node.value("SourceImageName") or None
    remote = node.value("RemoteSourceImageLink") or None
    if disk_name and not source_name and not remote and disks.find(tx, ctx, disk_name) is not None:
        existing = disks.find(tx, ctx, disk_name)
        if existing.get("attached_to"):
            raise conflict("The disk %s is already attached to virtual machine %s." % (disk_name, existing["attached_to"]["role"]))
        if not existing.get("os"):
            raise bad_request("The disk %s is not an operating system disk." % disk_name)
        return {"host_caching": _host_caching(node.value("HostCaching"), "ReadWrite"), "disk_label": existing.get("label"), "disk_name": existing["name"],
                "media_link": existing["media_link"], "source_image_name": existing.get("source_image_name"), "remote_source_image_link": None,
                "os": existing["os"], "size_gb": existing["size_gb"], "existing": True}
    if disk_name and not _DISK_NAME.match(disk_name):
        raise bad_request("The disk name %s is invalid." % disk_name)
    if disk_name and disks.find(tx, ctx, disk_name) is not None:
        raise conflict("A disk with the name %s already exists." % disk_name)
    media_link = common.require(node.value("MediaLink"), "MediaLink of the OS disk")
    check_media_link(tx, ctx, service_doc, media_link, planned)
    if source_name:
        os_type, size_gb = _source_image(tx, ctx, service_doc, source_name)
    elif remote:
        os_type = node.value("OS")
        if os_type not in ("Linux", "Windows"):
            raise bad_request("The OS of a disk created from a remote source image must be Linux or Windows.")
        size_gb = 30
    else:
        raise bad_request("The OS disk needs a SourceImageName, a RemoteSourceImageLink, or the DiskName of an existing disk.")
    return {"host_caching": _host_caching(node.value("HostCaching"), "ReadWrite"), "disk_label": node.value("DiskLabel") or None, "disk_name": disk_name,
            "media_link": media_link, "source_image_name": source_name, "remote_source_image_link": remote, "os": os_type, "size_gb": size_gb,
            "existing": False}


def _source_image(tx, ctx, service_doc, name):
    user = tx.get(OS_IMAGE, common.subscription_key(ctx.subscription_id, name))
    if user is not None:
        if user["location"] != service_doc["location"]:
            raise bad_request("The location or affinity group of the storage account where the source image %s resides (%s) is not the location of the "
                              "hosted service %s (%s)." % (name, user["location"], service_doc["name"], service_doc["location"]))
        return user["os"], user["size_gb"]
    image = catalogue.find_platform_os_image(name)
    if image is None:
        raise bad_request("The image %s does not exist." % name)
    if service_doc["location"] not in image.locations:
        raise bad_request("The image %s is not available in location %s." % (name, service_doc["location"]))
    return image.os, image.size_gb


def _from_vm_image(tx, ctx, service_doc, name, media_location, planned):
    """OS and data disks of a role created from a VM image: copies next to the image's VHDs, or
    under ``MediaLocation`` (required for platform VM images, which have no blob of ours)."""
    user = tx.get(VM_IMAGE, common.subscription_key(ctx.subscription_id, name))
    platform = None if user is not None else catalogue.find_platform_vm_image(name)
    if user is None and platform is None:
        raise bad_request("The VM image %s does not exist." % name)
    if user is not None:
        if user["location"] != service_doc["location"]:
            raise bad_request("The VM image %s is in %s, not in the location of the hosted service %s (%s)." % (
                name, user["location"], service_doc["name"], service_doc["location"]))
        os_state, os_type, size_gb = user["os_state"], user["os"], user["size_gb"]
        container = common.parse_blob_url(user["media_link"]).container_url()
        image_data = user["data_disks"]
    else:
        os_state, os_type, size_gb = platform.fields.get("OSState", "Generalized"), platform.os, platform.size_gb
        if not media_location:
            raise bad_request("A MediaLocation is required to create a virtual machine from the platform VM image %s." % name)
        container, image_data = None, []
    if media_location:
        blob = common.parse_blob_url(media_location.rstrip("/") + "/x.vhd")
        if blob is None:
            raise bad_request("The MediaLocation %s is not a valid blob container URI." % media_location)
        container = media_location.rstrip("/")
    return os_state, os_type, size_gb, container, image_data


def parse_role(tx, ctx, service_doc, node, deployment=None):
    """A role document from a ``<Role>``/``<PersistentVMRole>`` element, fully validated."""
    name = node.value("RoleName")
    if not name or not _ROLE_NAME.match(name):
        raise bad_request("The role name %s is invalid." % name)
    if (node.value("RoleType") or "PersistentVMRole") != "PersistentVMRole":
        raise bad_request("The RoleType must be PersistentVMRole.")
    if deployment is not None and any(role["name"].lower() == name.lower() for role in deployment["roles"]):
        raise conflict("A role with the name %s already exists in the deployment." % name)
    size = role_size(node.value("RoleSize"))
    provisioning, network = _configuration_sets(tx, service_doc, node.child("ConfigurationSets"))
    planned = set()
    stamp = compact_stamp(ctx.now)
    vm_image_name = node.value("VMImageName") or None
    if vm_image_name:
        os_state, os_type, size_gb, container, image_data = _from_vm_image(tx, ctx, service_doc, vm_image_name, node.value("MediaLocation"), planned)
        if os_state == "Generalized" and provisioning is None:
            raise bad_request("A provisioning configuration set is required to create a virtual machine from the generalized VM image %s." % vm_image_name)
        media_link = "%s/%s-%s-%s.vhd" % (container, service_doc["name"], name, stamp)
        check_media_link(tx, ctx, service_doc, media_link, planned)
        os_disk = {"host_caching": "ReadWrite", "disk_label": None, "disk_name": None, "media_link": media_link, "source_image_name": None,
                   "remote_source_image_link": None, "os": os_type, "size_gb": size_gb, "existing": False}
        data_disks = [{"lun": int(d["lun"]), "host_caching": d.get("host_caching") or "None", "disk_label": None, "disk_name": None,
                       "size_gb": d["size_gb"], "media_link": "%s/%s-%s-%d-%s.vhd" % (container, service_doc["name"], name, int(d["lun"]), stamp),
                       "existing": False} for d in image_data]
    else:
        os_node = node.child("OSVirtualHardDisk")
        if os_node is None:
            raise bad_request("The OSVirtualHardDisk or a VMImageName must be specified.")
        os_disk = _os_disk_from_image(tx, ctx, service_doc, os_node, planned)
        if not os_disk["existing"]:
            if provisioning is None:
                raise bad_request("A %s provisioning configuration set is required." % os_disk["os"])
            if provisioning["os"] != os_disk["os"]:
                raise bad_request("The provisioning configuration is for %s but the image %s is a %s image." % (
                    provisioning["os"], os_disk["source_image_name"] or os_disk["remote_source_image_link"], os_disk["os"]))
        data_disks = _data_disks(tx, ctx, service_doc, node.child("DataVirtualHardDisks"), planned, size)
    if len(data_disks) > size["max_data_disks"]:
        raise bad_request("The maximum number of data disks allowed to be attached to a role of size %s is %d." % (size["name"], size["max_data_disks"]))
    return {
        "name": name, "size": size["name"], "network": network, "os_disk": os_disk, "data_disks": data_disks,
        "availability_set": node.value("AvailabilitySetName") or None,
        "provision_guest_agent": node.value("ProvisionGuestAgent") or None,
        "resource_extensions": _resource_extensions(node.child("ResourceExtensionReferences")),
        "vm_image_name": vm_image_name, "media_location": node.value("MediaLocation") or None,
        "host_name": (provisioning or {}).get("host_name") or name,
        "ip_address": "100.%d.%d.%d" % (random.randint(64, 127), random.randint(0, 255), random.randint(1, 254)),  # nosec - fake address
        "remote_thumbprint": os.urandom(16).hex(),
        "created": ctx.now,
    }


def _check_public_ports(deployment_roles, role):
    """Public ports are shared by the deployment's VIP: one endpoint per port unless load-balanced."""
    used = {}
    for other in deployment_roles:
        if other["name"].lower() == role["name"].lower():
            continue
        for endpoint in other["network"]["endpoints"]:
            used[(endpoint["port"], endpoint["protocol"])] = endpoint.get("lb_set")
    for endpoint in role["network"]["endpoints"]:
        key = (endpoint["port"], endpoint["protocol"])
        if key in used and not (endpoint.get("lb_set") and used[key] == endpoint.get("lb_set")):
            raise conflict("Port %d is already in use by one of the endpoints in this deployment." % endpoint["port"])


def _register_disks(tx, ctx, service_doc, deployment_name, role):
    """Name and register the role's new disks (ASM: ``<service>-<role>-<n>-<yyyyMMddHHmmssffff>``)."""
    stamp = compact_stamp(ctx.now)
    attached = {"service": service_doc["name"], "deployment": deployment_name, "role": role["name"]}
    os_disk = role["os_disk"]
    if not os_disk["disk_name"]:
        os_disk["disk_name"] = "%s-%s-0-%s" % (service_doc["name"], role["name"], stamp)
    if os_disk.pop("existing", False):
        existing = disks.find(tx, ctx, os_disk["disk_name"])
        existing["attached_to"] = attached
        tx.put(common.DISK, common.subscription_key(ctx.subscription_id, existing["name"]), ctx.subscription_id, existing)
    else:
        disks.register(tx, ctx, os_disk["disk_name"], os_disk["os"], os_disk["disk_label"], os_disk["media_link"], os_disk["size_gb"],
                       service_doc["location"], os_disk["source_image_name"], attached)
    for index, data_disk in enumerate(role["data_disks"], start=1):
        _register_data_disk(tx, ctx, service_doc, attached, data_disk, index, stamp)


def _register_data_disk(tx, ctx, service_doc, attached, data_disk, index, stamp):
    if data_disk.pop("existing", False):
        existing = disks.find(tx, ctx, data_disk["disk_name"])
        existing["attached_to"] = attached
        tx.put(common.DISK, common.subscription_key(ctx.subscription_id, existing["name"]), ctx.subscription_id, existing)
        return
    if not data_disk["disk_name"]:
        data_disk["disk_name"] = "%s-%s-%d-%s" % (service_doc["name"], attached["role"], index, stamp)
    disks.register(tx, ctx, data_disk["disk_name"], None, data_disk["disk_label"], data_disk["media_link"], data_disk["size_gb"],
                   service_doc["location"], None, attached)


def _start_role(ctx, role, operation, phase):
    role["power"] = role_state.boot(ctx.clock, phase, operation.ends)
    if phase == "provision":
        role["first_ready_at"] = role["power"]["ready_at"]


# -- deployments ---------------------------------------------------------------------------------
def create(tx, ctx, service, body):
    service_doc = common.hosted_service(tx, ctx, service)
    lock = operations.hosted_service_lock(service_doc["name"])
    operations.ensure_unlocked(tx, ctx, lock)
    name = body.value("Name")
    if not name or not _ROLE_NAME.match(name):
        raise bad_request("The deployment name %s is invalid." % name)
    slot = (body.value("DeploymentSlot") or "").lower()
    if slot not in ("production", "staging"):
        raise bad_request("The deployment slot %s is not valid. Allowed values are Production and Staging." % body.value("DeploymentSlot"))
    if slot == "staging":
        raise bad_request("Virtual machine deployments can only be created in the Production slot.")
    label = common.require(body.value("Label"), "deployment label")
    if len(label) > common.MAX_LABEL:
        raise bad_request("The label of the deployment is too long: at most 100 characters are permitted.")
    if for_service(tx, service_doc):
        raise conflict("The specified deployment slot Production is occupied.")  # peers.md 4.4 / 5
    if body.value("VirtualNetworkName") or body.value("ReservedIPName"):
        raise bad_request("Virtual networks and reserved IP addresses are not supported by this emulator.")
    role_nodes = body.child("RoleList").all("Role") if body.child("RoleList") is not None else []
    if len(role_nodes) != 1:
        raise bad_request("A virtual machine deployment is created with exactly one role; add more with Add Role.")
    role = parse_role(tx, ctx, service_doc, role_nodes[0])
    _check_public_ports([], role)
    operation = operations.begin(tx, ctx, "vm_create", lock)
    _start_role(ctx, role, operation, "provision")
    deployment = {
        "name": name, "service": service_doc["name"], "subscription_id": ctx.subscription_id, "slot": "Production", "label": label,
        "private_id": uuid.uuid4().hex, "created": ctx.now, "modified": ctx.now,
        "vip": "23.%d.%d.%d" % (random.randint(96, 103), random.randint(0, 255), random.randint(1, 254)),  # nosec - fake address
        "dns_suffix": "%s.d%d.internal.cloudapp.net" % (service_doc["name"], random.randint(1, 9)),  # nosec
        "dns_servers": [{"name": d.value("Name"), "address": d.value("Address")} for d in body.path("Dns", "DnsServers").all("DnsServer")]
        if body.path("Dns", "DnsServers") is not None else [],
        "roles": [role],
    }
    _register_disks(tx, ctx, service_doc, name, role)
    save(tx, ctx, deployment)
    return deployment


def remove(tx, ctx, service_doc, deployment, delete_media):
    """Delete a deployment; its disks stay registered (detached) unless ``delete_media``."""
    for role in deployment["roles"]:
        release_role_disks(tx, ctx, role, delete_media)
    tx.delete(DEPLOYMENT, common.deployment_key(service_doc["name"], deployment["name"]))


def release_role_disks(tx, ctx, role, delete_media):
    disks.detach(tx, ctx, role["os_disk"]["disk_name"], delete_media)
    for data_disk in role["data_disks"]:
        disks.detach(tx, ctx, data_disk["disk_name"], delete_media)


def delete(tx, ctx, service, name, delete_media):
    service_doc, deployment = get_by_name(tx, ctx, service, name)
    lock = operations.hosted_service_lock(service_doc["name"])
    operations.ensure_unlocked(tx, ctx, lock)
    remove(tx, ctx, service_doc, deployment, delete_media)
    operations.begin(tx, ctx, "vm_delete", lock)
    return deployment


# -- roles ---------------------------------------------------------------------------------------
def _locked_deployment(tx, ctx, service, name):
    service_doc, deployment = get_by_name(tx, ctx, service, name)
    lock = operations.hosted_service_lock(service_doc["name"])
    operations.ensure_unlocked(tx, ctx, lock)
    return service_doc, deployment, lock


def add_role(tx, ctx, service, name, body):
    service_doc, deployment, lock = _locked_deployment(tx, ctx, service, name)
    role = parse_role(tx, ctx, service_doc, body, deployment)
    _check_public_ports(deployment["roles"], role)
    operation = operations.begin(tx, ctx, "role_add", lock)
    _start_role(ctx, role, operation, "provision")
    deployment["roles"].append(role)
    _register_disks(tx, ctx, service_doc, deployment["name"], role)
    save(tx, ctx, deployment)
    return role


def update_role(tx, ctx, service, name, role_name, body):
    """Update Role: size, endpoints, data disks (the full desired list), OS disk host caching.
    A size change restarts a running VM, as ASM did."""
    service_doc, deployment, lock = _locked_deployment(tx, ctx, service, name)
    role = find_role(deployment, role_name)
    if body.value("RoleName") and body.value("RoleName").lower() != role["name"].lower():
        raise bad_request("The role name in the request body does not match the role %s." % role["name"])
    size = role_size(body.value("RoleSize") or role["size"])
    if body.has("ConfigurationSets"):
        _provisioning_ignored, network = _configuration_sets(tx, service_doc, body.child("ConfigurationSets"))
        role["network"] = network
        _check_public_ports(deployment["roles"], role)
    if body.has("DataVirtualHardDisks"):
        _update_data_disks(tx, ctx, service_doc, deployment, role, body.child("DataVirtualHardDisks"), size)
    elif len(role["data_disks"]) > size["max_data_disks"]:
        raise bad_request("The maximum number of data disks allowed to be attached to a role of size %s is %d." % (size["name"], size["max_data_disks"]))
    os_node = body.child("OSVirtualHardDisk")
    if os_node is not None and os_node.value("HostCaching"):
        role["os_disk"]["host_caching"] = _host_caching(os_node.value("HostCaching"), role["os_disk"]["host_caching"])
    if body.has("AvailabilitySetName"):
        role["availability_set"] = body.value("AvailabilitySetName") or None
    if body.has("ResourceExtensionReferences"):
        role["resource_extensions"] = _resource_extensions(body.child("ResourceExtensionReferences"))
    resized = size["name"] != role["size"]
    role["size"] = size["name"]
    operation = operations.begin(tx, ctx, "role_update", lock)
    if resized and role["power"]["phase"] != "shutdown":
        role["power"] = role_state.boot(ctx.clock, "restart", operation.ends)
    save(tx, ctx, deployment)
    return role


def _update_data_disks(tx, ctx, service_doc, deployment, role, node, size):
    current = {disk["lun"]: disk for disk in role["data_disks"]}
    wanted = {}
    planned = set()
    for item in node.all("DataVirtualHardDisk"):
        lun = _int(item.value("Lun") or "0", "Lun", 0, 31)
        if lun in wanted:
            raise bad_request("Two data disks use the same LUN.")
        if lun in current:
            disk = dict(current[lun])
            disk["host_caching"] = _host_caching(item.value("HostCaching"), disk["host_caching"])
            wanted[lun] = disk
        else:
            wanted[lun] = _data_disks(tx, ctx, service_doc, _OneDisk(item), planned, {"name": size["name"], "max_data_disks": 32})[0]
    if len(wanted) > size["max_data_disks"]:
        raise bad_request("The maximum number of data disks allowed to be attached to a role of size %s is %d." % (size["name"], size["max_data_disks"]))
    for lun, disk in current.items():
        if lun not in wanted:
            disks.detach(tx, ctx, disk["disk_name"], False)
    stamp = compact_stamp(ctx.now)
    attached = {"service": service_doc["name"], "deployment": deployment["name"], "role": role["name"]}
    for index, lun in enumerate(sorted(wanted), start=1):
        if lun not in current:
            _register_data_disk(tx, ctx, service_doc, attached, wanted[lun], index, stamp)
    role["data_disks"] = [wanted[lun] for lun in sorted(wanted)]


class _OneDisk:  # pylint: disable=too-few-public-methods
    """A DataVirtualHardDisks-like view of one DataVirtualHardDisk, to validate a single new disk."""

    def __init__(self, item):
        self._item = item

    def all(self, _name):
        return [self._item]


def delete_role(tx, ctx, service, name, role_name, delete_media):
    _service_doc, deployment, lock = _locked_deployment(tx, ctx, service, name)
    role = find_role(deployment, role_name)
    if len(deployment["roles"]) == 1:
        raise bad_request("The role %s is the only role of deployment %s; delete the deployment instead." % (role["name"], deployment["name"]))
    release_role_disks(tx, ctx, role, delete_media)
    deployment["roles"] = [r for r in deployment["roles"] if r is not role]
    operations.begin(tx, ctx, "role_delete", lock)
    save(tx, ctx, deployment)
    return role


def power_operation(tx, ctx, service, name, role_names, kind, post_shutdown_action=None):
    """Start, shutdown or restart one or more roles: one operation, one transition each."""
    _service_doc, deployment, lock = _locked_deployment(tx, ctx, service, name)
    roles = [find_role(deployment, role_name, ROLE_INSTANCE_INVALID) for role_name in role_names]
    if kind == "shutdown" and post_shutdown_action not in ("Stopped", "StoppedDeallocated"):
        raise bad_request("The PostShutdownAction %s is not valid. Allowed values are Stopped and StoppedDeallocated." % post_shutdown_action)
    operation = operations.begin(tx, ctx, "role_" + kind, lock)
    for role in roles:
        if kind == "shutdown":
            role["power"] = role_state.shutdown(operation.ends, post_shutdown_action)
        else:
            role["power"] = role_state.boot(ctx.clock, kind, operation.ends)
    save(tx, ctx, deployment)
    return roles


def unsupported_role_operation(operation_type):
    return ASMError(400, "BadRequest", "The operation type %s is not supported by this emulator." % operation_type)


# -- data disks of a role (Add/Get/Update/Delete Data Disk) ------------------------------------------
def find_data_disk(role, lun):
    for disk in role["data_disks"]:
        if str(disk["lun"]) == str(lun):
            return disk
    raise not_found("The data disk at LUN %s does not exist on role %s." % (lun, role["name"]))


def add_data_disk(tx, ctx, service, name, role_name, body):
    service_doc, deployment, lock = _locked_deployment(tx, ctx, service, name)
    role = find_role(deployment, role_name)
    size = role_size(role["size"])
    disk = _data_disks(tx, ctx, service_doc, _OneDisk(body), set(), {"name": size["name"], "max_data_disks": 32})[0]
    if any(existing["lun"] == disk["lun"] for existing in role["data_disks"]):
        raise conflict("A data disk is already attached at LUN %d." % disk["lun"])
    if len(role["data_disks"]) + 1 > size["max_data_disks"]:
        raise bad_request("The maximum number of data disks allowed to be attached to a role of size %s is %d." % (size["name"], size["max_data_disks"]))
    attached = {"service": service_doc["name"], "deployment": deployment["name"], "role": role["name"]}
    _register_data_disk(tx, ctx, service_doc, attached, disk, len(role["data_disks"]) + 1, compact_stamp(ctx.now))
    role["data_disks"] = sorted(role["data_disks"] + [disk], key=lambda d: d["lun"])
    operations.begin(tx, ctx, "data_disk_add", lock)
    save(tx, ctx, deployment)
    return disk


def delete_data_disk(tx, ctx, service, name, role_name, lun, delete_media):
    _service_doc, deployment, lock = _locked_deployment(tx, ctx, service, name)
    role = find_role(deployment, role_name)
    disk = find_data_disk(role, lun)
    disks.detach(tx, ctx, disk["disk_name"], delete_media)
    role["data_disks"] = [d for d in role["data_disks"] if d is not disk]
    operations.begin(tx, ctx, "data_disk_delete", lock)
    save(tx, ctx, deployment)
    return disk
