# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.azure_classic.servicemanagement.plugins.modules import os_image
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import run_module
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import body_children
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import calls
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import not_found
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import os_image_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import succeeded

GET = ("GET", "services/images/img1")
LINK = "https://store1.blob.core.windows.net/vhds/img1.vhd"
EXISTING = os_image_xml("img1", label="Golden", media_link="http://store1.blob.core.windows.net/vhds/img1.vhd",
                        Description="first")
PUBLIC = os_image_xml("img1", category="Public", label="Ubuntu")


@pytest.fixture
def run(make_client):
    def run(args, answers, **kwargs):
        client, adapter = make_client(answers)
        result = run_module(os_image.main, dict(dict(name="img1"), **args), client=client, **kwargs)
        return result, calls(adapter), adapter
    return run


def writes(sent):
    return [call for call in sent if call[0] != "GET"]


def test_add(run):
    result, sent, adapter = run(dict(label="Golden", media_link=LINK, os="Linux", description="first"), [
        not_found(), (200, EXISTING), succeeded(), (200, EXISTING), succeeded(), (200, EXISTING)])
    assert result["changed"] is True and result["os_image"]["category"] == "User"
    assert writes(sent) == [("POST", "services/images"), ("PUT", "services/images/img1")]
    assert body_children(adapter.requests[1]) == [("Label", "Golden"), ("MediaLink", LINK), ("Name", "img1"),
                                                  ("OS", "Linux")]
    assert body_children(adapter.requests[3]) == [("Label", "Golden"), ("Description", "first")]


def test_second_run_is_one_get_even_when_the_service_answers_http_for_https(run):
    result, sent, _adapter = run(dict(label="Golden", media_link=LINK, os="Linux", description="first"),
                                 [(200, EXISTING)])
    assert (result["changed"], sent) == (False, [GET])


def test_add_needs_the_blob_and_the_os(run):
    result, sent, _adapter = run(dict(label="Golden"), [not_found()])
    assert result["failed"] is True and result["option"] == "media_link"
    assert "needs media_link and os" in result["msg"]
    assert sent == [GET]


def test_update_in_place(run):
    updated = os_image_xml("img1", label="Golden", Description="second")
    result, sent, adapter = run(dict(description="second", image_family="gold"), [
        (200, EXISTING), (200, ""), succeeded(), (200, updated)], diff=True)
    assert result["changed"] is True
    assert writes(sent) == [("PUT", "services/images/img1")]
    assert body_children(adapter.requests[1]) == [("Label", "Golden"), ("Description", "second"),
                                                  ("ImageFamily", "gold")]
    assert result["diff"]["before"]["description"] == "first"


def test_check_mode_update_sends_nothing(run):
    result, sent, _adapter = run(dict(label="Silver"), [(200, EXISTING)], check_mode=True)
    assert result["changed"] is True and result["os_image"]["label"] == "Silver" and sent == [GET]


@pytest.mark.parametrize("args, option", [
    (dict(media_link="https://store1.blob.core.windows.net/vhds/other.vhd"), "media_link"),
    (dict(os="Windows"), "os"),
])
def test_the_blob_and_the_os_cannot_change(run, args, option):
    result, sent, _adapter = run(args, [(200, EXISTING)])
    assert result["failed"] is True and result["option"] == option and "cannot change" in result["msg"]
    assert sent == [GET]


def test_platform_images_are_not_modified(run):
    result, sent, _adapter = run(dict(label="Mine"), [(200, PUBLIC)])
    assert result["failed"] is True and "platform image" in result["msg"] and sent == [GET]


def test_platform_images_are_not_deleted_even_in_check_mode(run):
    result, sent, _adapter = run(dict(state="absent"), [(200, PUBLIC)], check_mode=True)
    assert result["failed"] is True and "can be deleted" in result["msg"] and sent == [GET]


def test_a_platform_image_that_already_matches_is_fine(run):
    result, _sent, _adapter = run(dict(label="Ubuntu"), [(200, PUBLIC)])
    assert result["changed"] is False


def test_delete_with_the_vhd(run):
    result, sent, _adapter = run(dict(state="absent", delete_vhd=True), [(200, EXISTING), (200, ""), succeeded()])
    assert result["changed"] is True and writes(sent) == [("DELETE", "services/images/img1?comp=media")]


def test_absent_on_a_missing_image_is_unchanged(run):
    result, sent, _adapter = run(dict(state="absent"), [not_found()])
    assert (result["changed"], sent) == (False, [GET])


@pytest.mark.parametrize("args, option", [
    (dict(name="has space"), "name"),
    (dict(label="x" * 101), "label"),
    (dict(media_link="not-a-url"), "media_link"),
])
def test_bad_input_fails_before_any_request(run, args, option):
    result, sent, _adapter = run(dict(dict(media_link=LINK, os="Linux"), **args), [])
    assert result["failed"] is True and result["option"] == option and sent == []


def test_os_choices(run):
    result, _sent, _adapter = run(dict(media_link=LINK, os="BeOS"), [])
    assert result["failed"] is True and "os" in result["msg"]
