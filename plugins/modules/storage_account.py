#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: storage_account
short_description: Create, update and delete Azure classic storage accounts
version_added: 0.1.0
description:
  - Creates an Azure classic storage account and waits until it is ready, updates its label,
    description, replication type and extended properties in place, or deletes it.
  - The module reads the account with one request, compares it with the options the task sets, and
    sends a request only when something differs. An update sends only the fields that differ, so it
    never changes a field the task does not set (the replication type in particular).
  - The location or affinity group of an account is fixed when it is created. A task that asks for a
    different one fails and says so; nothing is changed.
  - The access keys are never returned here; use M(azure_classic.servicemanagement.storage_account_info)
    with O(azure_classic.servicemanagement.storage_account_info#module:show_keys=true).
author:
  - azure_classic.servicemanagement maintainers (@azure-classic)
options:
  name:
    description:
      - Name of the storage account, 3 to 24 lowercase letters and digits. It is also the DNS name
        C(<name>.blob.core.windows.net), so it must be unique across Azure.
    type: str
    required: true
  label:
    description:
      - Display label of the account, up to 100 characters.
      - When the account is created and O(label) is not set, the label is O(name).
    type: str
  description:
    description:
      - Description of the account, up to 1024 characters.
    type: str
  location:
    description:
      - Location to create the account in, for example V(West US).
      - Only used when the account is created; one of O(location) and O(affinity_group) is required then.
      - An existing account in another location makes the task fail, since an account cannot move.
    type: str
  affinity_group:
    description:
      - Affinity group to create the account in, instead of O(location).
      - Only used when the account is created. An existing account in another affinity group makes the task fail.
    type: str
  account_type:
    description:
      - Replication type of the account.
      - When the account is created without it, the service uses its default (V(Standard_GRS)).
      - Not every change is allowed by the service (for example to or from V(Standard_ZRS) or
        V(Premium_LRS)); the service's refusal is reported with its message.
    type: str
    choices: [Standard_LRS, Standard_ZRS, Standard_GRS, Standard_RAGRS, Premium_LRS]
  extended_properties:
    description:
      - Name and value pairs stored with the account (at most 50; names start with a letter and hold
        letters, digits and underscores, up to 64 characters; values up to 255 characters).
      - The properties listed here get the listed values; properties not listed are left as they are.
    type: dict
  state:
    description:
      - V(present) creates the account or updates it in place.
      - V(absent) deletes it. The service refuses while disks or OS images still use its blobs, and
        the module reports that refusal with the service's message.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - azure_classic.servicemanagement.auth
  - azure_classic.servicemanagement.wait
  - azure_classic.servicemanagement.attributes
seealso:
  - module: azure_classic.servicemanagement.storage_account_info
"""

EXAMPLES = r"""
- name: Manage storage with the connection set once for the collection
  module_defaults:
    group/azure_classic.servicemanagement.all:
      subscription_id: "{{ azure_subscription_id }}"
      management_cert_path: /etc/azure/management.pem
  block:
    - name: Ensure a locally redundant storage account exists
      azure_classic.servicemanagement.storage_account:
        name: contosovhds
        label: Contoso VM disks
        location: West US
        account_type: Standard_LRS

- name: Change the description only (the replication type stays as it is)
  azure_classic.servicemanagement.storage_account:
    name: contosovhds
    description: Disks of the web servers

- name: Start creating an account without waiting, then follow the operation
  azure_classic.servicemanagement.storage_account:
    name: contosologs
    location: West US
    wait: false
  register: created

- name: Wait for the creation to finish
  azure_classic.servicemanagement.operation_info:
    request_id: "{{ created.request_id }}"
  register: operation
  until: operation.operation.status != 'InProgress'
  retries: 30
  delay: 5

- name: Delete a storage account
  azure_classic.servicemanagement.storage_account:
    name: contosologs
    state: absent
"""

RETURN = r"""
storage_account:
  description:
    - The storage account after the task; in check mode, what it would be.
    - Empty when O(state=absent).
  returned: always
  type: dict
  contains:
    name:
      description: Name of the account.
      returned: success
      type: str
      sample: contosovhds
    url:
      description: Management URL of the account; V(null) in check mode before it exists.
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
request_id:
  description:
    - Request ID of the operation the module sent; with O(wait=false), follow it with
      M(azure_classic.servicemanagement.operation_info).
  returned: when the module changed something, outside check mode
  type: str
  sample: 9a059fc190f3b98cb56edb99089d669c
"""

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import storage_accounts
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import changed_fields
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import changes_to_send
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import placement_conflict
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import wanted_fields
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.state_flow import StateFlow

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    label=dict(type="str"),
    description=dict(type="str"),
    location=dict(type="str"),
    affinity_group=dict(type="str"),
    account_type=dict(type="str", choices=list(storage_accounts.ACCOUNT_TYPES)),
    extended_properties=dict(type="dict"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
)


def create(module, flow):
    params, client = module.params, module.client
    name = params["name"]
    if params["location"] is None and params["affinity_group"] is None:
        module.fail("Creating the storage account %s needs location or affinity_group; neither is set." % name,
                    option="location")
    fields = dict(label=params["label"] or name, description=params["description"], location=params["location"],
                  affinity_group=params["affinity_group"], account_type=params["account_type"],
                  extended_properties=params["extended_properties"])
    flow.create(storage_accounts.planned(name, **fields),
                lambda: storage_accounts.create(client, name, wait=params["wait"], timeout=params["wait_timeout"],
                                                **fields))


def update(module, flow, current):
    params, client = module.params, module.client
    conflict = placement_conflict(storage_accounts.KIND, current, params["location"], params["affinity_group"])
    if conflict:
        module.fail(conflict, option="location" if params["location"] is not None else "affinity_group")
    wanted = wanted_fields(label=params["label"], description=params["description"],
                           account_type=params["account_type"], extended_properties=params["extended_properties"])
    changes = changed_fields(current, wanted)
    if not changes:
        flow.unchanged(current)
        return
    sent = changes_to_send(current, changes)
    flow.update(current, changes,
                lambda: storage_accounts.update(client, current["name"], wait=params["wait"],
                                                timeout=params["wait_timeout"], **sent))


def ensure(module):
    params, client = module.params, module.client
    flow = StateFlow(module, "storage_account", lambda: storage_accounts.get(client, params["name"]))
    current = flow.fetch()
    if params["state"] == "absent":
        if current is None:
            flow.unchanged(None)
        else:
            flow.delete(current, lambda: storage_accounts.delete(client, current["name"], wait=params["wait"],
                                                                 timeout=params["wait_timeout"]))
    elif current is None:
        create(module, flow)
    else:
        update(module, flow, current)


def main():
    module = AsmModule(ARGUMENT_SPEC, wait=True, supports_check_mode=True,
                       mutually_exclusive=[("location", "affinity_group")])
    params = module.params
    errors = storage_accounts.option_errors(name=params["name"], label=params["label"],
                                            description=params["description"],
                                            extended_properties=params["extended_properties"])
    module.fail_on_option_errors(errors)
    verb = "delete" if params["state"] == "absent" else "create or update"
    module.run(ensure, action="%s storage account %s" % (verb, params["name"]))


if __name__ == "__main__":
    main()
