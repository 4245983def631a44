"""VM deployments, roles, role instance operations, capture, service certificates."""
from __future__ import annotations

from asm_emulator.errors import ASMError, bad_request
from asm_emulator.rules import deployments, service_certificates, vm_images
from asm_emulator.wire import deployment_views, xmlin
from asm_emulator.wire.respond import accepted, mutate, ok, read

_ROLE_OPERATIONS = ("StartRoleOperation", "ShutdownRoleOperation", "RestartRoleOperation", "CaptureRoleAsVMImageOperation", "CaptureRoleOperation")


def _media(request):
    return request.query.get("comp", "").lower() == "media"


# -- deployments ---------------------------------------------------------------------------------
def create_deployment(ctx, request, service):
    body = xmlin.parse(request.body, "Deployment")
    mutate(ctx, lambda tx: deployments.create(tx, ctx, service, body))
    return accepted(ctx, 202)


def create_deployment_in_slot(ctx, _request, service, slot):
    """The package-based Create Deployment (web/worker roles) is not emulated."""
    del service, slot
    raise bad_request("Package-based (web and worker role) deployments are not supported by this emulator; create a virtual machine deployment.")


def get_deployment(ctx, _request, service, deployment):
    return ok(ctx, read(ctx, lambda tx: deployment_views.deployment_document(*deployments.get_by_name(tx, ctx, service, deployment), ctx.now)))


def get_deployment_by_slot(ctx, _request, service, slot):
    return ok(ctx, read(ctx, lambda tx: deployment_views.deployment_document(*deployments.get_by_slot(tx, ctx, service, slot), ctx.now)))


def delete_deployment(ctx, request, service, deployment):
    mutate(ctx, lambda tx: deployments.delete(tx, ctx, service, deployment, _media(request)))
    return accepted(ctx, 202)


# -- roles ---------------------------------------------------------------------------------------
def get_role(ctx, _request, service, deployment, role):
    def render(tx):
        _service_doc, doc = deployments.get_by_name(tx, ctx, service, deployment)
        return deployment_views.role_document(deployments.find_role(doc, role))

    return ok(ctx, read(ctx, render))


def add_role(ctx, request, service, deployment):
    body = xmlin.parse(request.body, "PersistentVMRole")
    mutate(ctx, lambda tx: deployments.add_role(tx, ctx, service, deployment, body))
    return accepted(ctx, 202)


def update_role(ctx, request, service, deployment, role):
    body = xmlin.parse(request.body, "PersistentVMRole")
    mutate(ctx, lambda tx: deployments.update_role(tx, ctx, service, deployment, role, body))
    return accepted(ctx, 202)


def delete_role(ctx, request, service, deployment, role):
    mutate(ctx, lambda tx: deployments.delete_role(tx, ctx, service, deployment, role, _media(request)))
    return accepted(ctx, 202)


def add_data_disk(ctx, request, service, deployment, role):
    body = xmlin.parse(request.body, "DataVirtualHardDisk")
    mutate(ctx, lambda tx: deployments.add_data_disk(tx, ctx, service, deployment, role, body))
    return accepted(ctx, 202)


def get_data_disk(ctx, _request, service, deployment, role, lun):
    def render(tx):
        _service_doc, doc = deployments.get_by_name(tx, ctx, service, deployment)
        return deployment_views.data_disk_document(deployments.find_data_disk(deployments.find_role(doc, role), lun))

    return ok(ctx, read(ctx, render))


def delete_data_disk(ctx, request, service, deployment, role, lun):
    mutate(ctx, lambda tx: deployments.delete_data_disk(tx, ctx, service, deployment, role, lun, _media(request)))
    return accepted(ctx, 202)


def role_instance_operation(ctx, request, service, deployment, role):
    """Start, Shutdown, Restart, Capture Role as VM Image: the root element says which."""
    body = xmlin.parse(request.body, _ROLE_OPERATIONS)
    if body.value("OperationType") not in (None, body.name):
        raise bad_request("The OperationType %s does not match the request body %s." % (body.value("OperationType"), body.name))
    if body.name == "CaptureRoleAsVMImageOperation":
        mutate(ctx, lambda tx: vm_images.capture(tx, ctx, service, deployment, role, body))
    elif body.name == "CaptureRoleOperation":
        raise deployments.unsupported_role_operation(body.name)
    else:
        kind = {"StartRoleOperation": "start", "ShutdownRoleOperation": "shutdown", "RestartRoleOperation": "restart"}[body.name]
        action = body.value("PostShutdownAction") or "Stopped"
        mutate(ctx, lambda tx: deployments.power_operation(tx, ctx, service, deployment, [role], kind, action))
    return accepted(ctx, 202)


def roles_operation(ctx, request, service, deployment):
    """Start Roles / Shutdown Roles: one operation for several roles."""
    body = xmlin.parse(request.body, ("StartRolesOperation", "ShutdownRolesOperation"))
    names = [node.text for node in body.child("Roles").all("Name")] if body.has("Roles") else []
    if not names:
        raise bad_request("The Roles element must name at least one role.")
    kind = "start" if body.name == "StartRolesOperation" else "shutdown"
    action = body.value("PostShutdownAction") or "Stopped"
    mutate(ctx, lambda tx: deployments.power_operation(tx, ctx, service, deployment, names, kind, action))
    return accepted(ctx, 202)


def role_instance_unsupported(ctx, request, service, deployment, instance):
    """Reboot/reimage/rebuild/delete of web and worker role instances are not emulated."""
    del ctx, service, deployment, instance
    raise ASMError(400, "BadRequest", "The role instance operation %s is not supported by this emulator." % request.query.get("comp", ""))


# -- service certificates ------------------------------------------------------------------------
def add_service_certificate(ctx, request, service):
    body = xmlin.parse(request.body, "CertificateFile")
    mutate(ctx, lambda tx: service_certificates.add(tx, ctx, service, body))
    return accepted(ctx, 202)


def list_service_certificates(ctx, _request, service):
    return ok(ctx, read(ctx, lambda tx: deployment_views.certificates_document(ctx, service_certificates.list_for(tx, ctx, service))))


def get_service_certificate(ctx, _request, service, thumbprint):
    return ok(ctx, read(ctx, lambda tx: deployment_views.certificate_document(ctx, service_certificates.get(tx, ctx, service, thumbprint))))


def delete_service_certificate(ctx, _request, service, thumbprint):
    mutate(ctx, lambda tx: service_certificates.delete(tx, ctx, service, thumbprint))
    return accepted(ctx, 202)
