# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Virtual machine deployments: read, create, update the role, drive power state, delete, wait.

Plain functions over an ``AsmClient``; no AnsibleModule here. Every read returns the normalized
deployment shape (``normalize_deployment``) that the modules return, so the state module and its
info twin agree. Request bodies follow the element order of the Service Management schema, which
the service enforces.
"""

from __future__ import annotations

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import as_list
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import b64decode_text
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import b64encode_text
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import build
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmOperationTimeout
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.operations import submit
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.operations import wait_for_operation
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.operations import wait_until

VM_ROLE_TYPE = "PersistentVMRole"

READY = "ReadyRole"
STOPPED_STATUSES = ("StoppedVM", "StoppedDeallocated")
# Instance statuses from which a VM does not come back on its own: waiting longer cannot help.
FAILED_STATUSES = ("FailedStartingVM", "ProvisioningFailed")


# ---------------------------------------------------------------- paths

def hosted_service_path(service_name):
    return "services/hostedservices/%s" % service_name


def deployments_path(service_name):
    return "%s/deployments" % hosted_service_path(service_name)


def deployment_path(service_name, name):
    return "%s/deployments/%s" % (hosted_service_path(service_name), name)


def slot_path(service_name, slot):
    return "%s/deploymentslots/%s" % (hosted_service_path(service_name), slot)


def role_path(service_name, name, role_name):
    return "%s/roles/%s" % (deployment_path(service_name, name), role_name)


def role_operations_path(service_name, name, role_name):
    return "%s/roleinstances/%s/Operations" % (deployment_path(service_name, name), role_name)


# ---------------------------------------------------------------- normalizing responses

def _none_if_empty(value):
    return None if value == "" else value


def normalize_probe(raw):
    if not raw:
        return None
    return dict(
        port=_none_if_empty(raw.get("port")),
        protocol=(raw.get("protocol") or "").lower() or None,
        path=_none_if_empty(raw.get("path")),
        interval=_none_if_empty(raw.get("interval_in_seconds")),
        timeout=_none_if_empty(raw.get("timeout_in_seconds")),
    )


def normalize_endpoint(raw):
    """An ``InputEndpoint`` in the shape of the ``endpoints`` option, plus ``vip``."""
    return dict(
        name=raw.get("name"),
        protocol=(raw.get("protocol") or "").lower() or None,
        port=_none_if_empty(raw.get("port")),
        local_port=_none_if_empty(raw.get("local_port")),
        vip=_none_if_empty(raw.get("vip")),
        load_balanced_endpoint_set_name=_none_if_empty(raw.get("load_balanced_endpoint_set_name")),
        probe=normalize_probe(raw.get("load_balancer_probe")),
        idle_timeout_in_minutes=_none_if_empty(raw.get("idle_timeout_in_minutes")),
        enable_direct_server_return=_none_if_empty(raw.get("enable_direct_server_return")),
    )


def normalize_data_disk(raw):
    return dict(
        lun=_none_if_empty(raw.get("lun")) or 0,
        size_gb=_none_if_empty(raw.get("logical_disk_size_in_gb")),
        media_link=_none_if_empty(raw.get("media_link")),
        disk_name=_none_if_empty(raw.get("disk_name")),
        disk_label=_none_if_empty(raw.get("disk_label")),
        host_caching=_none_if_empty(raw.get("host_caching")),
    )


def normalize_os_disk(raw):
    if not raw:
        return None
    return dict(
        os=_none_if_empty(raw.get("os")),
        media_link=_none_if_empty(raw.get("media_link")),
        disk_name=_none_if_empty(raw.get("disk_name")),
        disk_label=_none_if_empty(raw.get("disk_label")),
        host_caching=_none_if_empty(raw.get("host_caching")),
        source_image_name=_none_if_empty(raw.get("source_image_name")),
    )


def _network_configuration(raw_role):
    for config in as_list(raw_role.get("configuration_sets")):
        if config.get("configuration_set_type") == "NetworkConfiguration":
            return config
    return {}


def normalize_role(raw):
    network = _network_configuration(raw)
    return dict(
        role_name=raw.get("role_name"),
        role_type=raw.get("role_type"),
        role_size=_none_if_empty(raw.get("role_size")),
        availability_set_name=_none_if_empty(raw.get("availability_set_name")),
        vm_image_name=_none_if_empty(raw.get("vm_image_name")),
        provision_guest_agent=_none_if_empty(raw.get("provision_guest_agent")),
        subnet_names=[name for name in as_list(network.get("subnet_names")) if name],
        os_disk=normalize_os_disk(raw.get("os_virtual_hard_disk")),
        data_disks=sorted((normalize_data_disk(disk) for disk in as_list(raw.get("data_virtual_hard_disks"))),
                          key=lambda disk: disk["lun"]),
        endpoints=[normalize_endpoint(endpoint) for endpoint in as_list(network.get("input_endpoints"))],
    )


def normalize_instance_endpoint(raw):
    return dict(
        name=raw.get("name"),
        vip=_none_if_empty(raw.get("vip")),
        public_port=_none_if_empty(raw.get("public_port")),
        local_port=_none_if_empty(raw.get("local_port")),
        protocol=(raw.get("protocol") or "").lower() or None,
    )


def normalize_instance(raw):
    return dict(
        role_name=raw.get("role_name"),
        instance_name=raw.get("instance_name"),
        instance_status=raw.get("instance_status"),
        instance_state_details=_none_if_empty(raw.get("instance_state_details")),
        instance_error_code=_none_if_empty(raw.get("instance_error_code")),
        power_state=_none_if_empty(raw.get("power_state")),
        ip_address=_none_if_empty(raw.get("ip_address")),
        host_name=_none_if_empty(raw.get("host_name")),
        instance_size=_none_if_empty(raw.get("instance_size")),
        instance_endpoints=[normalize_instance_endpoint(endpoint)
                            for endpoint in as_list(raw.get("instance_endpoints"))],
    )


def normalize_virtual_ip(raw):
    return dict(
        address=_none_if_empty(raw.get("address")),
        name=_none_if_empty(raw.get("name")),
        is_dns_programmed=_none_if_empty(raw.get("is_dns_programmed")),
    )


def normalize_deployment(raw, service_name):
    """A ``Deployment`` element (as parsed by ``asm_xml``) in the shape the modules return."""
    return dict(
        service_name=service_name,
        name=raw.get("name"),
        slot=raw.get("deployment_slot"),
        status=raw.get("status"),
        label=b64decode_text(_none_if_empty(raw.get("label"))),
        url=_none_if_empty(raw.get("url")),
        private_id=_none_if_empty(raw.get("private_id")),
        created_time=_none_if_empty(raw.get("created_time")),
        last_modified_time=_none_if_empty(raw.get("last_modified_time")),
        virtual_network_name=_none_if_empty(raw.get("virtual_network_name")),
        reserved_ip_name=_none_if_empty(raw.get("reserved_ip_name")),
        virtual_ips=[normalize_virtual_ip(vip) for vip in as_list(raw.get("virtual_ips"))],
        role_instances=[normalize_instance(instance) for instance in as_list(raw.get("role_instance_list"))],
        roles=[normalize_role(role) for role in as_list(raw.get("role_list"))],
    )


def is_vm_deployment(deployment):
    """True for deployments of persistent VM roles; web and worker role deployments are not VMs."""
    return any(role.get("role_type") == VM_ROLE_TYPE for role in deployment["roles"])


def find_by_name(deployments, name):
    """Deployment names are case-insensitive on the service."""
    for deployment in deployments:
        if (deployment.get("name") or "").lower() == name.lower():
            return deployment
    return None


def find_by_slot(deployments, slot):
    for deployment in deployments:
        if (deployment.get("slot") or "").lower() == slot.lower():
            return deployment
    return None


def find_role(deployment, role_name):
    for role in deployment["roles"]:
        if (role.get("role_name") or "").lower() == role_name.lower():
            return role
    return None


def role_instances(deployment, role_name):
    return [instance for instance in deployment["role_instances"]
            if (instance.get("role_name") or "").lower() == role_name.lower()]


# ---------------------------------------------------------------- reads

def _hosted_service_with_deployments(raw):
    properties = raw.get("hosted_service_properties") or {}
    service_name = raw.get("service_name")
    return dict(
        service_name=service_name,
        location=_none_if_empty(properties.get("location")),
        affinity_group=_none_if_empty(properties.get("affinity_group")),
        deployments=[normalize_deployment(deployment, service_name)
                     for deployment in as_list(raw.get("deployments"))],
    )


def get_service_with_deployments(client, service_name):
    """The hosted service with every deployment, roles and instances included, in one GET.

    Returns ``{service_name, location, affinity_group, deployments}`` or ``None`` when the hosted
    service does not exist. One answer tells apart a missing service, a free slot, and a slot held
    by another deployment, which the deployment GETs (404 in all three cases) cannot.
    """
    raw = client.get_or_none(hosted_service_path(service_name), query=[("embed-detail", "true")])
    if raw is None:
        return None
    service = _hosted_service_with_deployments(raw)
    service["service_name"] = service["service_name"] or service_name
    for deployment in service["deployments"]:
        deployment["service_name"] = service["service_name"]
    return service


def get_deployment(client, service_name, name):
    """A deployment by name, or ``None`` when it (or its hosted service) does not exist."""
    raw = client.get_or_none(deployment_path(service_name, name))
    return None if raw is None else normalize_deployment(raw, service_name)


def get_deployment_by_slot(client, service_name, slot):
    """The deployment in ``slot`` (``production`` or ``staging``), or ``None`` when the slot is empty."""
    raw = client.get_or_none(slot_path(service_name, slot))
    return None if raw is None else normalize_deployment(raw, service_name)


def list_vm_deployments(client):
    """Every VM deployment of the subscription, from one ``GET services/hostedservices?embed-detail=true``.

    That is List Hosted Services Extended: each service comes with its deployments, roles and
    instances, so the subscription is read in one request, never one per service.
    """
    services = client.get("services/hostedservices", query=[("embed-detail", "true")])[1] or []
    found = []
    for raw in as_list(services):
        service = _hosted_service_with_deployments(raw)
        found.extend(deployment for deployment in service["deployments"] if is_vm_deployment(deployment))
    return found


# ---------------------------------------------------------------- request bodies

def _probe_elements(probe):
    if not probe:
        return None
    return [
        ("Path", probe.get("path")),
        ("Port", probe.get("port")),
        ("Protocol", (probe.get("protocol") or "tcp").lower()),
        ("IntervalInSeconds", probe.get("interval")),
        ("TimeoutInSeconds", probe.get("timeout")),
    ]


def endpoint_elements(endpoint):
    """One ``InputEndpoint``; unset fields are left out so the service keeps its defaults."""
    return [
        ("LoadBalancedEndpointSetName", endpoint.get("load_balanced_endpoint_set_name")),
        ("LocalPort", endpoint.get("local_port")),
        ("Name", endpoint["name"]),
        ("Port", endpoint.get("port")),
        ("LoadBalancerProbe", _probe_elements(endpoint.get("probe"))),
        ("Protocol", (endpoint.get("protocol") or "tcp").lower()),
        ("EnableDirectServerReturn", endpoint.get("enable_direct_server_return")),
        ("IdleTimeoutInMinutes", endpoint.get("idle_timeout_in_minutes")),
    ]


def network_configuration(endpoints, subnet_names=None):
    return [
        ("ConfigurationSetType", "NetworkConfiguration"),
        ("InputEndpoints", [("InputEndpoint", endpoint_elements(endpoint)) for endpoint in endpoints or []]),
        # The schema wants SubnetNames even when empty.
        ("SubnetNames", [("SubnetName", subnet) for subnet in subnet_names or []]),
    ]


def _ssh_elements(public_keys, key_pairs):
    if not public_keys and not key_pairs:
        return None
    return [
        ("PublicKeys", [("PublicKey", [("Fingerprint", key["fingerprint"]), ("Path", key["path"])])
                        for key in public_keys] if public_keys else None),
        ("KeyPairs", [("KeyPair", [("Fingerprint", pair["fingerprint"]), ("Path", pair["path"])])
                      for pair in key_pairs] if key_pairs else None),
    ]


def linux_configuration(provisioning):
    return [
        ("ConfigurationSetType", "LinuxProvisioningConfiguration"),
        ("HostName", provisioning["hostname"]),
        ("UserName", provisioning["admin_username"]),
        ("UserPassword", provisioning.get("admin_password")),
        ("DisableSshPasswordAuthentication", provisioning.get("disable_ssh_password_authentication")),
        ("SSH", _ssh_elements(provisioning.get("ssh_public_keys"), provisioning.get("ssh_key_pairs"))),
        ("CustomData", b64encode_text(provisioning.get("custom_data"))),
    ]


def _winrm_elements(listeners):
    if not listeners:
        return None
    return [("Listeners", [
        ("Listener", [
            ("Protocol", "Https" if listener["protocol"].lower() == "https" else "Http"),
            ("CertificateThumbprint", listener.get("certificate_thumbprint")),
        ]) for listener in listeners])]


def windows_configuration(provisioning):
    # DomainJoin and StoredCertificateSettings are left out: empty blocks are what broke the old SDK users.
    return [
        ("ConfigurationSetType", "WindowsProvisioningConfiguration"),
        ("ComputerName", provisioning["hostname"]),
        ("AdminPassword", provisioning.get("admin_password")),
        ("EnableAutomaticUpdates", provisioning.get("enable_automatic_updates")),
        ("TimeZone", provisioning.get("time_zone")),
        ("WinRM", _winrm_elements(provisioning.get("winrm_listeners"))),
        ("AdminUsername", provisioning["admin_username"]),
        ("CustomData", b64encode_text(provisioning.get("custom_data"))),
    ]


def provisioning_configuration(provisioning):
    if provisioning["os_type"] == "windows":
        return windows_configuration(provisioning)
    return linux_configuration(provisioning)


def data_disk_elements(disk):
    return [
        ("HostCaching", disk.get("host_caching")),
        ("DiskLabel", disk.get("disk_label")),
        ("DiskName", disk.get("disk_name")),
        ("Lun", disk["lun"]),
        ("LogicalDiskSizeInGB", disk.get("size_gb")),
        ("MediaLink", disk.get("media_link")),
    ]


def os_disk_elements(disk):
    return [
        ("HostCaching", disk.get("host_caching")),
        ("DiskLabel", disk.get("disk_label")),
        ("DiskName", disk.get("disk_name")),
        ("MediaLink", disk.get("media_link")),
        ("SourceImageName", disk.get("source_image_name")),
    ]


def _configuration_sets(role):
    sets = []
    if role.get("provisioning"):
        sets.append(("ConfigurationSet", provisioning_configuration(role["provisioning"])))
    if role.get("network") is not None:
        network = role["network"]
        sets.append(("ConfigurationSet", network_configuration(network.get("endpoints"), network.get("subnet_names"))))
    return sets or None


def role_elements(role):
    """The children of a ``Role`` (create) or ``PersistentVMRole`` (update), in schema order."""
    data_disks = role.get("data_disks")
    return [
        ("RoleName", role["role_name"]),
        ("RoleType", VM_ROLE_TYPE),
        ("ConfigurationSets", _configuration_sets(role)),
        ("VMImageName", role.get("vm_image_name")),
        ("MediaLocation", role.get("media_location")),
        ("AvailabilitySetName", role.get("availability_set_name")),
        ("DataVirtualHardDisks", [("DataVirtualHardDisk", data_disk_elements(disk)) for disk in data_disks]
         if data_disks is not None else None),
        ("OSVirtualHardDisk", os_disk_elements(role["os_disk"]) if role.get("os_disk") else None),
        ("RoleSize", role.get("role_size")),
        ("ProvisionGuestAgent", role.get("provision_guest_agent")),
    ]


def create_deployment_body(spec):
    """The ``Deployment`` document of Create Virtual Machine Deployment.

    ``spec``: ``name``, ``slot``, ``label`` (sent as plain text, which is what this call takes),
    ``virtual_network_name``, ``reserved_ip_name`` and ``role`` (see ``role_elements``).
    """
    return build("Deployment", [
        ("Name", spec["name"]),
        ("DeploymentSlot", spec["slot"]),
        ("Label", spec.get("label") or spec["name"]),
        ("RoleList", [("Role", role_elements(spec["role"]))]),
        ("VirtualNetworkName", spec.get("virtual_network_name")),
        ("ReservedIPName", spec.get("reserved_ip_name")),
    ])


def update_role_body(role):
    """The ``PersistentVMRole`` document of Update Role: the whole role as it should be."""
    return build("PersistentVMRole", role_elements(role))


def role_operation_body(operation, post_shutdown_action=None):
    """``StartRoleOperation``, ``RestartRoleOperation`` or ``ShutdownRoleOperation`` (with its action)."""
    return build(operation, [
        ("OperationType", operation),
        ("PostShutdownAction", post_shutdown_action if operation == "ShutdownRoleOperation" else None),
    ])


# ---------------------------------------------------------------- changes

def create_vm_deployment(client, service_name, spec, wait=True, timeout=1800):
    """Create Virtual Machine Deployment; with ``wait``, until the operation has finished (not the boot)."""
    return submit(client, "POST", deployments_path(service_name), create_deployment_body(spec), wait=wait,
                  timeout=timeout)


def update_role(client, service_name, name, role, wait=True, timeout=1800):
    """Update Role with the whole desired role (size, endpoints, data disks) in one request."""
    return submit(client, "PUT", role_path(service_name, name, role["role_name"]), update_role_body(role), wait=wait,
                  timeout=timeout)


def start_role(client, service_name, name, role_name, wait=True, timeout=1800):
    return submit(client, "POST", role_operations_path(service_name, name, role_name),
                  role_operation_body("StartRoleOperation"), wait=wait, timeout=timeout)


def restart_role(client, service_name, name, role_name, wait=True, timeout=1800):
    return submit(client, "POST", role_operations_path(service_name, name, role_name),
                  role_operation_body("RestartRoleOperation"), wait=wait, timeout=timeout)


def shutdown_role(client, service_name, name, role_name, post_shutdown_action="StoppedDeallocated", wait=True,
                  timeout=1800):
    """Shut the role down; ``Stopped`` keeps the compute allocation, ``StoppedDeallocated`` releases it."""
    return submit(client, "POST", role_operations_path(service_name, name, role_name),
                  role_operation_body("ShutdownRoleOperation", post_shutdown_action), wait=wait, timeout=timeout)


def delete_deployment(client, service_name, name, delete_disks=False, wait=True, timeout=1800):
    """Delete the deployment; ``delete_disks`` (``comp=media``) also deletes its disks and their VHD blobs."""
    query = [("comp", "media")] if delete_disks else None
    return submit(client, "DELETE", deployment_path(service_name, name), query=query, wait=wait, timeout=timeout)


def follow_operation(client, request_id, timeout):
    return wait_for_operation(client, request_id, timeout)


# ---------------------------------------------------------------- waiting for role instances

def is_running(instance):
    return instance.get("instance_status") == READY


def is_stopped(instance, post_shutdown_action=None):
    """Stopped as asked: ``StoppedDeallocated`` only counts as ``Stopped`` too, not the other way round."""
    status = instance.get("instance_status")
    if post_shutdown_action == "StoppedDeallocated":
        return status == "StoppedDeallocated"
    return status in STOPPED_STATUSES


def is_at_rest(instance):
    """Running or stopped: not in the middle of a transition."""
    return is_running(instance) or is_stopped(instance)


def describe_instances(deployment, role_name):
    if deployment is None:
        return "the deployment does not exist"
    instances = role_instances(deployment, role_name)
    if not instances:
        return "deployment %s has no instance of role %s yet" % (deployment["name"], role_name)
    return "; ".join(
        "role instance %s is %s (power state %s%s)" % (
            instance["instance_name"], instance["instance_status"], instance["power_state"] or "unknown",
            ", %s" % instance["instance_state_details"] if instance.get("instance_state_details") else "")
        for instance in instances)


def raise_if_instance_failed(deployment, role_name):
    for instance in role_instances(deployment, role_name):
        if instance.get("instance_status") in FAILED_STATUSES:
            raise AsmError("Role instance %s of deployment %s failed: %s%s" % (
                instance["instance_name"], deployment["name"], instance["instance_status"],
                " (%s)" % instance["instance_state_details"] if instance.get("instance_state_details") else ""),
                code=instance.get("instance_error_code"))


def wait_for_role_instances(client, service_name, name, role_name, is_target, timeout, request_id=None):
    """Poll the deployment until every instance of ``role_name`` satisfies ``is_target``; return the deployment.

    A timeout names the instance status, power state and the request id of the last operation, and
    says the VM may still get there; an instance in a failed state ends the wait at once.
    """
    def fetch():
        return get_deployment(client, service_name, name)

    def done(deployment):
        if deployment is None:
            return False
        raise_if_instance_failed(deployment, role_name)
        instances = role_instances(deployment, role_name)
        return bool(instances) and all(is_target(instance) for instance in instances)

    def describe(deployment):
        return describe_instances(deployment, role_name)

    try:
        return wait_until(client, fetch, done, timeout, describe)
    except AsmOperationTimeout as exc:
        suffix = " after operation %s" % request_id if request_id else ""
        raise AsmOperationTimeout(
            "%s%s. The VM may still get there: raise wait_timeout, or look at it with "
            "azure_classic.servicemanagement.vm_deployment_info." % (exc.message, suffix),
            request_id=request_id)
