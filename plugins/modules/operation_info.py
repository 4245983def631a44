#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: operation_info
short_description: Read the status of an Azure classic asynchronous operation
version_added: 0.1.0
description:
  - Returns the status of the asynchronous operation a request started, by its request ID.
  - This is how to follow a module that ran with O(azure_classic.servicemanagement.storage_account#module:wait=false)
    or with C(wait=false) on any other module. Register its RV(azure_classic.servicemanagement.storage_account#module:request_id)
    and call this module with C(until) until RV(operation.status) is no longer V(InProgress).
author:
  - azure_classic.servicemanagement maintainers (@azure-classic)
options:
  request_id:
    description:
      - The request ID (C(x-ms-request-id)) of the request that started the operation.
    type: str
    required: true
extends_documentation_fragment:
  - azure_classic.servicemanagement.auth
  - azure_classic.servicemanagement.attributes.info_module
"""

EXAMPLES = r"""
- name: Start creating a storage account without waiting
  azure_classic.servicemanagement.storage_account:
    name: contosologs
    location: West US
    wait: false
  register: created

- name: Wait until the operation has finished, with the connection set once for the collection
  module_defaults:
    group/azure_classic.servicemanagement.all:
      subscription_id: "{{ azure_subscription_id }}"
      management_cert_path: /etc/azure/management.pem
  block:
    - name: Poll the operation
      azure_classic.servicemanagement.operation_info:
        request_id: "{{ created.request_id }}"
      register: followed
      until: followed.operation.status != 'InProgress'
      retries: 60
      delay: 5

    - name: Fail when the operation failed
      ansible.builtin.assert:
        that: followed.operation.status == 'Succeeded'
        fail_msg: "{{ followed.operation.error }}"
"""

RETURN = r"""
operation:
  description: The operation.
  returned: always
  type: dict
  contains:
    id:
      description: ID of the operation as the service formats it.
      returned: success
      type: str
      sample: 9a059fc1-90f3-b98c-b56e-db99089d669c
    request_id:
      description: The request ID asked for.
      returned: success
      type: str
      sample: 9a059fc190f3b98cb56edb99089d669c
    status:
      description: V(InProgress), V(Succeeded) or V(Failed).
      returned: success
      type: str
      sample: Succeeded
    http_status_code:
      description: HTTP status the operation ended with; V(null) while it is in progress.
      returned: success
      type: int
      sample: 200
    error:
      description: Why the operation failed; V(null) unless RV(operation.status=Failed).
      returned: success
      type: dict
      contains:
        code:
          description: ASM error code.
          returned: success
          type: str
          sample: BadRequest
        message:
          description: Error message.
          returned: success
          type: str
          sample: The storage account name is already taken.
"""

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.operations import get_operation

ARGUMENT_SPEC = dict(
    request_id=dict(type="str", required=True),
)


def read(module):
    module.exit_json(changed=False, operation=get_operation(module.client, module.params["request_id"]))


def main():
    module = AsmModule(ARGUMENT_SPEC, supports_check_mode=True)
    module.run(read, action="read operation %s" % module.params["request_id"])


if __name__ == "__main__":
    main()
