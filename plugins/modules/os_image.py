#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: os_image
short_description: Add, update and delete Azure classic user OS images
version_added: 0.1.0
description:
  - Adds an OS image to the subscription's image repository from a generalized VHD blob in one of its
    storage accounts, updates the image's label and catalogue fields in place, or deletes it (and,
    on request, its VHD blob).
  - The module reads the image with one request, compares it with the options the task sets, and
    sends a request only when something differs. Options the task does not set are left as they are.
  - The blob (O(media_link)) and the operating system (O(os)) of an image are fixed when it is added.
    A task that asks for different ones fails and says so; nothing is changed.
  - Platform images (any category other than V(User), such as the V(Public) marketplace images) are
    never modified or deleted; a task that would do so fails.
  - Adding an image sends its name, label, blob and OS; when the task also sets catalogue fields
    (O(description), O(image_family) and the others), they follow in one update once the add has
    finished, so the add is waited for even with O(wait=false).
author:
  - azure_classic.servicemanagement maintainers (@azure-classic)
options:
  name:
    description:
      - Name of the image in the subscription's image repository.
      - Use letters, digits, periods, hyphens and underscores, starting with a letter or a digit.
    type: str
    required: true
  label:
    description:
      - Display label of the image, up to 100 characters.
      - When the image is added and O(label) is not set, the label is O(name).
    type: str
  media_link:
    description:
      - URL of the VHD blob the image is made of, in a storage account of the subscription, for
        example V(https://contosovhds.blob.core.windows.net/vhds/centos-golden.vhd).
      - Required to add the image. It cannot change afterwards.
    type: str
  os:
    description:
      - Operating system of the VHD.
      - Required to add the image. It cannot change afterwards.
    type: str
    choices: [Linux, Windows]
  description:
    description:
      - Description of the image, up to 1024 characters.
    type: str
  eula:
    description:
      - End-user license agreement of the image (text or URL).
    type: str
  image_family:
    description:
      - Family the image belongs to, used to group versions of the same image.
    type: str
  language:
    description:
      - Language of the operating system in the image.
    type: str
  privacy_uri:
    description:
      - URL of the privacy statement of the image.
    type: str
  icon_uri:
    description:
      - URL of the icon of the image.
    type: str
  small_icon_uri:
    description:
      - URL of the small icon of the image.
    type: str
  recommended_vm_size:
    description:
      - Role size recommended for virtual machines made from the image, for example V(Small). See
        M(azure_classic.servicemanagement.role_size_info).
    type: str
  show_in_gui:
    description:
      - Whether the portal shows the image in its gallery.
    type: bool
  published_date:
    description:
      - Date the image was published, as V(YYYY-MM-DD) or an ISO 8601 date and time.
    type: str
  state:
    description:
      - V(present) adds the image or updates it in place.
      - V(absent) deletes it from the repository.
    type: str
    choices: [present, absent]
    default: present
  delete_vhd:
    description:
      - With O(state=absent), also delete the VHD blob the image is made of.
      - Without it, the blob stays in the storage account.
    type: bool
    default: false
extends_documentation_fragment:
  - azure_classic.servicemanagement.auth
  - azure_classic.servicemanagement.wait
  - azure_classic.servicemanagement.attributes
seealso:
  - module: azure_classic.servicemanagement.os_image_info
  - module: azure_classic.servicemanagement.storage_account
"""

EXAMPLES = r"""
- name: Manage images with the connection set once for the collection
  module_defaults:
    group/azure_classic.servicemanagement.all:
      subscription_id: "{{ azure_subscription_id }}"
      management_cert_path: /etc/azure/management.pem
  block:
    - name: Add a CentOS image from an uploaded, generalized VHD
      azure_classic.servicemanagement.os_image:
        name: centos-golden
        label: CentOS golden image
        media_link: https://contosovhds.blob.core.windows.net/vhds/centos-golden.vhd
        os: Linux
        image_family: CentOS
        recommended_vm_size: Small

- name: Update the description only
  azure_classic.servicemanagement.os_image:
    name: centos-golden
    description: CentOS 7 with the company baseline

- name: Delete the image but keep its VHD
  azure_classic.servicemanagement.os_image:
    name: centos-golden
    state: absent

- name: Delete the image and its VHD blob
  azure_classic.servicemanagement.os_image:
    name: centos-golden
    state: absent
    delete_vhd: true
"""

RETURN = r"""
os_image:
  description:
    - The OS image after the task; in check mode, what it would be.
    - Empty when O(state=absent).
  returned: always
  type: dict
  contains:
    name:
      description: Name of the image.
      returned: success
      type: str
      sample: centos-golden
    label:
      description: Label of the image.
      returned: success
      type: str
      sample: CentOS golden image
    category:
      description: Category of the image; V(User) for the subscription's own images, V(Public) for platform images.
      returned: success
      type: str
      sample: User
    os:
      description: Operating system of the image, V(Linux) or V(Windows).
      returned: success
      type: str
      sample: Linux
    media_link:
      description: URL of the VHD blob of a user image; V(null) for platform images.
      returned: success
      type: str
      sample: https://contosovhds.blob.core.windows.net/vhds/centos-golden.vhd
    location:
      description:
        - Location of the image; for platform images, the locations it is offered in, separated by semicolons.
        - V(null) in check mode before the image exists (the service derives it from the storage account).
      returned: success
      type: str
      sample: West US
    affinity_group:
      description: Affinity group of the image's storage account, V(null) when there is none.
      returned: success
      type: str
      sample: null
    logical_size_in_gb:
      description: Size of the VHD in GB, as the service measured it.
      returned: success
      type: int
      sample: 30
    os_state:
      description: Whether the VHD is V(Generalized) or V(Specialized).
      returned: success
      type: str
      sample: Generalized
    description:
      description: Description of the image.
      returned: success
      type: str
      sample: CentOS 7 with the company baseline
    eula:
      description: End-user license agreement of the image.
      returned: success
      type: str
      sample: https://contoso.example/eula
    image_family:
      description: Family of the image.
      returned: success
      type: str
      sample: CentOS
    language:
      description: Language of the image.
      returned: success
      type: str
      sample: en-us
    publisher_name:
      description: Publisher of a platform image.
      returned: success
      type: str
      sample: OpenLogic
    published_date:
      description: Date the image was published.
      returned: success
      type: str
      sample: "2015-06-16T00:00:00Z"
    privacy_uri:
      description: URL of the privacy statement.
      returned: success
      type: str
      sample: https://contoso.example/privacy
    icon_uri:
      description: URL of the icon.
      returned: success
      type: str
      sample: https://contoso.example/icon.png
    small_icon_uri:
      description: URL of the small icon.
      returned: success
      type: str
      sample: https://contoso.example/small-icon.png
    recommended_vm_size:
      description: Role size recommended for the image.
      returned: success
      type: str
      sample: Small
    show_in_gui:
      description: Whether the portal shows the image.
      returned: success
      type: bool
      sample: true
    is_premium:
      description: Whether the image carries a premium charge.
      returned: success
      type: bool
      sample: false
    pricing_detail_link:
      description: URL of the pricing details of a premium image.
      returned: success
      type: str
      sample: null
    io_type:
      description: Storage type of the image's disk, for example V(Standard) or V(Standard_LRS).
      returned: success
      type: str
      sample: Standard
request_id:
  description:
    - Request ID of the operation the module sent; with O(wait=false), follow it with
      M(azure_classic.servicemanagement.operation_info).
  returned: when the module changed something, outside check mode
  type: str
  sample: 9a059fc190f3b98cb56edb99089d669c
"""

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import os_images
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import changed_fields
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import wanted_fields
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.state_flow import StateFlow

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    label=dict(type="str"),
    media_link=dict(type="str"),
    os=dict(type="str", choices=list(os_images.OS_TYPES)),
    description=dict(type="str"),
    eula=dict(type="str"),
    image_family=dict(type="str"),
    language=dict(type="str"),
    privacy_uri=dict(type="str"),
    icon_uri=dict(type="str"),
    small_icon_uri=dict(type="str"),
    recommended_vm_size=dict(type="str"),
    show_in_gui=dict(type="bool"),
    published_date=dict(type="str"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    delete_vhd=dict(type="bool", default=False),
)

CATALOGUE_OPTIONS = tuple(field for field in os_images.MUTABLE_FIELDS if field != "label")


def catalogue_fields(params):
    return wanted_fields(**dict((field, params[field]) for field in CATALOGUE_OPTIONS))


def create(module, flow):
    params, client = module.params, module.client
    name = params["name"]
    missing = [option for option in os_images.CREATION_ONLY_FIELDS if params[option] is None]
    if missing:
        module.fail("Adding the OS image %s needs %s." % (name, " and ".join(missing)), option=missing[0])
    label = params["label"] or name
    catalogue = catalogue_fields(params)
    flow.create(os_images.planned(name, label, params["media_link"], params["os"], **catalogue),
                lambda: os_images.create(client, name, label, params["media_link"], params["os"],
                                         wait=params["wait"], timeout=params["wait_timeout"], **catalogue))


def update(module, flow, current):
    params, client = module.params, module.client
    conflict = os_images.creation_only_conflict(current, media_link=params["media_link"], os=params["os"])
    if conflict:
        module.fail(conflict, option="media_link" if params["media_link"] is not None else "os")
    wanted = catalogue_fields(params)
    if params["label"] is not None:
        wanted["label"] = params["label"]
    changes = changed_fields(current, wanted, equal=os_images.FIELD_EQUALITY)
    if not changes:
        flow.unchanged(current)
        return
    os_images.refuse_platform_image(current, "modified")
    flow.update(current, changes,
                lambda: os_images.update(client, current, changes, wait=params["wait"], timeout=params["wait_timeout"]))


def delete(module, flow, current):
    params, client = module.params, module.client
    os_images.refuse_platform_image(current, "deleted")
    flow.delete(current, lambda: os_images.delete(client, current, delete_vhd=params["delete_vhd"],
                                                  wait=params["wait"], timeout=params["wait_timeout"]))


def ensure(module):
    name = module.params["name"]
    flow = StateFlow(module, "os_image", lambda: os_images.get(module.client, name))
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
    module = AsmModule(ARGUMENT_SPEC, wait=True, supports_check_mode=True)
    params = module.params
    errors = os_images.option_errors(name=params["name"], label=params["label"], description=params["description"],
                                     media_link=params["media_link"])
    module.fail_on_option_errors(errors)
    verb = "delete" if params["state"] == "absent" else "add or update"
    module.run(ensure, action="%s OS image %s" % (verb, params["name"]))


if __name__ == "__main__":
    main()
