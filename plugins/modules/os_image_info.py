#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: os_image_info
short_description: List Azure classic OS images, with filters
version_added: 0.1.0
description:
  - Returns the OS images visible to the subscription (the platform images and its own user images),
    or the one named O(name).
  - The filters are applied to the result of one list request; every filter that is set must match.
  - The result has the same shape as the one of M(azure_classic.servicemanagement.os_image).
author:
  - azure_classic.servicemanagement maintainers (@azure-classic)
options:
  name:
    description:
      - Name of one image to return. An image that does not exist gives an empty list.
    type: str
  os:
    description:
      - Only images of this operating system.
    type: str
    choices: [Linux, Windows]
  category:
    description:
      - Only images of this category, for example V(User) for the subscription's own images or
        V(Public) for platform images. Case does not matter.
    type: str
  publisher:
    description:
      - Only images of this publisher (RV(os_images[].publisher_name)), for example V(OpenLogic). Case does not matter.
    type: str
  image_family:
    description:
      - Only images of this family, for example V(Ubuntu Server 14.04 LTS). Case does not matter.
    type: str
  location:
    description:
      - Only images available in this location, for example V(West US). Case does not matter.
    type: str
  label_regex:
    description:
      - Only images whose label matches this Python regular expression (searched anywhere in the label).
    type: str
extends_documentation_fragment:
  - azure_classic.servicemanagement.auth
  - azure_classic.servicemanagement.attributes.info_module
seealso:
  - module: azure_classic.servicemanagement.os_image
"""

EXAMPLES = r"""
- name: Find the Ubuntu 14.04 images offered in West US
  azure_classic.servicemanagement.os_image_info:
    os: Linux
    location: West US
    label_regex: '^Ubuntu Server 14\.04'
  register: ubuntu

- name: Pick the most recently published one
  ansible.builtin.set_fact:
    ubuntu_image: "{{ (ubuntu.os_images | sort(attribute='published_date') | last).name }}"

- name: List the subscription's own images, with the connection set once for the collection
  module_defaults:
    group/azure_classic.servicemanagement.all:
      subscription_id: "{{ azure_subscription_id }}"
      management_cert_path: /etc/azure/management.pem
  block:
    - name: List user images
      azure_classic.servicemanagement.os_image_info:
        category: User
      register: mine
"""

RETURN = r"""
os_images:
  description: The OS images, in the shape M(azure_classic.servicemanagement.os_image) returns.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Name of the image.
      returned: success
      type: str
      sample: b39f27a8b8c64d52b05eac6a62ebad85__Ubuntu-14_04_2-LTS-amd64-server-20150610-en-us-30GB
    label:
      description: Label of the image.
      returned: success
      type: str
      sample: Ubuntu Server 14.04.2 LTS
    category:
      description: Category of the image; V(User) for the subscription's own images, V(Public) for platform images.
      returned: success
      type: str
      sample: Public
    os:
      description: Operating system of the image, V(Linux) or V(Windows).
      returned: success
      type: str
      sample: Linux
    media_link:
      description: URL of the VHD blob of a user image; V(null) for platform images.
      returned: success
      type: str
      sample: null
    location:
      description: Location of the image; for platform images, the locations it is offered in, separated by semicolons.
      returned: success
      type: str
      sample: East Asia;Southeast Asia;North Europe;West Europe;East US;West US
    affinity_group:
      description: Affinity group of the image's storage account, V(null) when there is none.
      returned: success
      type: str
      sample: null
    logical_size_in_gb:
      description: Size of the VHD in GB.
      returned: success
      type: int
      sample: 30
    os_state:
      description: Whether the VHD of a user image is V(Generalized) or V(Specialized).
      returned: success
      type: str
      sample: null
    description:
      description: Description of the image.
      returned: success
      type: str
      sample: Ubuntu Server 14.04.2 LTS (amd64 20150610) for Microsoft Azure.
    eula:
      description: End-user license agreement of the image.
      returned: success
      type: str
      sample: http://www.ubuntu.com/project/about-ubuntu/licensing
    image_family:
      description: Family of the image.
      returned: success
      type: str
      sample: Ubuntu Server 14.04 LTS
    language:
      description: Language of the image.
      returned: success
      type: str
      sample: null
    publisher_name:
      description: Publisher of a platform image.
      returned: success
      type: str
      sample: Canonical
    published_date:
      description: Date the image was published.
      returned: success
      type: str
      sample: "2015-06-10T00:00:00Z"
    privacy_uri:
      description: URL of the privacy statement.
      returned: success
      type: str
      sample: http://www.ubuntu.com/aboutus/privacypolicy
    icon_uri:
      description: URL of the icon.
      returned: success
      type: str
      sample: Ubuntu-cof-100.png
    small_icon_uri:
      description: URL of the small icon.
      returned: success
      type: str
      sample: Ubuntu-cof-45.png
    recommended_vm_size:
      description: Role size recommended for the image.
      returned: success
      type: str
      sample: null
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
      sample: Standard_LRS
"""

import re

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import os_images
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    os=dict(type="str", choices=list(os_images.OS_TYPES)),
    category=dict(type="str"),
    publisher=dict(type="str"),
    image_family=dict(type="str"),
    location=dict(type="str"),
    label_regex=dict(type="str"),
)


def compile_label_regex(module):
    pattern = module.params["label_regex"]
    if pattern is None:
        return None
    try:
        return re.compile(pattern)
    except re.error as error:
        module.fail("label_regex %r is not a valid regular expression: %s." % (pattern, error), option="label_regex")


def read(module, label_pattern):
    params, client = module.params, module.client
    if params["name"] is None:
        images = os_images.list_all(client)
    else:
        image = os_images.get(client, params["name"])
        images = [image] if image is not None else []
    selected = [image for image in images if os_images.matches(
        image, os=params["os"], category=params["category"], publisher=params["publisher"],
        image_family=params["image_family"], location=params["location"], label_pattern=label_pattern)]
    module.exit_json(changed=False, os_images=selected)


def main():
    module = AsmModule(ARGUMENT_SPEC, supports_check_mode=True)
    label_pattern = compile_label_regex(module)
    module.run(lambda m: read(m, label_pattern), action="list OS images")


if __name__ == "__main__":
    main()
