#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: storage_account_info
short_description: List Azure classic storage accounts, optionally with their access keys
version_added: 0.1.0
description:
  - Returns every storage account of the subscription, or the one named O(name).
  - The result has the same shape as the one of M(azure_classic.servicemanagement.storage_account),
    plus the access keys when O(show_keys=true).
author:
  - azure_classic.servicemanagement maintainers (@azure-classic)
options:
  name:
    description:
      - Name of one storage account to return. Without it, every account of the subscription is returned.
      - An account that does not exist gives an empty list.
    type: str
  show_keys:
    description:
      - Whether to return the primary and secondary access keys of each account in RV(storage_accounts[].storage_service_keys).
      - The keys grant full access to the account's data. They cost one more request per account.
        Register the result with care and use C(no_log) on tasks that print it.
    type: bool
    default: false
extends_documentation_fragment:
  - azure_classic.servicemanagement.auth
  - azure_classic.servicemanagement.attributes.info_module
seealso:
  - module: azure_classic.servicemanagement.storage_account
"""

EXAMPLES = r"""
- name: List every storage account
  azure_classic.servicemanagement.storage_account_info:
  register: accounts

- name: Read the keys of one account, with the connection set once for the collection
  module_defaults:
    group/azure_classic.servicemanagement.all:
      subscription_id: "{{ azure_subscription_id }}"
      management_cert_path: /etc/azure/management.pem
  block:
    - name: Read contosovhds with its keys
      azure_classic.servicemanagement.storage_account_info:
        name: contosovhds
        show_keys: true
      register: account
      no_log: true
"""

RETURN = r"""
storage_accounts:
  description: The storage accounts, in the shape M(azure_classic.servicemanagement.storage_account) returns.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Name of the account.
      returned: success
      type: str
      sample: contosovhds
    url:
      description: Management URL of the account.
      returned: success
      type: str
      sample: https://management.core.windows.net/00000000-0000-0000-0000-000000000000/services/storageservices/contosovhds
    label:
      description: Label of the account, decoded from the base64 the API uses.
      returned: success
      type: str
      sample: Contoso VM disks
    description:
      description: Description of the account, V(null) when it has none.
      returned: success
      type: str
      sample: Disks of the web servers
    location:
      description: Location of the account, V(null) when it was created in an affinity group.
      returned: success
      type: str
      sample: West US
    affinity_group:
      description: Affinity group of the account, V(null) when it was created in a location.
      returned: success
      type: str
      sample: null
    account_type:
      description: Replication type of the account.
      returned: success
      type: str
      sample: Standard_LRS
    status:
      description: Status of the account, for example V(Creating) or V(Created).
      returned: success
      type: str
      sample: Created
    endpoints:
      description: Blob, queue, table and file endpoints of the account.
      returned: success
      type: list
      elements: str
      sample: ["https://contosovhds.blob.core.windows.net/", "https://contosovhds.queue.core.windows.net/"]
    geo_primary_region:
      description: Primary region of the account.
      returned: success
      type: str
      sample: West US
    status_of_primary:
      description: Availability of the primary region, for example V(Available).
      returned: success
      type: str
      sample: Available
    geo_secondary_region:
      description: Secondary region of a geo-redundant account, V(null) otherwise.
      returned: success
      type: str
      sample: East US
    status_of_secondary:
      description: Availability of the secondary region, V(null) when there is none.
      returned: success
      type: str
      sample: Available
    creation_time:
      description: When the account was created (UTC, ISO 8601).
      returned: success
      type: str
      sample: "2015-07-01T00:10:49Z"
    extended_properties:
      description: Extended properties of the account, including the ones the service adds itself.
      returned: success
      type: dict
      sample: {"ResourceGroup": "Default-Storage-WestUS", "ResourceLocation": "West US"}
    storage_service_keys:
      description: The access keys of the account (base64). Sensitive.
      returned: when O(show_keys=true)
      type: dict
      contains:
        primary:
          description: Primary access key.
          returned: success
          type: str
          sample: cHJpbWFyeS1rZXktc2FtcGxl
        secondary:
          description: Secondary access key.
          returned: success
          type: str
          sample: c2Vjb25kYXJ5LWtleS1zYW1wbGU=
"""

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import storage_accounts
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    # Not a secret itself; it asks for them.
    show_keys=dict(type="bool", default=False, no_log=False),
)


def read(module):
    client, name = module.client, module.params["name"]
    if name is None:
        accounts = storage_accounts.list_all(client)
    else:
        account = storage_accounts.get(client, name)
        accounts = [account] if account is not None else []
    if module.params["show_keys"]:
        for account in accounts:
            account["storage_service_keys"] = storage_accounts.get_keys(client, account["name"])
    module.exit_json(changed=False, storage_accounts=accounts)


def main():
    module = AsmModule(ARGUMENT_SPEC, supports_check_mode=True)
    module.run(read, action="list storage accounts")


if __name__ == "__main__":
    main()
