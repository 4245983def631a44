#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: operating_system_info
short_description: List the Azure classic guest operating systems and their families
version_added: 0.1.0
description:
  - Returns the guest operating system versions that web and worker roles of cloud services can
    run, and the operating system families with the versions each one offers.
  - These are not virtual machine images; see M(azure_classic.servicemanagement.os_image_info) for those.
author:
  - azure_classic.servicemanagement maintainers (@azure-classic)
options:
  family:
    description:
      - Only this family, by its number, for example V(4) for Windows Server 2012 R2.
      - A family that does not exist gives empty lists.
    type: str
extends_documentation_fragment:
  - azure_classic.servicemanagement.auth
  - azure_classic.servicemanagement.attributes.info_module
"""

EXAMPLES = r"""
- name: List the guest operating systems, with the connection set once for the collection
  module_defaults:
    group/azure_classic.servicemanagement.all:
      subscription_id: "{{ azure_subscription_id }}"
      management_cert_path: /etc/azure/management.pem
  block:
    - name: List every guest OS version and family
      azure_classic.servicemanagement.operating_system_info:
      register: guest_os

    - name: Show the default version of each family
      ansible.builtin.debug:
        msg: "{{ guest_os.operating_systems | selectattr('is_default') | map(attribute='version') }}"

- name: List the versions of the Windows Server 2012 R2 family
  azure_classic.servicemanagement.operating_system_info:
    family: "4"
  register: family4
"""

RETURN = r"""
operating_systems:
  description: The guest operating system versions.
  returned: always
  type: list
  elements: dict
  contains:
    version:
      description: Version string, the value a service configuration's C(osVersion) takes.
      returned: success
      type: str
      sample: WA-GUEST-OS-4.21_201506-01
    label:
      description: Label of the version, decoded from the base64 the API uses.
      returned: success
      type: str
      sample: Windows Azure Guest OS 4.21 (Release 201506-01)
    is_default:
      description: Whether this is the default version of its family.
      returned: success
      type: bool
      sample: true
    is_active:
      description: Whether the version can still be used.
      returned: success
      type: bool
      sample: true
    family:
      description: Number of the family of the version.
      returned: success
      type: int
      sample: 4
    family_label:
      description: Label of the family, decoded.
      returned: success
      type: str
      sample: Windows Server 2012 R2
operating_system_families:
  description: The guest operating system families with their versions.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Number of the family.
      returned: success
      type: str
      sample: "4"
    label:
      description: Label of the family, decoded.
      returned: success
      type: str
      sample: Windows Server 2012 R2
    operating_systems:
      description: The versions of the family.
      returned: success
      type: list
      elements: dict
      contains:
        version:
          description: Version string.
          returned: success
          type: str
          sample: WA-GUEST-OS-4.21_201506-01
        label:
          description: Label of the version, decoded.
          returned: success
          type: str
          sample: Windows Azure Guest OS 4.21 (Release 201506-01)
        is_default:
          description: Whether this is the default version of the family.
          returned: success
          type: bool
          sample: true
        is_active:
          description: Whether the version can still be used.
          returned: success
          type: bool
          sample: true
"""

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import catalog
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule

ARGUMENT_SPEC = dict(
    family=dict(type="str"),
)


def read(module):
    family = module.params["family"]
    systems = catalog.list_operating_systems(module.client)
    families = catalog.list_operating_system_families(module.client)
    if family is not None:
        systems = [system for system in systems if str(system.get("family")) == family]
        families = [item for item in families if str(item.get("name")) == family]
    module.exit_json(changed=False, operating_systems=systems, operating_system_families=families)


def main():
    module = AsmModule(ARGUMENT_SPEC, supports_check_mode=True)
    module.run(read, action="list guest operating systems")


if __name__ == "__main__":
    main()
