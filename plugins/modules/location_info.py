#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: location_info
short_description: List the Azure classic locations, their services and role sizes
version_added: 0.1.0
description:
  - Returns the locations (regions) available to the subscription, with the services each one offers
    and the role sizes it has for web and worker roles and for virtual machines.
  - The location names are what the C(location) options of the other modules take.
author:
  - azure_classic.servicemanagement maintainers (@azure-classic)
options:
  name:
    description:
      - Name of one location to return, for example V(West US). Case does not matter.
      - A location that does not exist gives an empty list.
    type: str
extends_documentation_fragment:
  - azure_classic.servicemanagement.auth
  - azure_classic.servicemanagement.attributes.info_module
seealso:
  - module: azure_classic.servicemanagement.role_size_info
"""

EXAMPLES = r"""
- name: List the locations, with the connection set once for the collection
  module_defaults:
    group/azure_classic.servicemanagement.all:
      subscription_id: "{{ azure_subscription_id }}"
      management_cert_path: /etc/azure/management.pem
  block:
    - name: List every location
      azure_classic.servicemanagement.location_info:
      register: locations

    - name: Show where virtual machines can run
      ansible.builtin.debug:
        msg: "{{ locations.locations | selectattr('available_services', 'contains', 'PersistentVMRole') | map(attribute='name') }}"

- name: Read the role sizes offered in West US
  azure_classic.servicemanagement.location_info:
    name: West US
  register: west
"""

RETURN = r"""
locations:
  description: The locations.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Name of the location, the value the C(location) options take.
      returned: success
      type: str
      sample: West US
    display_name:
      description: Name of the location as the portal shows it.
      returned: success
      type: str
      sample: West US
    available_services:
      description: Services offered in the location.
      returned: success
      type: list
      elements: str
      sample: [Compute, Storage, PersistentVMRole, HighMemory]
    compute_capabilities:
      description: Role sizes available in the location.
      returned: success
      type: dict
      contains:
        web_worker_role_sizes:
          description: Role sizes for web and worker roles.
          returned: success
          type: list
          elements: str
          sample: [A5, ExtraSmall, Small]
        virtual_machines_role_sizes:
          description: Role sizes for virtual machines.
          returned: success
          type: list
          elements: str
          sample: [A5, Basic_A0, ExtraSmall, Small]
"""

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import catalog
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import same_text_ignoring_case
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
)


def read(module):
    name = module.params["name"]
    locations = catalog.list_locations(module.client)
    if name is not None:
        locations = [location for location in locations if same_text_ignoring_case(location["name"], name)]
    module.exit_json(changed=False, locations=locations)


def main():
    module = AsmModule(ARGUMENT_SPEC, supports_check_mode=True)
    module.run(read, action="list locations")


if __name__ == "__main__":
    main()
