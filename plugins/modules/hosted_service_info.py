#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: hosted_service_info
short_description: List Azure classic cloud (hosted) services, optionally with their deployments
version_added: 0.1.0
description:
  - Returns every cloud service of the subscription, or the one named O(name).
  - With O(embed_detail=true) the deployments of the services come in the same single request,
    however many services there are.
  - The result has the same shape as the one of M(azure_classic.servicemanagement.hosted_service).
author:
  - azure_classic.servicemanagement maintainers (@azure-classic)
options:
  name:
    description:
      - Name of one cloud service to return. Without it, every service of the subscription is returned.
      - A service that does not exist gives an empty list.
    type: str
  embed_detail:
    description:
      - Whether to return the deployments of each service in RV(hosted_services[].deployments).
      - They are fetched in the same request as the services, never with one request per service.
    type: bool
    default: false
extends_documentation_fragment:
  - azure_classic.servicemanagement.auth
  - azure_classic.servicemanagement.attributes.info_module
seealso:
  - module: azure_classic.servicemanagement.hosted_service
"""

EXAMPLES = r"""
- name: List every cloud service with its deployments
  azure_classic.servicemanagement.hosted_service_info:
    embed_detail: true
  register: services

- name: Show the services that have a production deployment
  ansible.builtin.debug:
    msg: "{{ services.hosted_services | selectattr('deployments', 'ansible.builtin.truthy') | map(attribute='name') }}"

- name: Read one service, with the connection set once for the collection
  module_defaults:
    group/azure_classic.servicemanagement.all:
      subscription_id: "{{ azure_subscription_id }}"
      management_cert_path: /etc/azure/management.pem
  block:
    - name: Read contoso-web
      azure_classic.servicemanagement.hosted_service_info:
        name: contoso-web
      register: one
"""

RETURN = r"""
hosted_services:
  description: The cloud services, in the shape M(azure_classic.servicemanagement.hosted_service) returns.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Name of the service.
      returned: success
      type: str
      sample: contoso-web
    url:
      description: Management URL of the service.
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
      returned: when O(embed_detail=true)
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
"""

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import hosted_services
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    embed_detail=dict(type="bool", default=False),
)


def read(module):
    name, embed_detail = module.params["name"], module.params["embed_detail"]
    if name is None:
        services = hosted_services.list_all(module.client, embed_detail=embed_detail)
    else:
        service = hosted_services.get(module.client, name, embed_detail=embed_detail)
        services = [service] if service is not None else []
    module.exit_json(changed=False, hosted_services=services)


def main():
    module = AsmModule(ARGUMENT_SPEC, supports_check_mode=True)
    module.run(read, action="list hosted services")


if __name__ == "__main__":
    main()
