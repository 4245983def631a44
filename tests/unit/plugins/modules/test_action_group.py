# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""validate-modules does not check the action group against meta/runtime.yml; this does."""

from __future__ import annotations

import os

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
PREFIX = "azure_classic.servicemanagement."


def module_names():
    directory = os.path.join(ROOT, "plugins", "modules")
    return sorted(name[:-3] for name in os.listdir(directory) if name.endswith(".py") and not name.startswith("_"))


def test_the_group_lists_every_module_sorted():
    with open(os.path.join(ROOT, "meta", "runtime.yml")) as handle:
        group = yaml.safe_load(handle)["action_groups"]["all"]
    assert group == sorted(group)
    assert group == [PREFIX + name for name in module_names()]


def test_every_module_documents_the_group():
    for name in module_names():
        with open(os.path.join(ROOT, "plugins", "modules", name + ".py")) as handle:
            source = handle.read()
        documentation = yaml.safe_load(source.split('DOCUMENTATION = r"""', 1)[1].split('"""', 1)[0])
        fragments = documentation["extends_documentation_fragment"]
        assert any(fragment.startswith(PREFIX + "attributes") for fragment in fragments), name
        assert documentation["version_added"] == "0.1.0", name
        assert not documentation["short_description"].endswith("."), name
