# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import desired_state

CURRENT = dict(name="svc", label="lbl", description=None, location="West US", affinity_group=None,
               extended_properties={"ResourceGroup": "rg", "owner": "web"})


def test_wanted_fields_drop_the_options_a_task_did_not_set():
    assert desired_state.wanted_fields(label="x", description=None, extended_properties={}) == \
        dict(label="x", extended_properties={})


def test_nothing_set_means_nothing_changes():
    assert desired_state.changed_fields(CURRENT, {}) == {}


def test_only_differing_fields_are_changes():
    wanted = dict(label="lbl", description="new")
    assert desired_state.changed_fields(CURRENT, wanted) == dict(description="new")


def test_empty_and_missing_are_the_same():
    assert desired_state.changed_fields(CURRENT, dict(description="")) == {}


def test_extended_properties_compare_only_the_listed_names():
    assert desired_state.changed_fields(CURRENT, dict(extended_properties={"owner": "web"})) == {}
    assert desired_state.changed_fields(CURRENT, dict(extended_properties={"owner": "ops"})) == \
        dict(extended_properties={"owner": "ops"})
    # YAML may give numbers; the service stores strings
    assert desired_state.extended_properties_match({"n": "42"}, {"n": 42})


def test_custom_equality_per_field():
    changes = desired_state.changed_fields(dict(os="Linux"), dict(os="linux"),
                                           equal=dict(os=desired_state.same_text_ignoring_case))
    assert changes == {}


def test_with_changes_merges_extended_properties_and_leaves_current_alone():
    after = desired_state.with_changes(CURRENT, dict(label="new", extended_properties={"owner": "ops", "n": 1}))
    assert after["label"] == "new"
    assert after["extended_properties"] == {"ResourceGroup": "rg", "owner": "ops", "n": "1"}
    assert CURRENT["extended_properties"] == {"ResourceGroup": "rg", "owner": "web"}


def test_changes_to_send_carry_the_whole_property_set():
    sent = desired_state.changes_to_send(CURRENT, dict(extended_properties={"owner": "ops"}))
    assert sent == dict(extended_properties={"ResourceGroup": "rg", "owner": "ops"})


def test_placement_conflict_explains_what_cannot_change():
    assert desired_state.placement_conflict("hosted service", CURRENT, location="west us") is None
    message = desired_state.placement_conflict("hosted service", CURRENT, location="East US")
    assert "svc is in location 'West US'" in message and "location cannot change" in message
    message = desired_state.placement_conflict("hosted service", CURRENT, affinity_group="ag1")
    assert "affinity group cannot change" in message


def test_placement_in_an_affinity_group():
    current = dict(CURRENT, location=None, affinity_group="ag1")
    assert desired_state.placement_conflict("storage account", current, affinity_group="AG1") is None
    assert "affinity group 'ag1'" in desired_state.placement_conflict("storage account", current, location="West US")


def test_label_and_description_limits():
    assert desired_state.label_errors("x" * 100) == []
    assert desired_state.label_errors(" ") == [("label", "label must not be empty.")]
    assert desired_state.label_errors("x" * 101)[0][0] == "label"
    assert desired_state.description_errors("x" * 1024) == []
    assert desired_state.description_errors("x" * 1025)[0][0] == "description"


def test_extended_property_rules():
    assert desired_state.extended_properties_errors({"Good_1": "v"}) == []
    too_many = dict(("p%d" % index, "v") for index in range(51))
    assert "at most 50 properties" in desired_state.extended_properties_errors(too_many)[0][1]
    assert "'_x' is not allowed" in desired_state.extended_properties_errors({"_x": "v"})[0][1]
    assert "at most 255 characters" in desired_state.extended_properties_errors({"a": "v" * 256})[0][1]


def test_extended_properties_xml_is_sorted_and_stringified():
    assert desired_state.extended_properties_xml({"b": 1, "a": True}) == [
        ("ExtendedProperty", [("Name", "a"), ("Value", "True")]),
        ("ExtendedProperty", [("Name", "b"), ("Value", "1")]),
    ]
    assert desired_state.extended_properties_xml(None) is None
