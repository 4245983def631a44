#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: role_size_info
short_description: List the Azure classic role sizes
version_added: 0.1.0
description:
  - Returns the role sizes of the subscription (the sizes of virtual machines and of web and worker
    role instances) with their cores, memory and disk limits.
  - The sizes offered in each location come from M(azure_classic.servicemanagement.location_info).
author:
  - azure_classic.servicemanagement maintainers (@azure-classic)
options:
  name:
    description:
      - Name of one role size to return, for example V(Small). Case does not matter.
      - A size that does not exist gives an empty list.
    type: str
extends_documentation_fragment:
  - azure_classic.servicemanagement.auth
  - azure_classic.servicemanagement.attributes.info_module
seealso:
  - module: azure_classic.servicemanagement.location_info
"""

EXAMPLES = r"""
- name: List the role sizes, with the connection set once for the collection
  module_defaults:
    group/azure_classic.servicemanagement.all:
      subscription_id: "{{ azure_subscription_id }}"
      management_cert_path: /etc/azure/management.pem
  block:
    - name: List every role size
      azure_classic.servicemanagement.role_size_info:
      register: sizes

    - name: Show the sizes with at least 4 cores
      ansible.builtin.debug:
        msg: "{{ sizes.role_sizes | selectattr('cores', '>=', 4) | map(attribute='name') }}"

- name: Read one size
  azure_classic.servicemanagement.role_size_info:
    name: Standard_D2
  register: d2
"""

RETURN = r"""
role_sizes:
  description: The role sizes.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Name of the size, the value role size options take.
      returned: success
      type: str
      sample: Small
    label:
      description: Label of the size.
      returned: success
      type: str
      sample: Small (1 cores, 1792 MB)
    cores:
      description: Number of CPU cores.
      returned: success
      type: int
      sample: 1
    memory_in_mb:
      description: Memory in MB.
      returned: success
      type: int
      sample: 1792
    supported_by_web_worker_roles:
      description: Whether web and worker roles can use the size.
      returned: success
      type: bool
      sample: true
    supported_by_virtual_machines:
      description: Whether virtual machines can use the size.
      returned: success
      type: bool
      sample: true
    max_data_disk_count:
      description: How many data disks a virtual machine of this size can have.
      returned: success
      type: int
      sample: 2
    web_worker_resource_disk_size_in_mb:
      description: Size of the temporary disk of a web or worker role instance, in MB.
      returned: success
      type: int
      sample: 230400
    virtual_machine_resource_disk_size_in_mb:
      description: Size of the temporary disk of a virtual machine, in MB.
      returned: success
      type: int
      sample: 71680
"""

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import catalog
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import same_text_ignoring_case
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
)


def read(module):
    name = module.params["name"]
    sizes = catalog.list_role_sizes(module.client)
    if name is not None:
        sizes = [size for size in sizes if same_text_ignoring_case(size["name"], name)]
    module.exit_json(changed=False, role_sizes=sizes)


def main():
    module = AsmModule(ARGUMENT_SPEC, supports_check_mode=True)
    module.run(read, action="list role sizes")


if __name__ == "__main__":
    main()
