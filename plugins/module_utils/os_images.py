# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""OS images: get, list (with filters), add, update, delete; dicts in the modules' ``os_image`` shape.

Only user images (category ``User``) belong to the subscription; platform images (``Public`` and
the older publisher categories) are read-only, and the functions here refuse to change them.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import build
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import blank_to_none
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import description_errors
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import label_errors
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import same_text_ignoring_case
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import same_value
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.operations import submit

COLLECTION_PATH = "services/images"
KIND = "OS image"
USER_CATEGORY = "User"
OS_TYPES = ("Linux", "Windows")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

# Catalogue fields a task may set and update in place: (field, XML element), in the order the
# Update OS Image body wants them. ``label`` is first because the service requires it on every update.
UPDATABLE_ELEMENTS = (
    ("label", "Label"),
    ("eula", "Eula"),
    ("description", "Description"),
    ("image_family", "ImageFamily"),
    ("show_in_gui", "ShowInGui"),
    ("published_date", "PublishedDate"),
    ("icon_uri", "IconUri"),
    ("privacy_uri", "PrivacyUri"),
    ("recommended_vm_size", "RecommendedVMSize"),
    ("small_icon_uri", "SmallIconUri"),
    ("language", "Language"),
)
MUTABLE_FIELDS = tuple(field for field, _element in UPDATABLE_ELEMENTS)
# Fixed once the image exists: the blob it is made of and its operating system.
CREATION_ONLY_FIELDS = ("media_link", "os")

_RETURNED_FIELDS = (
    "name", "label", "category", "os", "media_link", "location", "affinity_group", "logical_size_in_gb",
    "os_state", "description", "eula", "image_family", "language", "publisher_name", "published_date",
    "privacy_uri", "icon_uri", "small_icon_uri", "recommended_vm_size", "show_in_gui", "is_premium",
    "pricing_detail_link", "io_type",
)


def image_path(name):
    return "%s/%s" % (COLLECTION_PATH, name)


# ---------------------------------------------------------------- reading

def curate(raw):
    """The module's ``os_image`` dict from a parsed ``OSImage`` element (OS image labels are plain text)."""
    return dict((field, blank_to_none(raw.get(field))) for field in _RETURNED_FIELDS)


def get(client, name):
    """One OS image (user or platform), or ``None``."""
    raw = client.get_or_none(image_path(name))
    return curate(raw) if raw is not None else None


def list_all(client):
    """Every OS image visible to the subscription (platform and user), in one request."""
    items = client.get(COLLECTION_PATH)[1] or []
    return [curate(item) for item in items]


def image_locations(image):
    """Platform images list the locations they are offered in as ``A;B;C``."""
    return [part.strip() for part in (image.get("location") or "").split(";") if part.strip()]


def matches(image, os=None, category=None, publisher=None, image_family=None, location=None, label_pattern=None):
    """Whether ``image`` passes every given filter (text filters ignore case; ``label_pattern`` is a compiled regex)."""
    if os is not None and not same_text_ignoring_case(image.get("os"), os):
        return False
    if category is not None and not same_text_ignoring_case(image.get("category"), category):
        return False
    if publisher is not None and not same_text_ignoring_case(image.get("publisher_name"), publisher):
        return False
    if image_family is not None and not same_text_ignoring_case(image.get("image_family"), image_family):
        return False
    if location is not None and location.lower() not in [place.lower() for place in image_locations(image)]:
        return False
    if label_pattern is not None and not label_pattern.search(image.get("label") or ""):
        return False
    return True


def is_user_image(image):
    return (image.get("category") or "").lower() == USER_CATEGORY.lower()


def refuse_platform_image(image, doing):
    """Raise when ``image`` is a platform image: those belong to their publisher, not the subscription."""
    if not is_user_image(image):
        raise AsmError("The OS image %s is a platform image (category %r); only user images (category %r) can be %s."
                       % (image.get("name"), image.get("category"), USER_CATEGORY, doing), option="name")


# ---------------------------------------------------------------- comparisons

def same_blob(current, wanted):
    """Media links name the same blob: the service may answer ``http://`` for an ``https://`` request."""
    if blank_to_none(current) is None or blank_to_none(wanted) is None:
        return blank_to_none(current) == blank_to_none(wanted)
    left, right = urlsplit(current), urlsplit(wanted)
    return (left.netloc.lower(), left.path) == (right.netloc.lower(), right.path)


def same_date(current, wanted):
    """``2015-06-16`` equals the ``2015-06-16T00:00:00Z`` the service may answer."""
    if same_value(current, wanted):
        return True
    return bool(current) and bool(wanted) and str(current).startswith(str(wanted) + "T")


FIELD_EQUALITY = dict(published_date=same_date, media_link=same_blob, os=same_text_ignoring_case)


def creation_only_conflict(current, media_link=None, os=None):
    """A message when the task asks for another blob or OS than the image was added with, else ``None``."""
    if media_link is not None and not same_blob(current.get("media_link"), media_link):
        return ("The OS image %s is made of %s; media_link cannot change (the task asks for %s). "
                "Delete the image and add it again to use another blob." % (current.get("name"), current.get("media_link"), media_link))
    if os is not None and not same_text_ignoring_case(current.get("os"), os):
        return ("The OS image %s is a %s image; os cannot change (the task asks for %s)."
                % (current.get("name"), current.get("os"), os))
    return None


# ---------------------------------------------------------------- writing

def _catalogue_elements(fields):
    return [(element, fields.get(field)) for field, element in UPDATABLE_ELEMENTS if field != "label"]


def create(client, name, label, media_link, os, wait=True, timeout=600, **catalogue):
    """Add OS Image from a VHD blob of the subscription; ``catalogue`` holds the optional descriptive fields.

    The Add body carries the image's identity only (label, blob, name, OS: asm-api.md section 5).
    The catalogue fields follow in one Update OS Image once the add has finished, so a task that
    sets them gets them on the first run and finds nothing to change on the next.
    """
    unknown = set(catalogue) - set(MUTABLE_FIELDS)
    if unknown:
        raise AsmError("Unknown OS image fields: %s" % ", ".join(sorted(unknown)))
    body = build("OSImage", [("Label", label), ("MediaLink", media_link), ("Name", name), ("OS", os)])
    operation = submit(client, "POST", COLLECTION_PATH, body=body, wait=wait or bool(catalogue), timeout=timeout)
    if not catalogue:
        return operation
    return _put_catalogue(client, name, dict(catalogue, label=label), wait, timeout)


def _put_catalogue(client, name, fields, wait, timeout):
    fields = dict(fields)
    if not fields.get("published_date"):
        fields["published_date"] = None
    body = build("OSImage", [("Label", fields["label"])] + _catalogue_elements(fields))
    return submit(client, "PUT", image_path(name), body=body, wait=wait, timeout=timeout)


def update(client, current, changes, wait=True, timeout=600):
    """Update OS Image: ``changes`` laid over the image's ``current`` catalogue fields.

    The update body requires the label, and whether the service replaces or merges the other
    catalogue fields is not documented; so the fields the task does not change are sent with their
    current values rather than left out, which keeps them either way. An empty published date is
    dropped: the service refuses it.
    """
    refuse_platform_image(current, "modified")
    fields = dict((field, current.get(field)) for field in MUTABLE_FIELDS)
    fields.update(changes)
    return _put_catalogue(client, current["name"], fields, wait, timeout)


def delete(client, image, delete_vhd=False, wait=True, timeout=600):
    """Delete OS Image; with ``delete_vhd`` the service also deletes the VHD blob (``comp=media``)."""
    refuse_platform_image(image, "deleted")
    query = [("comp", "media")] if delete_vhd else None
    return submit(client, "DELETE", image_path(image["name"]), query=query, wait=wait, timeout=timeout)


# ---------------------------------------------------------------- shapes for check mode and validation

def planned(name, label, media_link, os, **catalogue):
    """The ``os_image`` an add would produce; what the service derives (location, size) is ``None``."""
    image = dict((field, None) for field in _RETURNED_FIELDS)
    image.update(catalogue)
    image.update(name=name, label=label, media_link=media_link, os=os, category=USER_CATEGORY)
    return image


def option_errors(name=None, label=None, description=None, media_link=None):
    """``[(option, message)]`` for values the service would refuse, checked before any request."""
    errors = []
    if name is not None and not _NAME.match(name):
        errors.append(("name", "name %r is not a valid OS image name: use letters, digits, periods, hyphens and "
                               "underscores, starting with a letter or digit." % name))
    errors.extend(label_errors(label))
    errors.extend(description_errors(description))
    if media_link is not None:
        parts = urlsplit(media_link)
        if parts.scheme not in ("http", "https") or not parts.netloc or not parts.path.strip("/"):
            errors.append(("media_link", "media_link %r is not the URL of a blob: use "
                                         "https://<account>.blob.core.windows.net/<container>/<blob>.vhd." % media_link))
    return errors
