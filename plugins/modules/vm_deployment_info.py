#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vm_deployment_info
short_description: List Azure classic virtual machine deployments with their roles and instances
version_added: 0.1.0
description:
  - Returns virtual machine deployments with their roles (size, disks, endpoints) and role instances (status,
    power state, addresses), in the shape M(azure_classic.servicemanagement.vm_deployment) returns.
  - With O(service_name) and O(name), or O(service_name) and O(slot), returns that deployment.
  - With O(service_name) alone, returns the VM deployments of that hosted service.
  - Without options, returns every VM deployment of the subscription, read in one request.
  - Deployments of web and worker roles are not VM deployments and are left out.
author:
  - azure_classic.servicemanagement contributors (@azure-classic)
options:
  service_name:
    description:
      - Name of the hosted service (cloud service) whose deployments are returned.
      - A hosted service that does not exist gives an empty list.
    type: str
  name:
    description:
      - Name of the deployment to return. Requires O(service_name).
    type: str
    aliases: [deployment_name]
  slot:
    description:
      - Slot of the deployment to return. Requires O(service_name).
    type: str
    choices: [production, staging]
seealso:
  - module: azure_classic.servicemanagement.vm_deployment
extends_documentation_fragment:
  - azure_classic.servicemanagement.auth
  - azure_classic.servicemanagement.attributes.info_module
"""

EXAMPLES = r"""
- name: Every VM deployment of the subscription
  azure_classic.servicemanagement.vm_deployment_info:
  register: all_vms

- name: The deployment of one hosted service, by name
  azure_classic.servicemanagement.vm_deployment_info:
    service_name: web01
    name: web01
  register: web01

- name: Show its power state
  ansible.builtin.debug:
    msg: "{{ web01.deployments[0].role_instances[0].power_state }}"
  when: web01.deployments | length > 0

- name: Whatever runs in the production slot, with the connection from module_defaults
  module_defaults:
    group/azure_classic.servicemanagement.all:
      publish_settings: "{{ azure_publish_settings }}"
  azure_classic.servicemanagement.vm_deployment_info:
    service_name: web01
    slot: production
"""

RETURN = r"""
deployments:
  description:
    - The VM deployments found, each in the shape of RV(azure_classic.servicemanagement.vm_deployment#module:deployment).
    - An empty list when nothing matches.
  returned: always
  type: list
  elements: dict
  sample:
    - service_name: web01
      name: web01
      slot: Production
      status: Running
      label: web01
      url: http://web01.cloudapp.net/
      private_id: 44b08c02360f4c7083d2249a7bfc6524
      created_time: "2015-07-02T18:48:31Z"
      last_modified_time: "2015-07-02T18:51:27Z"
      virtual_network_name: null
      reserved_ip_name: null
      virtual_ips:
        - address: 23.99.52.70
          name: web01ContractContract
          is_dns_programmed: true
      role_instances:
        - role_name: web01
          instance_name: web01
          instance_status: ReadyRole
          instance_state_details: null
          instance_error_code: null
          power_state: Started
          ip_address: 100.115.58.18
          host_name: web01
          instance_size: Small
          instance_endpoints:
            - name: SSH
              vip: 23.99.52.70
              public_port: 22
              local_port: 22
              protocol: tcp
      roles:
        - role_name: web01
          role_type: PersistentVMRole
          role_size: Small
          availability_set_name: null
          vm_image_name: null
          provision_guest_agent: true
          subnet_names: []
          os_disk:
            os: Linux
            media_link: https://mystorage.blob.core.windows.net/vhds/web01-web01-20150702184831123.vhd
            disk_name: web01-web01-0-201507021848310089
            disk_label: null
            host_caching: ReadWrite
            source_image_name: 5112500ae3b842c8b9c604889f8753c3__OpenLogic-CentOS-65-20140415
          data_disks: []
          endpoints:
            - name: SSH
              protocol: tcp
              port: 22
              local_port: 22
              vip: 23.99.52.70
              load_balanced_endpoint_set_name: null
              probe: null
              idle_timeout_in_minutes: 4
              enable_direct_server_return: false
  contains:
    service_name:
      description: Name of the hosted service that holds the deployment.
      type: str
      returned: always
    name:
      description: Name of the deployment.
      type: str
      returned: always
    slot:
      description: Deployment slot, V(Production) or V(Staging).
      type: str
      returned: always
    status:
      description:
        - Status of the deployment, for example V(Running), V(Deploying) or V(Deleting).
        - A VM deployment reports V(Running) while its instances still boot; see RV(deployments[].role_instances).
      type: str
      returned: always
    label:
      description: Label of the deployment, decoded.
      type: str
      returned: always
    url:
      description: URL of the deployment, C(http://<service>.cloudapp.net/).
      type: str
      returned: always
    private_id:
      description: Identifier the service gives the deployment.
      type: str
      returned: always
    created_time:
      description: When the deployment was created (ISO 8601, UTC).
      type: str
      returned: always
    last_modified_time:
      description: When the deployment was last changed (ISO 8601, UTC).
      type: str
      returned: always
    virtual_network_name:
      description: Virtual network of the deployment, if any.
      type: str
      returned: always
    reserved_ip_name:
      description: Reserved IP address of the deployment, if any.
      type: str
      returned: always
    virtual_ips:
      description: Public virtual IP addresses of the deployment.
      type: list
      elements: dict
      returned: always
      contains:
        address:
          description: The IP address.
          type: str
        name:
          description: Name the service gives the virtual IP.
          type: str
        is_dns_programmed:
          description: Whether the C(cloudapp.net) name resolves to this address.
          type: bool
    role_instances:
      description: The running instances of the roles (one per VM).
      type: list
      elements: dict
      returned: always
      contains:
        role_name:
          description: Name of the role the instance belongs to.
          type: str
        instance_name:
          description: Name of the instance (the role name, for VMs).
          type: str
        instance_status:
          description:
            - Status of the instance, for example V(ReadyRole), V(RoleStateUnknown) while booting, V(StoppedVM)
              or V(StoppedDeallocated).
          type: str
        instance_state_details:
          description: Details the service gives about the status, if any.
          type: str
        instance_error_code:
          description: Error code of a failed instance, if any.
          type: str
        power_state:
          description: Power state, V(Starting), V(Started), V(Stopping), V(Stopped) or V(Unknown).
          type: str
        ip_address:
          description: Internal IP address of the instance.
          type: str
        host_name:
          description: Host name of the VM, once it has booted.
          type: str
        instance_size:
          description: Size of the instance.
          type: str
        instance_endpoints:
          description: Endpoints of the instance as reachable from outside.
          type: list
          elements: dict
          contains:
            name:
              description: Name of the endpoint.
              type: str
            vip:
              description: Virtual IP address the endpoint listens on.
              type: str
            public_port:
              description: Public port.
              type: int
            local_port:
              description: Port in the VM.
              type: int
            protocol:
              description: V(tcp) or V(udp).
              type: str
    roles:
      description: The roles (VMs) of the deployment and their configuration.
      type: list
      elements: dict
      returned: always
      contains:
        role_name:
          description: Name of the role.
          type: str
        role_type:
          description: Type of the role, V(PersistentVMRole) for a VM.
          type: str
        role_size:
          description: Size of the VM.
          type: str
        availability_set_name:
          description: Availability set of the VM, if any.
          type: str
        vm_image_name:
          description: VM image the VM was created from, when the service reports it.
          type: str
        provision_guest_agent:
          description: Whether the VM agent was provisioned, when the service reports it.
          type: bool
        subnet_names:
          description: Subnets the VM is placed in.
          type: list
          elements: str
        os_disk:
          description: The OS disk.
          type: dict
          contains:
            os:
              description: V(Linux) or V(Windows).
              type: str
            media_link:
              description: URL of the VHD blob.
              type: str
            disk_name:
              description: Name of the disk.
              type: str
            disk_label:
              description: Label of the disk.
              type: str
            host_caching:
              description: Host caching of the disk.
              type: str
            source_image_name:
              description: OS image the disk was created from.
              type: str
        data_disks:
          description: The data disks, by LUN.
          type: list
          elements: dict
          contains:
            lun:
              description: Logical unit number.
              type: int
            size_gb:
              description: Size in GB.
              type: int
            media_link:
              description: URL of the VHD blob.
              type: str
            disk_name:
              description: Name of the disk.
              type: str
            disk_label:
              description: Label of the disk.
              type: str
            host_caching:
              description: Host caching of the disk.
              type: str
        endpoints:
          description: Input endpoints of the VM, in the shape of O(azure_classic.servicemanagement.vm_deployment#module:endpoints), plus the virtual IP.
          type: list
          elements: dict
          contains:
            name:
              description: Name of the endpoint.
              type: str
            protocol:
              description: V(tcp) or V(udp).
              type: str
            port:
              description: Public port.
              type: int
            local_port:
              description: Port in the VM.
              type: int
            vip:
              description: Virtual IP address the endpoint listens on.
              type: str
            load_balanced_endpoint_set_name:
              description: Load-balanced set of the endpoint, if any.
              type: str
            probe:
              description: Load balancer probe, if any, with C(port), C(protocol), C(path), C(interval), C(timeout).
              type: dict
            idle_timeout_in_minutes:
              description: Idle timeout of TCP connections.
              type: int
            enable_direct_server_return:
              description: Whether direct server return is enabled.
              type: bool
"""

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import deployments
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule

ARGUMENT_SPEC = dict(
    service_name=dict(type="str"),
    name=dict(type="str", aliases=["deployment_name"]),
    slot=dict(type="str", choices=["production", "staging"]),
)


def find_deployments(client, params):
    """The VM deployments the options select; the fewest requests that answer the question."""
    service_name, name, slot = params["service_name"], params["name"], params["slot"]
    if service_name is None:
        return deployments.list_vm_deployments(client)
    if name is not None:
        found = [deployments.get_deployment(client, service_name, name)]
    elif slot is not None:
        found = [deployments.get_deployment_by_slot(client, service_name, slot)]
    else:
        service = deployments.get_service_with_deployments(client, service_name)
        found = service["deployments"] if service else []
    return [deployment for deployment in found if deployment is not None and deployments.is_vm_deployment(deployment)]


def main():
    module = AsmModule(ARGUMENT_SPEC, supports_check_mode=True, mutually_exclusive=[("name", "slot")],
                       required_by=dict(name="service_name", slot="service_name"))

    def run(module):
        module.exit_json(changed=False, deployments=find_deployments(module.client, module.params))
    module.run(run, action="list VM deployments")


if __name__ == "__main__":
    main()
