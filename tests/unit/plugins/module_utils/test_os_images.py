# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import re

import pytest

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import os_images
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import fixture_bytes
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import body_children
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import body_root
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import calls
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import os_image_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import os_images_xml
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.resource_bodies import succeeded

PUBLIC = os_images.curate(dict(
    name="b39f__Ubuntu-14_04", label="Ubuntu Server 14.04 LTS", category="Public", os="Linux",
    location="East Asia;West US", publisher_name="Canonical", image_family="Ubuntu Server 14.04 LTS"))


def test_get_reads_the_recorded_added_image(make_client):
    client, adapter = make_client([(200, fixture_bytes("os_image_added.xml"))])
    image = os_images.get(client, "utosimg3efb0fcd")
    assert calls(adapter) == [("GET", "services/images/utosimg3efb0fcd")]
    assert (image["name"], image["label"], image["category"], image["os"], image["location"], image["logical_size_in_gb"],
            image["os_state"], image["is_premium"], image["description"]) == \
        ("utosimg3efb0fcd", "utcentosimg", "User", "Linux", "West US", 30, "Generalized", False, None)
    assert image["media_link"] == "http://storagename.blob.core.windows.net/inputtestdatadonotdelete/ubuntu.vhd"


def test_list_all_is_one_request(make_client):
    client, adapter = make_client([(200, os_images_xml([os_image_xml("a", root=False),
                                                       os_image_xml("b", category="Public", root=False)]))])
    assert [(item["name"], item["category"]) for item in os_images.list_all(client)] == [("a", "User"), ("b", "Public")]
    assert calls(adapter) == [("GET", "services/images")]


@pytest.mark.parametrize("filters, expected", [
    (dict(), True),
    (dict(os="linux"), True),
    (dict(os="Windows"), False),
    (dict(category="public"), True),
    (dict(category="User"), False),
    (dict(publisher="canonical"), True),
    (dict(image_family="ubuntu server 14.04 lts"), True),
    (dict(location="west us"), True),
    (dict(location="West"), False),
    (dict(label_pattern=re.compile(r"^Ubuntu Server 14\.04")), True),
    (dict(label_pattern=re.compile(r"CentOS")), False),
    (dict(os="Linux", location="North Europe"), False),
])
def test_filters(filters, expected):
    assert os_images.matches(PUBLIC, **filters) is expected


def test_add_sends_the_identity_only(make_client):
    client, adapter = make_client([(200, os_image_xml("img")), succeeded()])
    os_images.create(client, "img", "My image", "https://s.blob.core.windows.net/vhds/img.vhd", "Linux", wait=False)
    assert (calls(adapter), body_root(adapter.requests[0])) == ([("POST", "services/images")], "OSImage")
    assert body_children(adapter.requests[0]) == [
        ("Label", "My image"), ("MediaLink", "https://s.blob.core.windows.net/vhds/img.vhd"), ("Name", "img"),
        ("OS", "Linux")]


def test_add_with_catalogue_fields_updates_once_the_add_is_done(make_client):
    client, adapter = make_client([(200, os_image_xml("img")), succeeded(), (200, os_image_xml("img")), succeeded()])
    os_images.create(client, "img", "My image", "https://s.blob.core.windows.net/vhds/img.vhd", "Linux",
                     description="d", show_in_gui=False, recommended_vm_size="Small")
    assert [call[0] for call in calls(adapter)] == ["POST", "GET", "PUT", "GET"]
    assert calls(adapter)[2] == ("PUT", "services/images/img")
    assert body_children(adapter.requests[2]) == [
        ("Label", "My image"), ("Description", "d"), ("ShowInGui", "false"), ("RecommendedVMSize", "Small")]


def test_add_refuses_unknown_fields(make_client):
    client, _adapter = make_client([])
    with pytest.raises(AsmError, match="Unknown OS image fields: colour"):
        os_images.create(client, "img", "l", "https://s/x.vhd", "Linux", colour="red")


def test_update_keeps_the_fields_the_task_does_not_change(make_client):
    current = os_images.curate(dict(name="img", label="old", category="User", description="keep me",
                                    image_family="fam", published_date="2015-01-01T00:00:00Z", show_in_gui=True))
    client, adapter = make_client([(200, ""), succeeded()])
    os_images.update(client, current, dict(label="new", language="fr-fr"))
    assert calls(adapter)[0] == ("PUT", "services/images/img")
    assert body_children(adapter.requests[0]) == [
        ("Label", "new"), ("Description", "keep me"), ("ImageFamily", "fam"), ("ShowInGui", "true"),
        ("PublishedDate", "2015-01-01T00:00:00Z"), ("Language", "fr-fr"),
    ]


def test_platform_images_are_never_changed_or_deleted(make_client):
    client, adapter = make_client([])
    with pytest.raises(AsmError, match="is a platform image .category 'Public'.; only user images .* can be modified"):
        os_images.update(client, PUBLIC, dict(label="mine now"))
    with pytest.raises(AsmError, match="can be deleted") as raised:
        os_images.delete(client, PUBLIC)
    assert raised.value.option == "name"
    assert adapter.requests == []


def test_delete_with_the_vhd(make_client):
    image = os_images.curate(dict(name="img", category="User"))
    client, adapter = make_client([(200, ""), succeeded(), (200, ""), succeeded()])
    os_images.delete(client, image)
    os_images.delete(client, image, delete_vhd=True)
    assert [call for call in calls(adapter) if call[0] == "DELETE"] == [
        ("DELETE", "services/images/img"), ("DELETE", "services/images/img?comp=media")]


def test_same_blob_ignores_the_scheme_and_the_host_case():
    assert os_images.same_blob("http://Store.blob.core.windows.net/vhds/a.vhd", "https://store.blob.core.windows.net/vhds/a.vhd")
    assert not os_images.same_blob("https://store.blob.core.windows.net/vhds/a.vhd",
                                   "https://store.blob.core.windows.net/vhds/b.vhd")


def test_same_date_accepts_a_day_for_midnight():
    assert os_images.same_date("2015-06-16T00:00:00Z", "2015-06-16")
    assert not os_images.same_date("2015-06-17T00:00:00Z", "2015-06-16")


def test_creation_only_conflicts():
    current = os_images.curate(dict(name="img", category="User", os="Linux",
                                    media_link="http://s.blob.core.windows.net/vhds/a.vhd"))
    assert os_images.creation_only_conflict(current, media_link="https://s.blob.core.windows.net/vhds/a.vhd",
                                            os="linux") is None
    assert "media_link cannot change" in os_images.creation_only_conflict(
        current, media_link="https://s.blob.core.windows.net/vhds/b.vhd")
    assert "os cannot change" in os_images.creation_only_conflict(current, os="Windows")


def test_option_errors():
    assert os_images.option_errors(name="centos.7-golden_1", media_link="https://s.blob.core.windows.net/v/a.vhd") == []
    assert dict(os_images.option_errors(name="bad name"))["name"].startswith("name 'bad name' is not a valid OS image name")
    assert "is not the URL of a blob" in dict(os_images.option_errors(media_link="s/v/a.vhd"))["media_link"]


def test_planned_image_is_a_user_image():
    planned = os_images.planned("img", "l", "https://s/v/a.vhd", "Linux", description="d")
    assert (planned["category"], planned["description"], planned["location"]) == ("User", "d", None)
