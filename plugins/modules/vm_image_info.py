#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vm_image_info
short_description: List Azure classic VM images, with filters
version_added: 0.1.0
description:
  - Returns the VM images visible to the subscription (the platform VM images and the subscription's own captured
    images), or the one named O(name).
  - Always one request. O(location), O(publisher) and O(category) are sent to the service as the filters of the
    List VM Images operation; O(os) and O(os_state), which the API does not offer, are applied to its answer.
  - The result has the same shape as the one of M(azure_classic.servicemanagement.vm_image_capture).
author:
  - azure_classic.servicemanagement contributors (@azure-classic)
options:
  name:
    description:
      - Name of one image to return (case does not matter). An image that does not exist gives an empty list.
    type: str
  location:
    description:
      - Only images available in this location, for example V(West US).
      - Sent to the service.
    type: str
  publisher:
    description:
      - Only images of this publisher (RV(vm_images[].publisher_name)).
      - Sent to the service.
    type: str
  category:
    description:
      - Only images of this category, for example V(User) for the subscription's own images or V(Public) for
        platform images.
      - Sent to the service.
    type: str
  os:
    description:
      - Only images of this operating system.
    type: str
    choices: [Linux, Windows]
  os_state:
    description:
      - Only V(Generalized) or only V(Specialized) images.
    type: str
    choices: [Generalized, Specialized]
extends_documentation_fragment:
  - azure_classic.servicemanagement.auth
  - azure_classic.servicemanagement.attributes.info_module
seealso:
  - module: azure_classic.servicemanagement.vm_image_capture
  - module: azure_classic.servicemanagement.vm_deployment
"""

EXAMPLES = r"""
- name: List the VM images captured in this subscription
  azure_classic.servicemanagement.vm_image_info:
    category: User
  register: mine

- name: Print their names and where they were captured from
  ansible.builtin.debug:
    msg: "{{ item.name }} from {{ item.service_name }}/{{ item.role_name }} ({{ item.os_disk_configuration.os_state }})"
  loop: "{{ mine.vm_images }}"
  loop_control:
    label: "{{ item.name }}"

- name: Find generalized Linux images offered in West US, with the connection set once for the collection
  module_defaults:
    group/azure_classic.servicemanagement.all:
      subscription_id: "{{ azure_subscription_id }}"
      management_cert_path: /etc/azure/management.pem
  block:
    - name: List them
      azure_classic.servicemanagement.vm_image_info:
        location: West US
        os: Linux
        os_state: Generalized
      register: generalized

- name: Look one image up by name
  azure_classic.servicemanagement.vm_image_info:
    name: web01-golden
  register: golden

- name: Fail when it is missing
  ansible.builtin.assert:
    that: golden.vm_images | length == 1
"""

RETURN = r"""
vm_images:
  description: The VM images, in the shape M(azure_classic.servicemanagement.vm_image_capture) returns.
  returned: always
  type: list
  elements: dict
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
      description: Location of the image (that of its storage account); platform images list the locations they are offered in, separated by semicolons.
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
      sample: null"""

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import vm_images
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    location=dict(type="str"),
    publisher=dict(type="str"),
    category=dict(type="str"),
    os=dict(type="str", choices=list(vm_images.OS_TYPES)),
    os_state=dict(type="str", choices=list(vm_images.OS_STATES)),
)


def read(module):
    params = module.params
    listed = vm_images.list_images(module.client, location=params["location"], publisher=params["publisher"],
                                   category=params["category"])
    if params["name"] is not None:
        found = vm_images.find(listed, params["name"])
        listed = [found] if found is not None else []
    selected = [image for image in listed if vm_images.matches(image, os=params["os"], os_state=params["os_state"])]
    module.exit_json(changed=False, vm_images=selected)


def main():
    module = AsmModule(ARGUMENT_SPEC, supports_check_mode=True)
    module.run(read, action="list VM images")


if __name__ == "__main__":
    main()
