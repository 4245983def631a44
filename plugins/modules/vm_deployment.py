#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vm_deployment
short_description: Create, update, power and delete Azure classic virtual machine deployments
version_added: 0.1.0
description:
  - Creates a virtual machine deployment (one persistent VM role) in an existing Azure classic hosted service
    (cloud service), from a platform or user OS image (O(image)) or from a captured VM image (O(vm_image)).
  - On an existing deployment, compares the role with the task and changes, with one Update Role request, its
    size (O(role_size)), its input endpoints (O(endpoints)) and its data disks (O(data_disks)). Options the task
    does not set are left as they are.
  - Options that only matter when the VM is created (the image, the disks' locations, the provisioning options
    such as O(admin_username)) are not changed on an existing VM. When the service reports a value for one of
    them that differs from the task, the module says so in a warning.
  - Starts, stops (optionally deallocating) and restarts the VM with O(state=started), O(state=stopped) and
    O(state=restarted); these states also create the VM when it does not exist.
  - Deletes the deployment, and with O(delete_disks=true) its disks and their VHD blobs, with O(state=absent).
  - If the slot of the hosted service already holds a deployment under another name, the module fails and says
    which deployment holds it, rather than passing on the service's conflict error.
author:
  - azure_classic.servicemanagement contributors (@azure-classic)
options:
  service_name:
    description:
      - Name of the hosted service (cloud service) that holds the deployment.
      - The hosted service must exist; create it with M(azure_classic.servicemanagement.hosted_service).
    type: str
    required: true
  name:
    description:
      - Name of the deployment.
      - When not set, the name of the hosted service is used, as the classic portal did.
    type: str
    aliases: [deployment_name]
  slot:
    description:
      - Deployment slot of a new deployment. Virtual machine deployments live in the V(production) slot.
      - When not set, V(production) is used.
      - The slot of an existing deployment cannot be changed; a differing value gives a warning.
    type: str
    choices: [production, staging]
  label:
    description:
      - Label of a new deployment. When not set, the deployment name is used.
      - Only used when the deployment is created.
    type: str
  role_name:
    description:
      - Name of the virtual machine role.
      - When not set, the only role of an existing deployment is managed, and a new deployment gets a role named
        after the deployment.
    type: str
  role_size:
    description:
      - Size of the virtual machine, for example V(Small), V(Medium) or V(Standard_D2).
      - The service checks the value; M(azure_classic.servicemanagement.role_size_info) lists the sizes
        a subscription offers.
      - A new VM gets V(Small) when not set. Changing the size of a running VM restarts it.
    type: str
  availability_set:
    description:
      - Name of the availability set of a new VM.
      - Only used when the VM is created.
    type: str
  virtual_network_name:
    description:
      - Name of the virtual network a new deployment joins.
      - Only used when the deployment is created.
    type: str
  subnet_names:
    description:
      - Subnets of O(virtual_network_name) a new VM is placed in.
      - Only used when the VM is created.
    type: list
    elements: str
  reserved_ip_name:
    description:
      - Name of a reserved IP address to give to a new deployment.
      - Only used when the deployment is created.
    type: str
  provision_guest_agent:
    description:
      - Whether the VM agent is installed in a new VM.
      - Only used when the VM is created.
    type: bool
  image:
    description:
      - Name of the OS image (platform or user image) a new VM is created from, as listed by
        M(azure_classic.servicemanagement.os_image_info).
      - Mutually exclusive with O(vm_image). One of them is required to create a VM.
      - Only used when the VM is created.
    type: str
  vm_image:
    description:
      - Name of the VM image (a captured VM with its disks, or a published VM image) a new VM is created from.
      - A generalized VM image is provisioned with O(admin_username) and the other provisioning options; a
        specialized one keeps its own accounts, and those options are then ignored with a warning.
      - Mutually exclusive with O(image) and O(os_disk).
      - Only used when the VM is created.
    type: str
  storage_account:
    description:
      - Storage account that holds the VHD blobs of a new VM when O(os_disk.media_link) or a data disk's
        O(data_disks[].media_link) is not set.
      - Blobs are named C(https://<account>.blob.core.windows.net/vhds/<service>-<role>-<timestamp>.vhd)
        (data disks add C(-lun<N>) before the timestamp).
      - With O(vm_image), the container C(https://<account>.blob.core.windows.net/vhds/) is sent as the media
        location, which published VM images need.
      - For data disks added to an existing VM, the storage account of its OS disk is used when this is not set.
    type: str
  os_disk:
    description:
      - The operating system disk of a new VM created from O(image).
      - Only used when the VM is created.
    type: dict
    suboptions:
      media_link:
        description:
          - URL of the VHD blob to create, in a storage account in the location of the hosted service.
          - When not set, it is derived from O(storage_account).
        type: str
      disk_name:
        description:
          - Name of the disk. When not set, the service names it.
        type: str
      disk_label:
        description:
          - Label of the disk.
        type: str
      host_caching:
        description:
          - Host caching of the disk. The service uses V(ReadWrite) when not set.
        type: str
        choices: [None, ReadOnly, ReadWrite]
  os_type:
    description:
      - Operating system of a new VM, which decides between Linux and Windows provisioning.
      - When not set, the OS of O(image) or O(vm_image) is used. A value that contradicts the image fails.
      - Only used when the VM is created.
    type: str
    choices: [linux, windows]
  admin_username:
    description:
      - Name of the administrator account of a new VM (the Linux user, or the Windows administrator).
      - Required to create a VM from an OS image or a generalized VM image.
      - Only used when the VM is created.
    type: str
  admin_password:
    description:
      - Password of O(admin_username).
      - Required for Windows; for Linux, required unless O(ssh_public_keys) is set.
      - Only used when the VM is created; it is never read back, so a change is not detected.
    type: str
  hostname:
    description:
      - Host name (Linux) or computer name (Windows, at most 15 characters) of a new VM.
      - When not set, the role name is used.
      - Only used when the VM is created.
    type: str
    aliases: [computer_name]
  disable_ssh_password_authentication:
    description:
      - Whether SSH password login is disabled on a new Linux VM.
      - When not set, password login is disabled unless O(admin_password) is set.
      - Only used when the VM is created.
    type: bool
  ssh_public_keys:
    description:
      - Public keys written to a new Linux VM. Each refers to a certificate already uploaded to the hosted service,
        by its thumbprint.
      - Only used when the VM is created.
    type: list
    elements: dict
    suboptions:
      fingerprint:
        description:
          - Thumbprint of the service certificate that holds the public key.
        type: str
        required: true
      path:
        description:
          - Path of the file in the VM the key is written to, for example C(/home/azureuser/.ssh/authorized_keys).
        type: str
        required: true
  ssh_key_pairs:
    description:
      - Key pairs written to a new Linux VM. Each refers to a certificate with its private key already uploaded to
        the hosted service, by its thumbprint.
      - Only used when the VM is created.
    type: list
    elements: dict
    suboptions:
      fingerprint:
        description:
          - Thumbprint of the service certificate that holds the key pair.
        type: str
        required: true
      path:
        description:
          - Path of the private key file in the VM, for example C(/home/azureuser/.ssh/id_rsa).
        type: str
        required: true
  time_zone:
    description:
      - Time zone of a new Windows VM, for example V(Pacific Standard Time).
      - Only used when the VM is created.
    type: str
  enable_automatic_updates:
    description:
      - Whether Windows Update runs automatically on a new Windows VM.
      - Only used when the VM is created.
    type: bool
  winrm_listeners:
    description:
      - WinRM listeners of a new Windows VM.
      - Only used when the VM is created.
    type: list
    elements: dict
    suboptions:
      protocol:
        description:
          - Protocol of the listener.
        type: str
        required: true
        choices: [http, https]
      certificate_thumbprint:
        description:
          - Thumbprint of the service certificate an V(https) listener presents. When not set, the service
            generates a self-signed certificate.
        type: str
  custom_data:
    description:
      - Data handed to a new VM (for example a cloud-init script), as text. The module encodes it in base64 for
        the service.
      - Only used when the VM is created.
    type: str
  endpoints:
    description:
      - Input endpoints of the VM. The list given is the list wanted; endpoints not listed are removed.
      - Endpoints are matched by name; fields of an endpoint that are not set keep their current values.
      - When not set, the endpoints are left as they are.
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - Name of the endpoint, for example V(SSH) or V(WinRM).
        type: str
        required: true
      protocol:
        description:
          - Transport protocol.
        type: str
        choices: [tcp, udp]
        default: tcp
      port:
        description:
          - Public port on the virtual IP of the deployment.
        type: int
        required: true
      local_port:
        description:
          - Port in the VM. When not set, the same as O(endpoints[].port).
        type: int
      load_balanced_endpoint_set_name:
        description:
          - Name of the load-balanced set the endpoint belongs to.
        type: str
      probe:
        description:
          - Load balancer probe of a load-balanced endpoint.
        type: dict
        suboptions:
          port:
            description:
              - Port probed in the VM.
            type: int
            required: true
          protocol:
            description:
              - Protocol of the probe.
            type: str
            choices: [tcp, http]
            default: tcp
          path:
            description:
              - Path requested by an V(http) probe.
            type: str
          interval:
            description:
              - Seconds between probes.
            type: int
          timeout:
            description:
              - Seconds without an answer after which the VM is taken out of the set.
            type: int
      idle_timeout_in_minutes:
        description:
          - Minutes an idle TCP connection is kept open.
        type: int
      enable_direct_server_return:
        description:
          - Whether direct server return is enabled.
        type: bool
  data_disks:
    description:
      - Data disks of the VM, by LUN.
      - A LUN that is not attached yet is added as a new empty disk (or as the VHD at O(data_disks[].media_link)).
      - LUNs attached to the VM but not listed are detached only with O(purge_data_disks=true).
      - An attached disk is not changed in place; differing fields give a warning.
      - When not set, the data disks are left as they are.
    type: list
    elements: dict
    suboptions:
      lun:
        description:
          - Logical unit number of the disk.
        type: int
        required: true
      size_gb:
        description:
          - Size of a new empty disk in GB.
        type: int
      media_link:
        description:
          - URL of the VHD blob of the disk. When not set, it is derived from O(storage_account).
        type: str
      disk_label:
        description:
          - Label of the disk.
        type: str
      host_caching:
        description:
          - Host caching of the disk.
        type: str
        choices: [None, ReadOnly, ReadWrite]
  purge_data_disks:
    description:
      - Whether data disks attached to the VM but not listed in O(data_disks) are detached.
      - Detached disks stay registered with their VHD blobs.
    type: bool
    default: false
  state:
    description:
      - V(present) makes sure the VM exists as described, whatever its power state.
      - V(started) also makes sure it runs; a running VM is not restarted.
      - V(stopped) also makes sure it is shut down, see O(post_shutdown_action).
      - V(restarted) restarts a running VM, or starts a stopped one.
      - V(absent) deletes the deployment, see O(delete_disks).
    type: str
    choices: [present, absent, started, stopped, restarted]
    default: present
  post_shutdown_action:
    description:
      - How O(state=stopped) leaves the VM.
      - V(StoppedDeallocated) releases its compute resources (and stops their billing); its virtual IP may change
        when it starts again. V(Stopped) keeps them.
      - When not set, a running VM is shut down with V(StoppedDeallocated), and a VM stopped either way is left
        as it is.
    type: str
    choices: [Stopped, StoppedDeallocated]
  delete_disks:
    description:
      - With O(state=absent), whether the OS and data disks of the deployment and their VHD blobs are deleted
        too. Without it the disks stay registered, and their blobs keep the storage account in use.
    type: bool
    default: false
  wait:
    description:
      - Whether to wait until the operations have finished and every role instance of the VM has reached the
        state asked for (V(ReadyRole), or stopped), or the deployment is gone.
      - With V(false) the module returns once the service has accepted the last request, and returns its
        RV(request_id); earlier requests of the same task are still waited for, since the service takes one
        operation at a time.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait when O(wait=true), for the whole task.
      - When the time is up the module fails, giving the status and power state of the role instances and the
        request ID of the last operation; the VM may still get there.
    type: int
    default: 1800
notes:
  - Requests refused because another operation holds exclusive access to the deployment (HTTP 409) are retried,
    so tasks on several VMs of one hosted service can run at the same time.
  - An operation that ends in failure is reported with the service's error code and message.
seealso:
  - module: azure_classic.servicemanagement.vm_deployment_info
  - module: azure_classic.servicemanagement.hosted_service
  - module: azure_classic.servicemanagement.storage_account
extends_documentation_fragment:
  - azure_classic.servicemanagement.auth
  - azure_classic.servicemanagement.attributes
"""

EXAMPLES = r"""
- name: Manage classic VMs with the connection set once for the collection
  module_defaults:
    group/azure_classic.servicemanagement.all:
      subscription_id: "{{ azure_subscription_id }}"
      management_cert_path: "{{ azure_cert_path }}"
  block:
    - name: Create a Linux VM with an SSH endpoint and a 100 GB data disk
      azure_classic.servicemanagement.vm_deployment:
        service_name: web01
        image: 5112500ae3b842c8b9c604889f8753c3__OpenLogic-CentOS-65-20140415
        storage_account: mystorage
        role_size: Small
        admin_username: azureuser
        admin_password: "{{ vm_password }}"
        endpoints:
          - name: SSH
            port: 22
        data_disks:
          - lun: 0
            size_gb: 100
            host_caching: ReadOnly

    - name: Grow it and open HTTP too (one Update Role request; the VM restarts for the size)
      azure_classic.servicemanagement.vm_deployment:
        service_name: web01
        role_size: Medium
        endpoints:
          - name: SSH
            port: 22
          - name: HTTP
            port: 80
            load_balanced_endpoint_set_name: web
            probe:
              port: 80
              protocol: http
              path: /health

- name: Create a Windows VM reachable over WinRM
  azure_classic.servicemanagement.vm_deployment:
    service_name: win01
    image: a699494373c04fc0bc8f2bb1389d6106__Windows-Server-2012-Datacenter-201505.01-en.us-127GB.vhd
    storage_account: mystorage
    os_type: windows
    hostname: win01
    admin_username: winadmin
    admin_password: "{{ windows_password }}"
    time_zone: Pacific Standard Time
    winrm_listeners:
      - protocol: http
    endpoints:
      - name: WinRM
        port: 5985
      - name: RDP
        port: 3389

- name: Create a VM from a captured VM image
  azure_classic.servicemanagement.vm_deployment:
    service_name: app02
    vm_image: app01-captured
    role_size: Small
    admin_username: azureuser
    admin_password: "{{ vm_password }}"

- name: Shut the VM down and release its compute resources
  azure_classic.servicemanagement.vm_deployment:
    service_name: web01
    state: stopped
    post_shutdown_action: StoppedDeallocated

- name: Start it again (nothing happens if it already runs)
  azure_classic.servicemanagement.vm_deployment:
    service_name: web01
    state: started

- name: Restart it
  azure_classic.servicemanagement.vm_deployment:
    service_name: web01
    state: restarted

- name: Delete the VM with its disks and VHD blobs
  azure_classic.servicemanagement.vm_deployment:
    service_name: web01
    state: absent
    delete_disks: true
"""

RETURN = r"""
deployment:
  description:
    - The deployment after the task, as the service reports it.
    - In check mode, the deployment as it would be; values only the service can know (IP addresses, private ID)
      are then V(null) for a new deployment.
    - An empty dictionary when the deployment is absent.
  returned: success
  type: dict
  sample:
    service_name: web01
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
        data_disks:
          - lun: 0
            size_gb: 100
            media_link: https://mystorage.blob.core.windows.net/vhds/web01-web01-lun0-20150702184831123.vhd
            disk_name: web01-web01-0-201507021848320012
            disk_label: null
            host_caching: ReadOnly
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
      returned: when the deployment exists
    name:
      description: Name of the deployment.
      type: str
      returned: when the deployment exists
    slot:
      description: Deployment slot, V(Production) or V(Staging).
      type: str
      returned: when the deployment exists
    status:
      description:
        - Status of the deployment, for example V(Running), V(Deploying) or V(Deleting).
        - A VM deployment reports V(Running) while its instances still boot; see RV(deployment.role_instances).
      type: str
      returned: when the deployment exists
    label:
      description: Label of the deployment, decoded.
      type: str
      returned: when the deployment exists
    url:
      description: URL of the deployment, C(http://<service>.cloudapp.net/).
      type: str
      returned: when the deployment exists
    private_id:
      description: Identifier the service gives the deployment.
      type: str
      returned: when the deployment exists
    created_time:
      description: When the deployment was created (ISO 8601, UTC).
      type: str
      returned: when the deployment exists
    last_modified_time:
      description: When the deployment was last changed (ISO 8601, UTC).
      type: str
      returned: when the deployment exists
    virtual_network_name:
      description: Virtual network of the deployment, if any.
      type: str
      returned: when the deployment exists
    reserved_ip_name:
      description: Reserved IP address of the deployment, if any.
      type: str
      returned: when the deployment exists
    virtual_ips:
      description: Public virtual IP addresses of the deployment.
      type: list
      elements: dict
      returned: when the deployment exists
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
      returned: when the deployment exists
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
      returned: when the deployment exists
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
          description: Input endpoints of the VM, in the shape of O(endpoints), plus the virtual IP.
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
request_id:
  description:
    - Request ID of the last operation the task submitted, to follow with
      M(azure_classic.servicemanagement.operation_info).
  returned: when O(wait=false) and a change was submitted
  type: str
  sample: 626799e58ee1b7c4a5e14f1530d4c594
"""

import datetime
from contextlib import contextmanager

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import deployments
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import os_images
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import vm_desired_state as desired
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import vm_images
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule

HOST_CACHING = ["None", "ReadOnly", "ReadWrite"]

SSH_KEY_SPEC = dict(
    fingerprint=dict(type="str", required=True),
    path=dict(type="str", required=True),
)

ENDPOINT_SPEC = dict(
    name=dict(type="str", required=True),
    protocol=dict(type="str", choices=["tcp", "udp"], default="tcp"),
    port=dict(type="int", required=True),
    local_port=dict(type="int"),
    load_balanced_endpoint_set_name=dict(type="str"),
    probe=dict(type="dict", options=dict(
        port=dict(type="int", required=True),
        protocol=dict(type="str", choices=["tcp", "http"], default="tcp"),
        path=dict(type="str"),
        interval=dict(type="int"),
        timeout=dict(type="int"),
    )),
    idle_timeout_in_minutes=dict(type="int"),
    enable_direct_server_return=dict(type="bool"),
)

DATA_DISK_SPEC = dict(
    lun=dict(type="int", required=True),
    size_gb=dict(type="int"),
    media_link=dict(type="str"),
    disk_label=dict(type="str"),
    host_caching=dict(type="str", choices=HOST_CACHING),
)

ARGUMENT_SPEC = dict(
    service_name=dict(type="str", required=True),
    name=dict(type="str", aliases=["deployment_name"]),
    slot=dict(type="str", choices=["production", "staging"]),
    label=dict(type="str"),
    role_name=dict(type="str"),
    role_size=dict(type="str"),
    availability_set=dict(type="str"),
    virtual_network_name=dict(type="str"),
    subnet_names=dict(type="list", elements="str"),
    reserved_ip_name=dict(type="str"),
    provision_guest_agent=dict(type="bool"),
    image=dict(type="str"),
    vm_image=dict(type="str"),
    storage_account=dict(type="str"),
    os_disk=dict(type="dict", options=dict(
        media_link=dict(type="str"),
        disk_name=dict(type="str"),
        disk_label=dict(type="str"),
        host_caching=dict(type="str", choices=HOST_CACHING),
    )),
    os_type=dict(type="str", choices=["linux", "windows"]),
    admin_username=dict(type="str"),
    admin_password=dict(type="str", no_log=True),
    hostname=dict(type="str", aliases=["computer_name"]),
    disable_ssh_password_authentication=dict(type="bool", no_log=False),
    ssh_public_keys=dict(type="list", elements="dict", no_log=False, options=SSH_KEY_SPEC),
    ssh_key_pairs=dict(type="list", elements="dict", no_log=False, options=SSH_KEY_SPEC),
    time_zone=dict(type="str"),
    enable_automatic_updates=dict(type="bool"),
    winrm_listeners=dict(type="list", elements="dict", options=dict(
        protocol=dict(type="str", required=True, choices=["http", "https"]),
        certificate_thumbprint=dict(type="str"),
    )),
    custom_data=dict(type="str"),
    endpoints=dict(type="list", elements="dict", options=ENDPOINT_SPEC),
    data_disks=dict(type="list", elements="dict", options=DATA_DISK_SPEC),
    purge_data_disks=dict(type="bool", default=False),
    state=dict(type="str", default="present", choices=["present", "absent", "started", "stopped", "restarted"]),
    post_shutdown_action=dict(type="str", choices=["Stopped", "StoppedDeallocated"]),
    delete_disks=dict(type="bool", default=False),
)

MUTUALLY_EXCLUSIVE = [("image", "vm_image"), ("vm_image", "os_disk")]


@contextmanager
def failing_as(module, action):
    """Report a client error as ``Failed to <action>: ...`` so the user knows which step failed."""
    try:
        yield
    except AsmError as error:
        module.fail_from_error(error, action=action)


class Deadline:
    """One ``wait_timeout`` for the whole task, shared by every wait in it."""

    def __init__(self, clock, seconds):
        self._clock = clock
        self._end = clock() + seconds

    def remaining(self):
        return max(0.0, self._end - self._clock())


def timestamp():
    """Millisecond UTC stamp for new VHD names: two VMs of one service never share a blob."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d%H%M%S%f")[:-3]


class VmDeployment:
    """One run of the module: read once, compare, apply, wait, read final (or synthesize it)."""

    def __init__(self, module):
        self.module = module
        self.params = module.params
        self.client = module.client
        self.names = desired.resolve_names(self.params)
        self.deadline = Deadline(self.client.clock, self.params["wait_timeout"])
        self.request_id = None

    # ------------------------------------------------------------ entry point

    def run(self):
        service = deployments.get_service_with_deployments(self.client, self.names["service_name"])
        if service is None:
            self.hosted_service_missing()
            return
        current = deployments.find_by_name(service["deployments"], self.names["name"])
        if self.params["state"] == "absent":
            self.ensure_absent(current)
        elif current is None:
            self.ensure_created(service)
        else:
            self.ensure_updated(current)

    def hosted_service_missing(self):
        if self.params["state"] == "absent":
            self.exit(False, {}, {})
        raise AsmError("The hosted service %s does not exist. Create it first, for example with "
                       "azure_classic.servicemanagement.hosted_service." % self.names["service_name"],
                       option="service_name")

    # ------------------------------------------------------------ absent

    def ensure_absent(self, current):
        if current is None:
            self.exit(False, {}, {})
        if not self.module.check_mode:
            with failing_as(self.module, "delete VM deployment %s" % self.describe_target()):
                result = deployments.delete_deployment(
                    self.client, self.names["service_name"], current["name"], delete_disks=self.params["delete_disks"],
                    wait=self.params["wait"], timeout=self.deadline.remaining())
            self.note_operation(result)
        self.exit(True, current, {})

    # ------------------------------------------------------------ create

    def ensure_created(self, service):
        self.refuse_occupied_slot(service)
        if not self.params.get("image") and not self.params.get("vm_image"):
            raise AsmError("The VM deployment %s does not exist; set image or vm_image to create it."
                           % self.describe_target(), option="image")
        source = self.source_image()
        os_type, warnings = desired.check_creation_options(self.params, source)
        for warning in warnings:
            self.module.warn(warning)
        role_name = desired.resolve_role_name(self.params, self.names["name"])
        spec = desired.creation_spec(self.params, self.names, role_name, source, os_type, timestamp())
        state, shutdown = self.params["state"], self.shutdown_action()
        after = desired.synthesize_created(spec, self.names["service_name"], "stopped" if state == "stopped" else "running",
                                           shutdown)
        if self.module.check_mode:
            self.exit(True, {}, after)
        steps = [("create VM deployment %s" % self.describe_target(), "running",
                  lambda wait, timeout: self.create(spec, wait, timeout))]
        if state == "stopped":
            steps.append(self.power_step("shutdown", role_name))
        final = self.apply(steps, role_name)
        self.exit(True, {}, final or after)

    def create(self, spec, wait, timeout):
        """Create the deployment; a slot taken since the read (another run won the race) is explained, not a raw 409."""
        try:
            return deployments.create_vm_deployment(self.client, self.names["service_name"], spec, wait=wait,
                                                    timeout=timeout)
        except AsmError as error:
            if error.status != 409:
                raise
            service = deployments.get_service_with_deployments(self.client, self.names["service_name"])
            if service is not None:
                self.refuse_occupied_slot(service)
            raise

    def refuse_occupied_slot(self, service):
        occupant = deployments.find_by_slot(service["deployments"], self.names["slot"])
        if occupant is not None and occupant["name"].lower() != self.names["name"].lower():
            raise AsmError(
                "The %s slot of hosted service %s is occupied by deployment %s, so deployment %s cannot be created "
                "there. Set name=%s to manage that deployment, or delete it first." % (
                    self.names["slot"], self.names["service_name"], occupant["name"], self.names["name"],
                    occupant["name"]), option="name")

    def source_image(self):
        if self.params.get("image"):
            image = os_images.get(self.client, self.params["image"])
            if image is None:
                raise AsmError("The OS image %s does not exist." % self.params["image"], option="image")
            return desired.source_facts(image=image)
        image = vm_images.get(self.client, self.params["vm_image"])
        if image is None:
            raise AsmError("The VM image %s does not exist." % self.params["vm_image"], option="vm_image")
        return desired.source_facts(vm_image=image)

    # ------------------------------------------------------------ update and power

    def ensure_updated(self, current):
        role_name = desired.resolve_role_name(self.params, self.names["name"], current)
        role = deployments.find_role(current, role_name)
        if role is None:
            raise AsmError("Deployment %s has no role %s; its roles are %s." % (
                self.describe_target(), role_name, ", ".join(r["role_name"] for r in current["roles"]) or "none"),
                option="role_name")
        for warning in desired.creation_only_warnings(self.params, self.names, current, role):
            self.module.warn(warning)
        role_spec, changes, disk_warnings = desired.plan_role_update(
            role, self.params, self.media_link_for_new_lun(role))
        for warning in disk_warnings:
            self.module.warn(warning)
        action = desired.power_action(self.params["state"], self.params.get("post_shutdown_action"),
                                      deployments.role_instances(current, role_name))
        if role_spec is None and action is None:
            self.exit(False, current, current)
        after = desired.synthesize_update(current, role_name, role_spec, self.power_after(action),
                                          self.shutdown_action())
        if self.module.check_mode:
            self.exit(True, current, after)
        steps = []
        if role_spec is not None:
            steps.append(("update role %s (%s) of VM deployment %s" % (role_name, ", ".join(changes), self.describe_target()),
                          "rest", lambda wait, timeout: deployments.update_role(
                              self.client, self.names["service_name"], current["name"], role_spec, wait=wait,
                              timeout=timeout)))
        if action is not None:
            steps.append(self.power_step(action, role_name, current["name"]))
        final = self.apply(steps, role_name, current["name"])
        self.exit(True, current, final or after)

    def media_link_for_new_lun(self, role):
        account = self.params.get("storage_account") or desired.storage_account_of((role.get("os_disk") or {}).get("media_link"))
        stamp = timestamp()

        def media_link(lun):
            if account is None:
                raise AsmError("Data disk LUN %s needs a VHD location: set its media_link or storage_account." % lun,
                               option="data_disks")
            return desired.derived_media_link(account, self.names["service_name"], role["role_name"], stamp, "lun%s" % lun)
        return media_link

    def shutdown_action(self):
        return desired.effective_shutdown_action(self.params.get("post_shutdown_action"))

    @staticmethod
    def power_after(action):
        return {"start": "running", "restart": "running", "shutdown": "stopped"}.get(action)

    def power_step(self, action, role_name, deployment_name=None):
        name = deployment_name or self.names["name"]
        service_name = self.names["service_name"]
        if action == "start":
            return ("start VM %s of deployment %s" % (role_name, self.describe_target()), "running",
                    lambda wait, timeout: deployments.start_role(self.client, service_name, name, role_name, wait, timeout))
        if action == "restart":
            return ("restart VM %s of deployment %s" % (role_name, self.describe_target()), "running",
                    lambda wait, timeout: deployments.restart_role(self.client, service_name, name, role_name, wait, timeout))
        shutdown = self.shutdown_action()
        return ("shut down VM %s of deployment %s" % (role_name, self.describe_target()), "stopped",
                lambda wait, timeout: deployments.shutdown_role(self.client, service_name, name, role_name, shutdown,
                                                                wait, timeout))

    # ------------------------------------------------------------ applying and waiting

    def apply(self, steps, role_name, deployment_name=None):
        """Run the steps in order; return the final deployment (``None`` if it could not be read).

        The service takes one operation at a time per deployment, so every step but the last is followed
        to its end even with ``wait: false``; with ``wait: true`` the last one is too, and then the role
        instances until they reach the step's target (running, stopped, or either).
        """
        name = deployment_name or self.names["name"]
        final = None
        for index, (action, target, call) in enumerate(steps):
            last = index == len(steps) - 1
            follow = self.params["wait"] or not last
            with failing_as(self.module, action):
                result = call(follow, self.deadline.remaining())
                self.note_operation(result)
                if follow:
                    final = deployments.wait_for_role_instances(
                        self.client, self.names["service_name"], name, role_name, self.instance_target(target),
                        self.deadline.remaining(), request_id=result.get("request_id"))
        if not self.params["wait"]:
            final = deployments.get_deployment(self.client, self.names["service_name"], name)
        return final

    def instance_target(self, target):
        if target == "running":
            return deployments.is_running
        if target == "stopped":
            shutdown = self.shutdown_action()
            return lambda instance: deployments.is_stopped(instance, shutdown)
        return deployments.is_at_rest

    def note_operation(self, result):
        self.request_id = (result or {}).get("request_id") or self.request_id

    # ------------------------------------------------------------ results

    def describe_target(self):
        return "%s in hosted service %s" % (self.names["name"], self.names["service_name"])

    def exit(self, changed, before, after):
        extra = {}
        if changed and not self.params["wait"] and self.request_id and not self.module.check_mode:
            extra["request_id"] = self.request_id
        self.module.exit_with_resource(changed, "deployment", after, before=before, after=after, **extra)


def main():
    module = AsmModule(ARGUMENT_SPEC, wait=True, wait_timeout=1800, supports_check_mode=True,
                       mutually_exclusive=MUTUALLY_EXCLUSIVE)
    module.run(lambda m: VmDeployment(m).run())


if __name__ == "__main__":
    main()
