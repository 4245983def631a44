"""Rebuild asm_emulator/data/*.xml from the recorded real ASM traffic.

Usage: python scripts/extract_catalogue.py /path/to/shared/asm-recordings/azure-sdk-python

Each output file is the response body of one recorded interaction, unchanged except that items
belonging to the recording subscription (Category ``User``) are removed from the image lists:
the emulator serves those per subscription from its own state. See data/NOTICE.md.
"""
from __future__ import annotations

import os
import re
import sys

import yaml

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "asm_emulator", "data")

# output file -> (cassette, interaction index, list item element or None)
SOURCES = {
    "locations.xml": ("test_legacy_mgmt_affinitygroup.test_list_locations.yaml", 0, None),
    "role_sizes.xml": ("test_legacy_mgmt_misc.test_list_role_sizes.yaml", 0, None),
    "operating_systems.xml": ("test_legacy_mgmt_misc.test_list_operating_systems.yaml", 0, None),
    "os_images.xml": ("test_legacy_mgmt_misc.test_list_os_images_public.yaml", 0, "OSImage"),
    "vm_images.xml": ("test_legacy_mgmt_misc.test_list_vm_images.yaml", 0, "VMImage"),
}


class _Loader(yaml.SafeLoader):  # pylint: disable=too-many-ancestors
    """SafeLoader that also reads the python/unicode tag of the 2016 cassette."""


_Loader.add_constructor("tag:yaml.org,2002:python/unicode", lambda loader, node: loader.construct_scalar(node))


def response_body(folder, cassette, index):
    with open(os.path.join(folder, cassette), encoding="utf-8") as handle:
        interactions = yaml.load(handle, Loader=_Loader)["interactions"]  # nosec - SafeLoader subclass
    body = interactions[index]["response"]["body"]["string"]
    return body.decode("utf-8") if isinstance(body, bytes) else body


def without_user_items(body, item):
    pattern = re.compile(r"<%s>.*?</%s>" % (item, item), re.S)
    return pattern.sub(lambda m: "" if "<Category>User</Category>" in m.group(0) else m.group(0), body)


def ascii_only(body):
    """Write non-ASCII characters (a few typographic quotes in image descriptions) as XML character
    references, so the data files are plain ASCII; catalogue.py turns them back into the recorded bytes."""
    return "".join(ch if ord(ch) < 128 else "&#%d;" % ord(ch) for ch in body)


def main(argv):
    folder = argv[1]
    for name, (cassette, index, item) in sorted(SOURCES.items()):
        body = response_body(folder, cassette, index)
        if item:
            body = without_user_items(body, item)
        body = ascii_only(body)
        with open(os.path.join(DATA, name), "w", encoding="utf-8", newline="") as handle:
            handle.write(body)
        print("%s: %d bytes from %s #%d" % (name, len(body), cassette, index))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
