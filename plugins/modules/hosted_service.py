#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: hosted_service
short_description: Create, update and delete Azure classic cloud (hosted) services
version_added: 0.1.0
description:
  - Creates an Azure classic cloud service (called a hosted service in the Service Management API),
    updates its label, description and extended properties in place, or deletes it.
  - The module reads the service with one request, compares it with the options the task sets, and
    sends a request only when something differs. Options the task does not set are left as they are.
  - The location or affinity group of a service is fixed when it is created. A task that asks for a
    different one fails and says so; nothing is changed.
author:
  - azure_classic.servicemanagement maintainers (@azure-classic)
options:
  name:
    description:
      - Name of the cloud service. It is also the DNS name C(<name>.cloudapp.net), so it must be unique
        across Azure.
      - Use 1 to 63 letters, digits and hyphens, starting with a letter and not ending with a hyphen.
    type: str
    required: true
  label:
    description:
      - Display label of the service, up to 100 characters.
      - When the service is created and O(label) is not set, the label is O(name).
    type: str
  description:
    description:
      - Description of the service, up to 1024 characters.
    type: str
  location:
    description:
      - Location to create the service in, for example V(West US). See
        M(azure_classic.servicemanagement.location_info) for the names.
      - Only used when the service is created; one of O(location) and O(affinity_group) is required then.
      - An existing service in another location makes the task fail, since a service cannot move.
    type: str
  affinity_group:
    description:
      - Affinity group to create the service in, instead of O(location).
      - Only used when the service is created. An existing service in another affinity group makes the task fail.
    type: str
  extended_properties:
    description:
      - Name and value pairs stored with the service (at most 50; names start with a letter and hold
        letters, digits and underscores, up to 64 characters; values up to 255 characters).
      - The properties listed here get the listed values; properties not listed are left as they are.
    type: dict
  state:
    description:
      - V(present) creates the service or updates it in place.
      - V(absent) deletes it. A service that still has deployments is only deleted with O(delete_deployments=true).
    type: str
    choices: [present, absent]
    default: present
  delete_deployments:
    description:
      - With O(state=absent), also delete the deployments of the service (for example its virtual
        machines), together with their disks and the disks' VHD blobs, then the service.
      - This is one request (C(comp=media)) and one asynchronous operation, which O(wait) waits for.
      - Without it, deleting a service that still has deployments fails and names them.
    type: bool
    default: false
extends_documentation_fragment:
  - azure_classic.servicemanagement.auth
  - azure_classic.servicemanagement.wait
  - azure_classic.servicemanagement.attributes
seealso:
  - module: azure_classic.servicemanagement.hosted_service_info
  - module: azure_classic.servicemanagement.location_info
"""

EXAMPLES = r"""
- name: Set the connection once for every module of the collection
  module_defaults:
    group/azure_classic.servicemanagement.all:
      subscription_id: "{{ azure_subscription_id }}"
      management_cert_path: /etc/azure/management.pem
  block:
    - name: Ensure the cloud service exists
      azure_classic.servicemanagement.hosted_service:
        name: contoso-web
        label: Contoso web front end
        description: Public web site
        location: West US
        extended_properties:
          owner: web-team

- name: Create a cloud service in an affinity group
  azure_classic.servicemanagement.hosted_service:
    name: contoso-batch
    affinity_group: contoso-west

- name: Change only the description (the label and the properties stay as they are)
  azure_classic.servicemanagement.hosted_service:
    name: contoso-web
    description: Public web site (production)

- name: Delete a cloud service that has no deployments
  azure_classic.servicemanagement.hosted_service:
    name: contoso-batch
    state: absent

- name: Delete a cloud service together with its virtual machines and their disks
  azure_classic.servicemanagement.hosted_service:
    name: contoso-web
    state: absent
    delete_deployments: true
"""

RETURN = r"""
hosted_service:
  description:
    - The cloud service after the task; in check mode, what it would be.
    - Empty when O(state=absent).
  returned: always
  type: dict
  contains:
    name:
      description: Name of the service.
      returned: success
      type: str
      sample: contoso-web
    url:
      description: Management URL of the service; V(null) in check mode before it exists.
      returned: success
      type: str
      sample: https://management.core.windows.net/00000000-0000-0000-0000-000000000000/services/hostedservices/contoso-web
    label:
      description: Label of the service, decoded from the base64 the API uses.
      returned: success
      type: str
      sample: Contoso web front end
    description:
      description: Description of the service, V(null) when it has none.
      returned: success
      type: str
      sample: Public web site
    location:
      description: Location of the service, V(null) when it was created in an affinity group.
      returned: success
      type: str
      sample: West US
    affinity_group:
      description: Affinity group of the service, V(null) when it was created in a location.
      returned: success
      type: str
      sample: null
    status:
      description: Status of the service, for example V(Created).
      returned: success
      type: str
      sample: Created
    date_created:
      description: When the service was created (UTC, ISO 8601).
      returned: success
      type: str
      sample: "2015-07-02T16:45:20Z"
    date_last_modified:
      description: When the service was last changed (UTC, ISO 8601).
      returned: success
      type: str
      sample: "2015-07-02T16:45:20Z"
    extended_properties:
      description: Extended properties of the service, including the ones the service adds itself.
      returned: success
      type: dict
      sample: {"owner": "web-team"}
    deployments:
      description: The deployments of the service (production and staging slots).
      returned: success
      type: list
      elements: dict
      contains:
        name:
          description: Name of the deployment.
          returned: success
          type: str
          sample: contoso-web-vm
        deployment_slot:
          description: Slot of the deployment, V(Production) or V(Staging).
          returned: success
          type: str
          sample: Production
        status:
          description: Status of the deployment, for example V(Running).
          returned: success
          type: str
          sample: Running
        label:
          description: Label of the deployment, decoded.
          returned: success
          type: str
          sample: contoso-web-vm
        url:
          description: Public URL of the deployment.
          returned: success
          type: str
          sample: http://contoso-web.cloudapp.net/
request_id:
  description:
    - Request ID of the last operation the module sent; with O(wait=false), follow it with
      M(azure_classic.servicemanagement.operation_info).
  returned: when the module changed something, outside check mode
  type: str
  sample: 9a059fc190f3b98cb56edb99089d669c
"""

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import hosted_services
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
    extended_properties=dict(type="dict"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    delete_deployments=dict(type="bool", default=False),
)


def create(module, flow):
    params, client = module.params, module.client
    name = params["name"]
    if params["location"] is None and params["affinity_group"] is None:
        module.fail("Creating the hosted service %s needs location or affinity_group; neither is set." % name,
                    option="location")
    fields = dict(label=params["label"] or name, description=params["description"], location=params["location"],
                  affinity_group=params["affinity_group"], extended_properties=params["extended_properties"])
    flow.create(hosted_services.planned(name, **fields),
                lambda: hosted_services.create(client, name, wait=params["wait"], timeout=params["wait_timeout"],
                                               **fields))


def update(module, flow, current):
    params, client = module.params, module.client
    conflict = placement_conflict(hosted_services.KIND, current, params["location"], params["affinity_group"])
    if conflict:
        module.fail(conflict, option="location" if params["location"] is not None else "affinity_group")
    wanted = wanted_fields(label=params["label"], description=params["description"],
                           extended_properties=params["extended_properties"])
    changes = changed_fields(current, wanted)
    if not changes:
        flow.unchanged(current)
        return
    sent = changes_to_send(current, changes)
    flow.update(current, changes,
                lambda: hosted_services.update(client, current["name"], wait=params["wait"],
                                               timeout=params["wait_timeout"], **sent))


def delete(module, flow, current):
    params, client = module.params, module.client
    deployments = current.get("deployments") or []
    if deployments and not params["delete_deployments"]:
        names = ", ".join("%s (%s)" % (item["name"], item["deployment_slot"]) for item in deployments)
        module.fail("The hosted service %s still has deployments: %s. Set delete_deployments=true to delete them, "
                    "with their disks and VHD blobs, before the service." % (current["name"], names),
                    option="delete_deployments")
    flow.delete(current, lambda: hosted_services.delete(client, current["name"], delete_deployments=bool(deployments),
                                                        wait=params["wait"], timeout=params["wait_timeout"]))


def ensure(module):
    name = module.params["name"]
    flow = StateFlow(module, "hosted_service", lambda: hosted_services.get(module.client, name))
    current = flow.fetch()
    if module.params["state"] == "absent":
        if current is None:
            flow.unchanged(None)
        else:
            delete(module, flow, current)
    elif current is None:
        create(module, flow)
    else:
        update(module, flow, current)


def main():
    module = AsmModule(ARGUMENT_SPEC, wait=True, supports_check_mode=True,
                       mutually_exclusive=[("location", "affinity_group")])
    params = module.params
    errors = hosted_services.option_errors(name=params["name"], label=params["label"],
                                           description=params["description"],
                                           extended_properties=params["extended_properties"])
    module.fail_on_option_errors(errors)
    verb = "delete" if params["state"] == "absent" else "create or update"
    module.run(ensure, action="%s hosted service %s" % (verb, params["name"]))


if __name__ == "__main__":
    main()
