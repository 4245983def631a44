# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What a ``vm_deployment`` task wants, compared with what the service has: pure functions.

No I/O here: the inputs are the module's parameters and the normalized deployment of
``deployments.normalize_deployment``; the outputs are the creation spec, the role update to send,
the power operation to run, the warnings for creation-only options, and the deployment as it will
look afterwards (what check mode returns). Only options the task set are compared.
"""

from __future__ import annotations

import copy

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError

BLOB_HOST_SUFFIX = ".blob.core.windows.net"
VHD_CONTAINER = "vhds"
DEFAULT_ROLE_SIZE = "Small"


# ---------------------------------------------------------------- names

def resolve_names(params):
    """``service_name``, deployment ``name`` (default: the service) and ``slot``; the role is resolved later."""
    name = params.get("name") or params["service_name"]
    return dict(service_name=params["service_name"], name=name, slot=params.get("slot") or "production")


def resolve_role_name(params, deployment_name, deployment=None):
    """The role to manage: ``role_name``, else the deployment's only role, else the deployment name."""
    if params.get("role_name"):
        return params["role_name"]
    if deployment is not None and len(deployment["roles"]) == 1:
        return deployment["roles"][0]["role_name"]
    return deployment_name


# ---------------------------------------------------------------- media links

def storage_account_of(media_link):
    """``https://acct.blob.core.windows.net/vhds/x.vhd`` -> ``acct``; ``None`` for other hosts."""
    if not media_link or "://" not in media_link:
        return None
    host = media_link.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()
    if not host.endswith(BLOB_HOST_SUFFIX):
        return None
    return host[:-len(BLOB_HOST_SUFFIX)]


def container_url(storage_account):
    return "https://%s%s/%s/" % (storage_account, BLOB_HOST_SUFFIX, VHD_CONTAINER)


def derived_media_link(storage_account, service_name, role_name, stamp, disk_suffix=""):
    """``https://<account>.blob.core.windows.net/vhds/<service>-<role>[-<suffix>]-<stamp>.vhd``."""
    parts = [service_name, role_name] + ([disk_suffix] if disk_suffix else []) + [stamp]
    return "%s%s.vhd" % (container_url(storage_account), "-".join(parts))


# ---------------------------------------------------------------- endpoints

ENDPOINT_FIELDS = ("protocol", "port", "local_port", "load_balanced_endpoint_set_name", "probe",
                   "idle_timeout_in_minutes", "enable_direct_server_return")
PROBE_FIELDS = ("port", "protocol", "path", "interval", "timeout")


def _probe_wanted(probe):
    if not probe:
        return None
    wanted = dict((field, probe.get(field)) for field in PROBE_FIELDS)
    wanted["protocol"] = (wanted["protocol"] or "tcp").lower()
    return wanted


def wanted_endpoint(option):
    """An item of the ``endpoints`` option with its defaults: protocol ``tcp``, local port = public port."""
    wanted = dict((field, option.get(field)) for field in ENDPOINT_FIELDS)
    wanted["name"] = option["name"]
    wanted["protocol"] = (wanted["protocol"] or "tcp").lower()
    if wanted["local_port"] is None:
        wanted["local_port"] = wanted["port"]
    wanted["probe"] = _probe_wanted(option.get("probe"))
    return wanted


def _probe_differs(current, wanted):
    if wanted is None:
        return False
    if current is None:
        return True
    return any(wanted[field] is not None and _norm(wanted[field]) != _norm(current.get(field))
               for field in PROBE_FIELDS)


def _norm(value):
    return value.lower() if isinstance(value, str) else value


def endpoint_differs(current, wanted):
    """True when a field the task set differs; fields it left unset are not compared."""
    for field in ENDPOINT_FIELDS:
        if field == "probe":
            if _probe_differs(current.get("probe"), wanted.get("probe")):
                return True
            continue
        if wanted.get(field) is not None and _norm(wanted[field]) != _norm(current.get(field)):
            return True
    return False


def merge_endpoint(current, wanted):
    """The endpoint to send: the current one with the fields the task set replaced."""
    merged = dict(current or {})
    merged.pop("vip", None)
    for field in ENDPOINT_FIELDS:
        if field == "probe":
            if wanted.get("probe") is not None:
                probe = dict((current or {}).get("probe") or {})
                probe.update(dict((k, v) for k, v in wanted["probe"].items() if v is not None))
                merged["probe"] = probe
            continue
        if wanted.get(field) is not None:
            merged[field] = wanted[field]
    merged["name"] = (current or {}).get("name") or wanted["name"]
    return merged


def _by_name(endpoints):
    return dict(((endpoint.get("name") or "").lower(), endpoint) for endpoint in endpoints)


def plan_endpoints(current_endpoints, endpoint_options):
    """``(endpoints to send, changed)``: the list given is the list wanted; unlisted endpoints go away.

    ``endpoint_options`` ``None`` means the task did not set ``endpoints``: nothing changes.
    """
    current_endpoints = current_endpoints or []
    if endpoint_options is None:
        return [merge_endpoint(endpoint, {"name": endpoint["name"]}) for endpoint in current_endpoints], False
    current = _by_name(current_endpoints)
    wanted = [wanted_endpoint(option) for option in endpoint_options]
    result = []
    changed = len(wanted) != len(current_endpoints)
    for endpoint in wanted:
        existing = current.get(endpoint["name"].lower())
        if existing is None or endpoint_differs(existing, endpoint):
            changed = True
        result.append(merge_endpoint(existing, endpoint))
    if set(current) != set(endpoint["name"].lower() for endpoint in wanted):
        changed = True
    return result, changed


# ---------------------------------------------------------------- data disks

DATA_DISK_FIELDS = ("size_gb", "media_link", "disk_label", "host_caching")


def wanted_data_disk(option, media_link=None):
    disk = dict((field, option.get(field)) for field in DATA_DISK_FIELDS)
    disk["lun"] = option["lun"]
    disk["disk_name"] = None
    if disk["media_link"] is None:
        disk["media_link"] = media_link
    return disk


def data_disk_differences(current, option):
    """``[(field, current value, wanted value)]`` for fields of an attached disk the task set differently."""
    found = []
    for field in DATA_DISK_FIELDS:
        wanted = option.get(field)
        if wanted is not None and _norm(wanted) != _norm(current.get(field)):
            found.append((field, current.get(field), wanted))
    return found


def plan_data_disks(current_disks, disk_options, purge, media_link_for_lun):
    """``(disks to send, added luns, removed luns, warnings)``.

    Missing LUNs are added (``media_link_for_lun(lun)`` names a new VHD when the task gave no
    ``media_link``); LUNs the task does not list are detached only with ``purge``; attached disks are
    never changed in place, so differing fields become warnings.
    """
    current_disks = current_disks or []
    if disk_options is None:
        return [dict(disk) for disk in current_disks], [], [], []
    options = dict((option["lun"], option) for option in disk_options)
    kept, removed, warnings = [], [], []
    for disk in current_disks:
        option = options.get(disk["lun"])
        if option is None and purge:
            removed.append(disk["lun"])
            continue
        kept.append(dict(disk))
        for field, have, want in data_disk_differences(disk, option or {}):
            warnings.append("data_disks: LUN %s has %s=%s, the task asks for %s; an attached disk is not changed "
                            "in place." % (disk["lun"], field, have, want))
    attached = set(disk["lun"] for disk in current_disks)
    added = [lun for lun in sorted(options) if lun not in attached]
    new_disks = [wanted_data_disk(options[lun], None if options[lun].get("media_link") else media_link_for_lun(lun))
                 for lun in added]
    return sorted(kept + new_disks, key=lambda disk: disk["lun"]), added, removed, warnings


# ---------------------------------------------------------------- size

def size_differs(current_size, wanted_size):
    return wanted_size is not None and (current_size or "").lower() != wanted_size.lower()


# ---------------------------------------------------------------- the role update

def _os_disk_identity(os_disk):
    """The OS disk as Update Role takes it: which disk, and its caching; never the image it came from."""
    if not os_disk:
        return None
    return dict((field, os_disk.get(field)) for field in ("host_caching", "disk_label", "disk_name", "media_link"))


def plan_role_update(role, params, media_link_for_lun):
    """What Update Role must change on ``role``: ``(role spec to send or None, changes, warnings)``.

    ``changes`` lists the parts that differ (``role_size``, ``endpoints``, ``data_disks``). The spec is
    the whole role as wanted, since Update Role replaces the role's configuration.
    """
    endpoints, endpoints_changed = plan_endpoints(role["endpoints"], params.get("endpoints"))
    disks, added, removed, warnings = plan_data_disks(role["data_disks"], params.get("data_disks"),
                                                      params.get("purge_data_disks"), media_link_for_lun)
    changes = []
    if size_differs(role.get("role_size"), params.get("role_size")):
        changes.append("role_size")
    if endpoints_changed:
        changes.append("endpoints")
    if added or removed:
        changes.append("data_disks")
    if not changes:
        return None, changes, warnings
    spec = dict(
        role_name=role["role_name"],
        role_size=params.get("role_size") if "role_size" in changes else role.get("role_size"),
        availability_set_name=role.get("availability_set_name"),
        provision_guest_agent=role.get("provision_guest_agent"),
        network=dict(endpoints=endpoints, subnet_names=role.get("subnet_names") or []),
        data_disks=disks,
        os_disk=_os_disk_identity(role.get("os_disk")),
    )
    return spec, changes, warnings


# ---------------------------------------------------------------- power

STARTABLE_STATUSES = ("StoppedVM", "StoppedDeallocated", "StoppingVM", "StoppingRole")


def needs_start(instance):
    return instance.get("instance_status") in STARTABLE_STATUSES or instance.get("power_state") in ("Stopped", "Stopping")


def is_stopped_as_asked(instance, post_shutdown_action):
    status = instance.get("instance_status")
    if post_shutdown_action == "StoppedDeallocated":
        return status == "StoppedDeallocated"
    return status in ("StoppedVM", "StoppedDeallocated")


def power_action(state, post_shutdown_action, instances):
    """``start``, ``shutdown``, ``restart`` or ``None`` for the instances of the managed role.

    ``started`` starts only a stopped VM; ``stopped`` shuts down a VM not yet stopped as asked
    (without ``post_shutdown_action`` any stopped state will do); ``restarted`` restarts a running VM
    and starts a stopped one.
    """
    if not instances:
        return None
    if state == "started":
        return "start" if any(needs_start(instance) for instance in instances) else None
    if state == "stopped":
        if all(is_stopped_as_asked(instance, post_shutdown_action) for instance in instances):
            return None
        return "shutdown"
    if state == "restarted":
        return "start" if any(needs_start(instance) for instance in instances) else "restart"
    return None


def effective_shutdown_action(post_shutdown_action):
    """A VM stopped by this module is deallocated unless the task says ``Stopped``: it stops the billing."""
    return post_shutdown_action or "StoppedDeallocated"


def target_after(state, post_shutdown_action):
    """``running``, ``stopped`` or ``rest`` (whichever: running or stopped) for the end of the wait."""
    if state in ("started", "restarted"):
        return "running"
    if state == "stopped":
        return "stopped"
    return "rest"


# ---------------------------------------------------------------- creation

def _provisioning_wanted(params, os_type, role_name):
    return dict(
        os_type=os_type,
        hostname=params.get("hostname") or role_name,
        admin_username=params.get("admin_username"),
        admin_password=params.get("admin_password"),
        disable_ssh_password_authentication=_ssh_password_setting(params),
        ssh_public_keys=params.get("ssh_public_keys") or [],
        ssh_key_pairs=params.get("ssh_key_pairs") or [],
        time_zone=params.get("time_zone"),
        enable_automatic_updates=params.get("enable_automatic_updates"),
        winrm_listeners=params.get("winrm_listeners") or [],
        custom_data=params.get("custom_data"),
    )


def _ssh_password_setting(params):
    """Password login is disabled unless the task gives a password (the service's own default is true)."""
    if params.get("disable_ssh_password_authentication") is not None:
        return params["disable_ssh_password_authentication"]
    return not params.get("admin_password")


PROVISIONING_OPTIONS = ("admin_username", "admin_password", "hostname", "disable_ssh_password_authentication",
                        "ssh_public_keys", "ssh_key_pairs", "time_zone", "enable_automatic_updates",
                        "winrm_listeners", "custom_data")


def source_facts(image=None, vm_image=None):
    """``{kind, name, os, needs_provisioning}`` from a parsed OS image or VM image."""
    if image is not None:
        return dict(kind="image", name=image.get("name"), os=(image.get("os") or "").lower() or None,
                    needs_provisioning=True)
    disk = vm_image.get("os_disk_configuration") or {}
    return dict(kind="vm_image", name=vm_image.get("name"), os=(disk.get("os") or "").lower() or None,
                needs_provisioning=(disk.get("os_state") or "").lower() != "specialized")


def check_creation_options(params, source):
    """Refuse, naming the option, what cannot create a VM; return the warnings for options that will be ignored."""
    warnings = []
    os_type = params.get("os_type") or source["os"]
    if params.get("os_type") and source["os"] and params["os_type"] != source["os"]:
        raise AsmError("os_type=%s does not match the OS of %s %s (%s)." % (
            params["os_type"], source["kind"], source["name"], source["os"]), option="os_type")
    if source["kind"] == "image" and not (params.get("os_disk") or {}).get("media_link") and not params.get("storage_account"):
        raise AsmError("A VM created from an OS image needs a place for its disk: set os_disk.media_link or "
                       "storage_account.", option="storage_account")
    for disk in params.get("data_disks") or []:
        if not disk.get("media_link") and not params.get("storage_account"):
            raise AsmError("Data disk LUN %s needs a VHD location: set its media_link or storage_account." % disk["lun"],
                           option="data_disks")
    if not source["needs_provisioning"]:
        ignored = [option for option in PROVISIONING_OPTIONS if params.get(option) not in (None, [])]
        if ignored:
            warnings.append("VM image %s is specialized: it keeps its own accounts and host name, so %s %s ignored."
                            % (source["name"], ", ".join(ignored), "is" if len(ignored) == 1 else "are"))
        return os_type, warnings
    if not params.get("admin_username"):
        raise AsmError("admin_username is required to provision a new VM from %s %s." % (source["kind"], source["name"]),
                       option="admin_username")
    if os_type == "windows" and not params.get("admin_password"):
        raise AsmError("admin_password is required to provision a new Windows VM.", option="admin_password")
    if os_type != "windows" and not params.get("admin_password") and not params.get("ssh_public_keys"):
        raise AsmError("A new Linux VM needs admin_password or ssh_public_keys to let anyone log in.",
                       option="admin_password")
    return os_type, warnings


def creation_spec(params, names, role_name, source, os_type, stamp):
    """The ``spec`` of ``deployments.create_deployment_body`` for this task."""
    service_name, storage = names["service_name"], params.get("storage_account")
    os_disk_option = params.get("os_disk") or {}
    data_disks = [wanted_data_disk(option, None if option.get("media_link") else derived_media_link(
        storage, service_name, role_name, stamp, "lun%s" % option["lun"])) for option in params.get("data_disks") or []]
    role = dict(
        role_name=role_name,
        role_size=params.get("role_size") or DEFAULT_ROLE_SIZE,
        availability_set_name=params.get("availability_set"),
        provision_guest_agent=params.get("provision_guest_agent"),
        provisioning=_provisioning_wanted(params, os_type, role_name) if source["needs_provisioning"] else None,
        network=None,
        data_disks=sorted(data_disks, key=lambda disk: disk["lun"]) or None,
        os_disk=None,
        vm_image_name=None,
        media_location=None,
    )
    if params.get("endpoints") is not None or params.get("subnet_names"):
        role["network"] = dict(endpoints=[merge_endpoint(None, wanted_endpoint(option))
                                          for option in params.get("endpoints") or []],
                               subnet_names=params.get("subnet_names") or [])
    if source["kind"] == "image":
        role["os_disk"] = dict(
            host_caching=os_disk_option.get("host_caching"),
            disk_label=os_disk_option.get("disk_label"),
            disk_name=os_disk_option.get("disk_name"),
            media_link=os_disk_option.get("media_link") or derived_media_link(storage, service_name, role_name, stamp),
            source_image_name=source["name"],
        )
    else:
        role["vm_image_name"] = source["name"]
        role["media_location"] = container_url(storage) if storage else None
    return dict(
        name=names["name"],
        slot=names["slot"],
        label=params.get("label") or names["name"],
        virtual_network_name=params.get("virtual_network_name"),
        reserved_ip_name=params.get("reserved_ip_name"),
        role=role,
    )


# ---------------------------------------------------------------- creation-only options on an existing VM

def _differs(have, want):
    return want is not None and have is not None and _norm(have) != _norm(want)


def _creation_only_message(option, have, want):
    return ("%s is only used when the VM is created: the existing VM has %s, the task asks for %s. "
            "It was not changed." % (option, have, want))


def creation_only_warnings(params, names, deployment, role):
    """Warnings for options that only matter at creation and differ from the existing VM.

    Only what the service reports can be compared; provisioning secrets and SSH keys are never read back.
    """
    os_disk = role.get("os_disk") or {}
    instance_host = next((instance.get("host_name") for instance in deployment["role_instances"]
                          if (instance.get("role_name") or "").lower() == role["role_name"].lower()), None)
    source = os_disk.get("source_image_name")
    pairs = [
        ("slot", deployment.get("slot"), params.get("slot") and names["slot"]),
        ("label", deployment.get("label"), params.get("label")),
        ("image", source, params.get("image") if source else None),
        ("vm_image", role.get("vm_image_name") or (source and "an OS image (%s)" % source),
         params.get("vm_image")),
        ("os_type", os_disk.get("os"), params.get("os_type")),
        ("availability_set", role.get("availability_set_name") or "none", params.get("availability_set")),
        ("virtual_network_name", deployment.get("virtual_network_name") or "none", params.get("virtual_network_name")),
        ("reserved_ip_name", deployment.get("reserved_ip_name") or "none", params.get("reserved_ip_name")),
        ("provision_guest_agent", role.get("provision_guest_agent"), params.get("provision_guest_agent")),
        ("hostname", instance_host, params.get("hostname")),
        ("storage_account", storage_account_of(os_disk.get("media_link")), params.get("storage_account")),
    ]
    for field in ("media_link", "disk_name", "disk_label", "host_caching"):
        pairs.append(("os_disk.%s" % field, os_disk.get(field), (params.get("os_disk") or {}).get(field)))
    warnings = [_creation_only_message(option, have, want) for option, have, want in pairs if _differs(have, want)]
    subnets = params.get("subnet_names")
    if subnets is not None and sorted(s.lower() for s in subnets) != sorted(s.lower() for s in role.get("subnet_names") or []):
        warnings.append(_creation_only_message("subnet_names", role.get("subnet_names"), subnets))
    return warnings


# ---------------------------------------------------------------- the deployment as it will be (check mode)

def _instance_as_powered(instance, power, post_shutdown_action):
    if power == "running":
        instance.update(instance_status="ReadyRole", power_state="Started")
    elif power == "stopped":
        instance.update(instance_status=effective_shutdown_action(post_shutdown_action), power_state="Stopped")


def _first_vip(deployment):
    for vip in deployment.get("virtual_ips") or []:
        if vip.get("address"):
            return vip["address"]
    return None


def _endpoint_view(endpoint, vip):
    view = dict((field, endpoint.get(field)) for field in ENDPOINT_FIELDS)
    view["name"] = endpoint["name"]
    view["vip"] = endpoint.get("vip") or vip
    return view


def _instance_endpoints(endpoints, vip):
    return [dict(name=endpoint["name"], vip=vip, public_port=endpoint.get("port"), local_port=endpoint.get("local_port"),
                 protocol=endpoint.get("protocol")) for endpoint in endpoints]


def _data_disk_view(disk):
    return dict(lun=disk["lun"], size_gb=disk.get("size_gb"), media_link=disk.get("media_link"),
                disk_name=disk.get("disk_name"), disk_label=disk.get("disk_label"), host_caching=disk.get("host_caching"))


def synthesize_update(deployment, role_name, role_spec, power, post_shutdown_action):
    """The deployment after the role update ``role_spec`` (or ``None``) and the power change ``power``."""
    after = copy.deepcopy(deployment)
    vip = _first_vip(after)
    for role in after["roles"]:
        if role["role_name"].lower() != role_name.lower() or role_spec is None:
            continue
        current_vips = dict((endpoint["name"].lower(), endpoint.get("vip")) for endpoint in role["endpoints"])
        role["role_size"] = role_spec["role_size"]
        role["endpoints"] = [_endpoint_view(dict(endpoint, vip=current_vips.get(endpoint["name"].lower())), vip)
                             for endpoint in role_spec["network"]["endpoints"]]
        role["data_disks"] = [_data_disk_view(disk) for disk in role_spec["data_disks"]]
    for instance in after["role_instances"]:
        if (instance.get("role_name") or "").lower() != role_name.lower():
            continue
        if role_spec is not None:
            instance["instance_size"] = role_spec["role_size"]
            instance["instance_endpoints"] = _instance_endpoints(role_spec["network"]["endpoints"], vip)
        _instance_as_powered(instance, power, post_shutdown_action)
    return after


def synthesize_created(spec, service_name, power, post_shutdown_action):
    """The deployment a creation would produce, in the shape of ``normalize_deployment``; unknowns are ``None``."""
    role = spec["role"]
    endpoints = (role.get("network") or {}).get("endpoints") or []
    os_disk = role.get("os_disk")
    instance = dict(role_name=role["role_name"], instance_name=role["role_name"], instance_status="ReadyRole",
                    instance_state_details=None, instance_error_code=None, power_state="Started", ip_address=None,
                    host_name=(role.get("provisioning") or {}).get("hostname"), instance_size=role["role_size"],
                    instance_endpoints=_instance_endpoints(endpoints, None))
    _instance_as_powered(instance, "stopped" if power == "stopped" else "running", post_shutdown_action)
    return dict(
        service_name=service_name, name=spec["name"], slot=spec["slot"].capitalize(), status="Running",
        label=spec.get("label"), url="http://%s.cloudapp.net/" % service_name, private_id=None,
        created_time=None, last_modified_time=None,
        virtual_network_name=spec.get("virtual_network_name"), reserved_ip_name=spec.get("reserved_ip_name"),
        virtual_ips=[], role_instances=[instance],
        roles=[dict(
            role_name=role["role_name"], role_type="PersistentVMRole", role_size=role["role_size"],
            availability_set_name=role.get("availability_set_name"), vm_image_name=role.get("vm_image_name"),
            provision_guest_agent=role.get("provision_guest_agent"),
            subnet_names=(role.get("network") or {}).get("subnet_names") or [],
            os_disk=dict(os=((role.get("provisioning") or {}).get("os_type") or "").capitalize() or None,
                         media_link=os_disk["media_link"], disk_name=os_disk.get("disk_name"),
                         disk_label=os_disk.get("disk_label"), host_caching=os_disk.get("host_caching") or "ReadWrite",
                         source_image_name=os_disk.get("source_image_name")) if os_disk else None,
            data_disks=[_data_disk_view(disk) for disk in role.get("data_disks") or []],
            endpoints=[_endpoint_view(endpoint, None) for endpoint in endpoints],
        )],
    )
