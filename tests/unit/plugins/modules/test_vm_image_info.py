# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.azure_classic.servicemanagement.plugins.modules import vm_image_capture
from ansible_collections.azure_classic.servicemanagement.plugins.modules import vm_image_info
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import run_module
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import calls
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.vm_image_bodies import platform_image
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.vm_image_bodies import user_image
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.vm_image_bodies import vm_images_body

LISTING = (200, vm_images_body(platform_image(), user_image("golden"), user_image("base", os_state="Generalized")))


@pytest.fixture
def run(make_client):
    def run(args, answers, **kwargs):
        client, adapter = make_client(answers)
        result = run_module(vm_image_info.main, args, client=client, **kwargs)
        return result, calls(adapter)
    return run


def names(result):
    return [image["name"] for image in result["vm_images"]]


def test_lists_everything_in_one_request(run):
    result, sent = run({}, [LISTING])
    assert result["changed"] is False and len(names(result)) == 3
    assert sent == [("GET", "services/vmimages")]


def test_service_filters_go_to_the_service(run):
    _result, sent = run(dict(location="West US", publisher="Microsoft", category="Public"), [LISTING])
    assert sent == [("GET", "services/vmimages?location=West%20US&publisher=Microsoft&category=Public")]


@pytest.mark.parametrize("args, expected", [
    (dict(os="Linux"), ["golden", "base"]),
    (dict(os="Windows"), ["d4a65b493c36471ba82b42d53fbd8063__Site-Recovery-201503.08"]),
    (dict(os_state="Specialized"), ["golden"]),
    (dict(os="Linux", os_state="Generalized"), ["base"]),
    (dict(name="GOLDEN"), ["golden"]),
    (dict(name="golden", os_state="Generalized"), []),
    (dict(name="missing"), []),
])
def test_local_filters_and_name(run, args, expected):
    result, sent = run(args, [LISTING])
    assert names(result) == expected and len(sent) == 1


def test_check_mode_reads_just_the_same(run):
    result, sent = run(dict(name="golden"), [LISTING], check_mode=True)
    assert names(result) == ["golden"] and sent == [("GET", "services/vmimages")]


def test_same_shape_as_the_capture_module(make_client):
    client, _adapter = make_client([LISTING])
    listed = run_module(vm_image_info.main, dict(name="golden"), client=client)["vm_images"][0]
    client, _adapter = make_client([LISTING])
    ensured = run_module(vm_image_capture.main, dict(name="golden"), client=client)["vm_image"]
    assert listed == ensured


def test_os_choices(run):
    result, sent = run(dict(os="BeOS"), [])
    assert result["failed"] is True and sent == []
