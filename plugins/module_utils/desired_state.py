# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Comparing what a task asks for with what the service has, shared by the resource files.

A task enforces only the options it sets: ``wanted`` dicts hold those options and nothing else, and
every comparison below looks only at their keys. Extended properties are compared the same way:
the properties a task lists must have the listed values, the others (including the ones the
service adds itself, such as ``ResourceGroup``) are left alone.
"""

from __future__ import annotations

import copy
import re

LABEL_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 1024
EXTENDED_PROPERTIES_MAX_COUNT = 50
EXTENDED_PROPERTY_NAME_MAX_LENGTH = 64
EXTENDED_PROPERTY_VALUE_MAX_LENGTH = 255
_EXTENDED_PROPERTY_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def wanted_fields(**options):
    """The options a task set (``None`` means "not set, not enforced")."""
    return dict((key, value) for key, value in options.items() if value is not None)


def blank_to_none(value):
    """The API sends ``i:nil``, an empty element or nothing for "no value"; all of them mean ``None``."""
    if value == "" or value == []:
        return None
    return value


def same_value(current, wanted):
    """Equality where "empty" and "missing" are the same thing."""
    return blank_to_none(current) == blank_to_none(wanted)


def extended_properties_match(current, wanted):
    """Whether every property in ``wanted`` has its value in ``current`` (others are not looked at)."""
    current = current or {}
    return all(current.get(name) == str(value) for name, value in (wanted or {}).items())


def merged_extended_properties(current, wanted):
    """``current`` with ``wanted`` laid over it: what the service holds after an update."""
    merged = dict(current or {})
    merged.update((name, str(value)) for name, value in (wanted or {}).items())
    return merged


def changed_fields(current, wanted, equal=None):
    """The subset of ``wanted`` whose values differ from ``current``.

    ``equal`` maps a field name to a comparison ``(current_value, wanted_value) -> bool`` for fields
    that are not compared literally (case-insensitive enums, URLs).
    """
    equal = equal or {}
    changes = {}
    for field, value in wanted.items():
        if field == "extended_properties":
            same = extended_properties_match(current.get(field), value)
        else:
            same = equal.get(field, same_value)(current.get(field), value)
        if not same:
            changes[field] = value
    return changes


def with_changes(current, changes):
    """``current`` as it will be once ``changes`` are applied (for check mode and diff)."""
    after = copy.deepcopy(current)
    for field, value in changes.items():
        if field == "extended_properties":
            after[field] = merged_extended_properties(current.get(field), value)
        else:
            after[field] = value
    return after


def changes_to_send(current, changes):
    """``changes`` as an update request should carry them.

    Extended properties go as the whole merged set, so that the properties a task does not list
    survive whether the service merges or replaces the set it receives.
    """
    sent = dict(changes)
    if "extended_properties" in sent:
        sent["extended_properties"] = merged_extended_properties(current.get("extended_properties"),
                                                                 sent["extended_properties"])
    return sent


def same_text_ignoring_case(current, wanted):
    return (blank_to_none(current) or "").lower() == (blank_to_none(wanted) or "").lower()


# ---------------------------------------------------------------- validation shared by resources

def label_errors(label, option="label"):
    if label is None:
        return []
    if not label.strip():
        return [(option, "%s must not be empty." % option)]
    if len(label) > LABEL_MAX_LENGTH:
        return [(option, "%s must be at most %d characters long; it is %d." % (option, LABEL_MAX_LENGTH, len(label)))]
    return []


def description_errors(description, option="description"):
    if description is not None and len(description) > DESCRIPTION_MAX_LENGTH:
        return [(option, "%s must be at most %d characters long; it is %d."
                 % (option, DESCRIPTION_MAX_LENGTH, len(description)))]
    return []


def extended_properties_errors(properties, option="extended_properties"):
    """The limits the service documents: 50 properties, names ``[A-Za-z][A-Za-z0-9_]*`` up to 64, values up to 255."""
    if not properties:
        return []
    errors = []
    if len(properties) > EXTENDED_PROPERTIES_MAX_COUNT:
        errors.append((option, "%s may hold at most %d properties; it has %d."
                       % (option, EXTENDED_PROPERTIES_MAX_COUNT, len(properties))))
    for name, value in sorted(properties.items()):
        if not _EXTENDED_PROPERTY_NAME.match(name) or len(name) > EXTENDED_PROPERTY_NAME_MAX_LENGTH:
            errors.append((option, "%s: the name %r is not allowed; names start with a letter, hold only letters, "
                                   "digits and underscores, and are at most %d characters long."
                           % (option, name, EXTENDED_PROPERTY_NAME_MAX_LENGTH)))
        if value is None or len(str(value)) > EXTENDED_PROPERTY_VALUE_MAX_LENGTH:
            errors.append((option, "%s: the value of %r must be a string of at most %d characters."
                           % (option, name, EXTENDED_PROPERTY_VALUE_MAX_LENGTH)))
    return errors


def extended_properties_xml(properties):
    """The ``ExtendedProperties`` element's children for ``asm_xml.build``; ``None`` when there is nothing to send."""
    if properties is None:
        return None
    return [("ExtendedProperty", [("Name", name), ("Value", str(value))]) for name, value in sorted(properties.items())]


def placement_conflict(kind, current, location=None, affinity_group=None):
    """A message when the task asks for another location or affinity group than the resource has, else ``None``.

    Both are fixed when a hosted service or storage account is created; the API has no way to move one.
    """
    name = current.get("name")
    if location is not None and not same_text_ignoring_case(current.get("location"), location):
        where = _placement_of(current)
        return ("The %s %s is in %s and its location cannot change (the task asks for location %r). "
                "Delete and re-create it to move it." % (kind, name, where, location))
    if affinity_group is not None and not same_text_ignoring_case(current.get("affinity_group"), affinity_group):
        where = _placement_of(current)
        return ("The %s %s is in %s and its affinity group cannot change (the task asks for affinity group %r). "
                "Delete and re-create it to move it." % (kind, name, where, affinity_group))
    return None


def _placement_of(current):
    if blank_to_none(current.get("affinity_group")):
        return "affinity group %r" % current["affinity_group"]
    return "location %r" % current.get("location")
