#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vm_image_capture
short_description: Capture an Azure classic virtual machine as a VM image, or delete a VM image
version_added: 0.1.0
description:
  - Captures a virtual machine (a persistent VM role of a deployment) as a VM image, an image made of the
    VM's OS disk and data disks, from which new VMs can be created with
    M(azure_classic.servicemanagement.vm_deployment) and its O(azure_classic.servicemanagement.vm_deployment#module:vm_image)
    option. Deletes a VM image with O(state=absent).
  - The module looks for a VM image called O(name) with one request. When one exists, nothing is captured, ever
    again; if the task names another source VM or other capture options than the image has, the module says so
    in a warning and leaves the image as it is. Delete the image first to capture it anew.
  - A V(Specialized) capture keeps the VM's accounts and settings, and the VM keeps running (shutting it down
    first gives a consistent disk; see M(azure_classic.servicemanagement.vm_deployment) with V(state=stopped)).
  - A V(Generalized) capture is for VMs prepared to be copies (Linux deprovisioned with
    C(waagent -deprovision+user), Windows generalized with C(sysprep)). B(The service deletes the source VM after a
    generalized capture.) Its role is removed from the deployment, and the deployment itself when it was the last
    role; the VM's disks become the image's. The module warns about this whenever it captures a generalized image,
    in check mode too.
author:
  - azure_classic.servicemanagement contributors (@azure-classic)
options:
  name:
    description:
      - Name of the VM image.
      - Use up to 256 letters, digits, periods, hyphens and underscores, starting with a letter or a digit.
    type: str
    required: true
  service_name:
    description:
      - Name of the hosted service (cloud service) of the VM to capture.
      - Required to capture. With an existing image it is compared with the image's source and a difference is
        reported in a warning.
    type: str
  deployment_name:
    description:
      - Name of the deployment of the VM to capture.
      - When not set, the name of the hosted service is used, as M(azure_classic.servicemanagement.vm_deployment) does.
    type: str
  role_name:
    description:
      - Name of the VM (the role) to capture.
      - When not set, the deployment name is used.
    type: str
  label:
    description:
      - Label of the new image, up to 100 characters. When not set, O(name) is used.
      - Only used when the image is captured.
    type: str
  description:
    description:
      - Description of the new image, up to 1024 characters.
      - Only used when the image is captured.
    type: str
  os_state:
    description:
      - Whether the VM was generalized (V(Generalized)) or is captured as it is (V(Specialized)).
      - Required to capture. Only used when the image is captured.
      - B(With V(Generalized), the service deletes the source VM after the capture.)
    type: str
    choices: [Generalized, Specialized]
  language:
    description:
      - Language of the operating system in the new image, for example V(english).
      - Only used when the image is captured.
    type: str
  image_family:
    description:
      - Family of the new image, used to group versions of the same image.
      - Only used when the image is captured.
    type: str
  recommended_vm_size:
    description:
      - Role size recommended for VMs made from the new image, for example V(Small). See
        M(azure_classic.servicemanagement.role_size_info).
      - Only used when the image is captured.
    type: str
  state:
    description:
      - V(present) captures the image unless one called O(name) exists.
      - V(absent) deletes the image, see O(delete_vhds).
    type: str
    choices: [present, absent]
    default: present
  delete_vhds:
    description:
      - With O(state=absent), also delete the VHD blobs of the image's disks.
      - Without it, the blobs stay in the storage account (and keep it in use).
    type: bool
    default: false
  wait:
    description:
      - Whether to wait until the capture (or the deletion) has finished and the new image is listed as ready to use.
      - With V(false) the module returns once the service has accepted the request, and returns its
        RV(request_id); follow it with M(azure_classic.servicemanagement.operation_info). The image may then not be
        listed yet, and RV(vm_image) is V(null).
    type: bool
    default: true
notes:
  - Platform VM images (any category other than V(User)) are never deleted, and their names cannot be captured to;
    such a task fails and says so.
  - While the service captures a VM, it refuses other changes to its hosted service; the client retries those
    requests, so a task on another VM of the same service waits rather than fails.
extends_documentation_fragment:
  - azure_classic.servicemanagement.auth
  - azure_classic.servicemanagement.wait
  - azure_classic.servicemanagement.attributes
seealso:
  - module: azure_classic.servicemanagement.vm_image_info
  - module: azure_classic.servicemanagement.vm_deployment
"""

EXAMPLES = r"""
- name: Capture VMs with the connection set once for the collection
  module_defaults:
    group/azure_classic.servicemanagement.all:
      subscription_id: "{{ azure_subscription_id }}"
      management_cert_path: /etc/azure/management.pem
  block:
    - name: Shut the VM down for a consistent disk
      azure_classic.servicemanagement.vm_deployment:
        service_name: web01
        state: stopped

    - name: Capture it as it is; the VM stays
      azure_classic.servicemanagement.vm_image_capture:
        name: web01-golden
        service_name: web01
        os_state: Specialized
        label: web01 golden image
        description: Web server with the company baseline
        language: english
        image_family: web
        recommended_vm_size: Small
      register: captured

    - name: Show where the new OS disk lives
      ansible.builtin.debug:
        msg: "{{ captured.vm_image.os_disk_configuration.media_link }}"

- name: Capture a deprovisioned VM as a generalized image (the service deletes the VM)
  azure_classic.servicemanagement.vm_image_capture:
    name: centos-base
    service_name: build01
    deployment_name: build01
    role_name: build01
    os_state: Generalized

- name: Create a VM from the image
  azure_classic.servicemanagement.vm_deployment:
    service_name: web02
    vm_image: web01-golden

- name: Delete the image and its VHD blobs
  azure_classic.servicemanagement.vm_image_capture:
    name: web01-golden
    state: absent
    delete_vhds: true
"""

RETURN = r"""
vm_image:
  description:
    - The VM image after the task; in check mode, what a capture would produce (what only the service knows,
      such as the new VHDs' links and the times, is V(null)).
    - Empty when O(state=absent).
  returned: always
  type: dict
  contains:
    name:
      description: Name of the image.
      returned: success
      type: str
      sample: web01-golden
    label:
      description: Label of the image.
      returned: success
      type: str
      sample: web01 golden image
    category:
      description: Category of the image; V(User) for the subscription's own images.
      returned: success
      type: str
      sample: User
    description:
      description: Description of the image.
      returned: success
      type: str
      sample: Web server with the company baseline
    os_disk_configuration:
      description: The OS disk of the image.
      returned: success
      type: dict
      contains:
        name:
          description: Name of the disk.
          type: str
          sample: web01-golden-os-2015-07-02
        os:
          description: Operating system, V(Linux) or V(Windows).
          type: str
          sample: Linux
        os_state:
          description: V(Generalized) or V(Specialized).
          type: str
          sample: Specialized
        media_link:
          description: URL of the VHD blob of the disk.
          type: str
          sample: https://contosovhds.blob.core.windows.net/vhds/web01-golden-os-2015-07-02.vhd
        host_caching:
          description: Host caching of the disk.
          type: str
          sample: ReadWrite
        logical_disk_size_in_gb:
          description: Size of the disk in GB.
          type: int
          sample: 30
        io_type:
          description: Storage type of the disk.
          type: str
          sample: Standard
    data_disk_configurations:
      description: The data disks of the image, by LUN.
      returned: success
      type: list
      elements: dict
      contains:
        name:
          description: Name of the disk.
          type: str
          sample: web01-golden-datadisk-0-2015-07-02
        lun:
          description: Logical unit number.
          type: int
          sample: 0
        media_link:
          description: URL of the VHD blob of the disk.
          type: str
          sample: https://contosovhds.blob.core.windows.net/vhds/web01-golden-datadisk-0-2015-07-02.vhd
        host_caching:
          description: Host caching of the disk.
          type: str
          sample: ReadOnly
        logical_disk_size_in_gb:
          description: Size of the disk in GB.
          type: int
          sample: 100
        io_type:
          description: Storage type of the disk.
          type: str
          sample: Standard
    service_name:
      description: Hosted service of the VM the image was captured from.
      returned: success
      type: str
      sample: web01
    deployment_name:
      description: Deployment of the VM the image was captured from.
      returned: success
      type: str
      sample: web01
    role_name:
      description: The VM (role) the image was captured from.
      returned: success
      type: str
      sample: web01
    location:
      description: Location of the image (that of its storage account); V(null) in check mode when not known.
      returned: success
      type: str
      sample: West US
    affinity_group:
      description: Affinity group of the image, V(null) when there is none.
      returned: success
      type: str
      sample: null
    created_time:
      description: When the image was created.
      returned: success
      type: str
      sample: "2015-07-02T18:58:31.4280046Z"
    modified_time:
      description: When the image was last changed.
      returned: success
      type: str
      sample: "2015-07-02T18:58:31.4280046Z"
    image_family:
      description: Family of the image.
      returned: success
      type: str
      sample: web
    language:
      description: Language of the image.
      returned: success
      type: str
      sample: english
    recommended_vm_size:
      description: Role size recommended for the image.
      returned: success
      type: str
      sample: Small
    role_state_on_capture:
      description: Status of the VM when it was captured, for example V(ReadyRole) or V(StoppedVM).
      returned: success
      type: str
      sample: StoppedDeallocated
    role_size_on_capture:
      description: Size of the VM when it was captured.
      returned: success
      type: str
      sample: Small
    vm_image_state:
      description: State of the image; V(VMImageReadyForUse) once it can be used.
      returned: success
      type: str
      sample: VMImageReadyForUse
    is_premium:
      description: Whether the image carries a premium charge.
      returned: success
      type: bool
      sample: false
    publisher_name:
      description: Publisher of a platform image.
      returned: success
      type: str
      sample: null
    published_date:
      description: Date a platform image was published.
      returned: success
      type: str
      sample: null
    eula:
      description: End-user license agreement of the image.
      returned: success
      type: str
      sample: null
    icon_uri:
      description: URL of the icon of the image.
      returned: success
      type: str
      sample: null
    small_icon_uri:
      description: URL of the small icon of the image.
      returned: success
      type: str
      sample: null
    privacy_uri:
      description: URL of the privacy statement of the image.
      returned: success
      type: str
      sample: null
    show_in_gui:
      description: Whether the portal shows the image.
      returned: success
      type: bool
      sample: null
    pricing_detail_link:
      description: URL of the pricing details of a premium image.
      returned: success
      type: str
      sample: null
request_id:
  description:
    - Request ID of the operation the module sent; with O(wait=false), follow it with
      M(azure_classic.servicemanagement.operation_info).
  returned: when the module changed something, outside check mode
  type: str
  sample: 9a059fc190f3b98cb56edb99089d669c
"""

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import deployments
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import vm_images
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.state_flow import StateFlow

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    service_name=dict(type="str"),
    deployment_name=dict(type="str"),
    role_name=dict(type="str"),
    label=dict(type="str"),
    description=dict(type="str"),
    os_state=dict(type="str", choices=list(vm_images.OS_STATES)),
    language=dict(type="str"),
    image_family=dict(type="str"),
    recommended_vm_size=dict(type="str"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    delete_vhds=dict(type="bool", default=False),
)


def source_names(params):
    """``(service, deployment, role)`` with the documented defaults: deployment = service, role = deployment."""
    service_name = params["service_name"]
    deployment_name = params["deployment_name"] or service_name
    role_name = params["role_name"] or deployment_name
    return service_name, deployment_name, role_name


def warn_about_existing_image(module, image):
    """An existing image is never captured again; say so when the task asks for something else."""
    params = module.params
    explicit_source = vm_images.source_differences(image, *source_names(params))
    other_options = vm_images.capture_option_differences(
        image, os_state=params["os_state"], label=params["label"], description=params["description"])
    differences = explicit_source + other_options
    if differences:
        module.warn("The VM image %s already exists and is not captured again; the task's %s %s not applied. Delete "
                    "the image (state=absent) to capture it anew." % (
                        image["name"], ", ".join(differences), "is" if len(differences) == 1 else "are"))


def find_source_role(client, service_name, deployment_name, role_name):
    """``(hosted service, role)`` of the VM to capture; a missing piece fails naming the option to fix."""
    service = deployments.get_service_with_deployments(client, service_name)
    if service is None:
        raise AsmError("The hosted service %s does not exist, so there is no VM to capture." % service_name,
                       option="service_name")
    deployment = deployments.find_by_name(service["deployments"], deployment_name)
    if deployment is None:
        names = ", ".join(item["name"] for item in service["deployments"]) or "none"
        raise AsmError("The hosted service %s has no deployment %s (its deployments: %s); set deployment_name."
                       % (service_name, deployment_name, names), option="deployment_name")
    role = deployments.find_role(deployment, role_name)
    if role is None:
        names = ", ".join(item["role_name"] for item in deployment["roles"]) or "none"
        raise AsmError("Deployment %s of hosted service %s has no VM %s (its VMs: %s); set role_name."
                       % (deployment["name"], service_name, role_name, names), option="role_name")
    return service, deployment, role


def generalized_warning(service_name, deployment_name, role_name):
    return ("A Generalized capture deletes the source VM: after it, VM %s of deployment %s in hosted service %s is gone "
            "(and the deployment too if it was its last VM); its disks become the image's. Capture with "
            "os_state=Specialized to keep the VM." % (role_name, deployment_name, service_name))


def capture(module, flow):
    params, client = module.params, module.client
    name = params["name"]
    if params["service_name"] is None:
        module.fail("Capturing the VM image %s needs service_name (the hosted service of the VM)." % name,
                    option="service_name")
    if params["os_state"] is None:
        module.fail("Capturing the VM image %s needs os_state: Specialized (the VM stays as it is) or Generalized "
                    "(the VM was deprovisioned, and the service deletes it after the capture)." % name,
                    option="os_state")
    service_name, deployment_name, role_name = source_names(params)
    service, deployment, role = find_source_role(client, service_name, deployment_name, role_name)
    if params["os_state"] == "Generalized":
        module.warn(generalized_warning(service["service_name"], deployment["name"], role["role_name"]))
    image = dict(name=name, label=params["label"] or name, os_state=params["os_state"],
                 description=params["description"], language=params["language"],
                 image_family=params["image_family"], recommended_vm_size=params["recommended_vm_size"])
    planned = vm_images.planned(image, service["service_name"], deployment["name"], role, location=service["location"])
    flow.create(planned, lambda: vm_images.capture(client, service["service_name"], deployment["name"],
                                                   role["role_name"], image, wait=params["wait"],
                                                   timeout=params["wait_timeout"]))


def delete(module, flow, current):
    params, client = module.params, module.client
    vm_images.refuse_platform_image(current, "deleted")
    flow.delete(current, lambda: vm_images.delete(client, current, delete_vhds=params["delete_vhds"],
                                                  wait=params["wait"], timeout=params["wait_timeout"]))


def ensure(module):
    name = module.params["name"]
    flow = StateFlow(module, "vm_image", lambda: vm_images.get(module.client, name))
    current = flow.fetch()
    if module.params["state"] == "absent":
        if current is None:
            flow.unchanged(None)
        delete(module, flow, current)
    elif current is None:
        capture(module, flow)
    elif not vm_images.is_user_image(current):
        module.fail("The name %s belongs to a platform VM image (category %r); a capture needs a name of its own."
                    % (current["name"], current["category"]), option="name")
    else:
        warn_about_existing_image(module, current)
        flow.unchanged(current)


def main():
    module = AsmModule(ARGUMENT_SPEC, wait=True, supports_check_mode=True)
    params = module.params
    errors = vm_images.option_errors(name=params["name"], label=params["label"], description=params["description"])
    module.fail_on_option_errors(errors)
    verb = "delete" if params["state"] == "absent" else "capture"
    module.run(ensure, action="%s VM image %s" % (verb, params["name"]))


if __name__ == "__main__":
    main()
