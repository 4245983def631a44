# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Cloud (hosted) services: get, list, create, update, delete.

Every function returns plain dicts in the shape the modules return (``hosted_service``); no
AnsibleModule here, so modules, plugins and tests share them.
"""

from __future__ import annotations

import re

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import b64decode_text
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import b64encode_text
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.asm_xml import build
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import blank_to_none
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import description_errors
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import extended_properties_errors
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import extended_properties_xml
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import label_errors
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.operations import submit

COLLECTION_PATH = "services/hostedservices"
KIND = "hosted service"
# The name is the DNS label <name>.cloudapp.net: letters, digits and hyphens, starting with a letter.
_NAME = re.compile(r"^[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")

# The fields a task can change in place, in the order the modules document them.
MUTABLE_FIELDS = ("label", "description", "extended_properties")


def service_path(name):
    return "%s/%s" % (COLLECTION_PATH, name)


def _embed_detail(embed_detail):
    return [("embed-detail", "true" if embed_detail else "false")]


# ---------------------------------------------------------------- reading

def curate_deployment(raw):
    """A deployment as listed under its hosted service: enough to know what the service holds."""
    return dict(
        name=raw.get("name"),
        deployment_slot=raw.get("deployment_slot"),
        status=raw.get("status"),
        label=b64decode_text(blank_to_none(raw.get("label"))),
        url=blank_to_none(raw.get("url")),
    )


def curate(raw, with_deployments):
    """The module's ``hosted_service`` dict from a parsed ``HostedService`` element.

    ``deployments`` is present only when the request asked for them (``embed-detail=true``); then a
    service without deployments has ``[]``.
    """
    properties = raw.get("hosted_service_properties") or {}
    service = dict(
        name=raw.get("service_name"),
        url=blank_to_none(raw.get("url")),
        label=b64decode_text(blank_to_none(properties.get("label"))),
        description=blank_to_none(properties.get("description")),
        location=blank_to_none(properties.get("location")),
        affinity_group=blank_to_none(properties.get("affinity_group")),
        status=blank_to_none(properties.get("status")),
        date_created=blank_to_none(properties.get("date_created")),
        date_last_modified=blank_to_none(properties.get("date_last_modified")),
        extended_properties=properties.get("extended_properties") or {},
    )
    if with_deployments:
        service["deployments"] = [curate_deployment(item) for item in raw.get("deployments") or []]
    return service


def get(client, name, embed_detail=True):
    """One hosted service (with its deployments by default, in the same request), or ``None``."""
    raw = client.get_or_none(service_path(name), query=_embed_detail(embed_detail))
    return curate(raw, with_deployments=embed_detail) if raw is not None else None


def list_all(client, embed_detail=False):
    """Every hosted service of the subscription in one request; with ``embed_detail``, their deployments too."""
    query = _embed_detail(True) if embed_detail else None
    items = client.get(COLLECTION_PATH, query=query)[1] or []
    return [curate(item, with_deployments=embed_detail) for item in items]


# ---------------------------------------------------------------- writing

def create(client, name, label, description=None, location=None, affinity_group=None, extended_properties=None,
           wait=True, timeout=600):
    """Create Cloud Service; returns the operation (``request_id``, ``status``...)."""
    body = build("CreateHostedService", [
        ("ServiceName", name),
        ("Label", b64encode_text(label)),
        ("Description", description),
        ("Location", location),
        ("AffinityGroup", affinity_group),
        ("ExtendedProperties", extended_properties_xml(extended_properties)),
    ])
    return submit(client, "POST", COLLECTION_PATH, body=body, wait=wait, timeout=timeout)


def update(client, name, label=None, description=None, extended_properties=None, wait=True, timeout=600):
    """Update Cloud Service with only the given fields (``None`` ones are not sent, so not changed)."""
    body = build("UpdateHostedService", [
        ("Label", b64encode_text(label)),
        ("Description", description),
        ("ExtendedProperties", extended_properties_xml(extended_properties)),
    ])
    return submit(client, "PUT", service_path(name), body=body, wait=wait, timeout=timeout)


def delete(client, name, delete_deployments=False, wait=True, timeout=600):
    """Delete Cloud Service.

    The service refuses while the cloud service still has deployments; with ``delete_deployments``
    the request carries ``comp=media`` and the service deletes the deployments, their disks and the
    disks' VHD blobs first, then the cloud service, all in one asynchronous operation.
    """
    query = [("comp", "media")] if delete_deployments else None
    return submit(client, "DELETE", service_path(name), query=query, wait=wait, timeout=timeout)


# ---------------------------------------------------------------- shapes for check mode and validation

def planned(name, label, description=None, location=None, affinity_group=None, extended_properties=None):
    """The ``hosted_service`` a create would produce; what the service fills in is ``None``."""
    return dict(
        name=name, url=None, label=label, description=description, location=location,
        affinity_group=affinity_group, status=None, date_created=None, date_last_modified=None,
        extended_properties=dict((key, str(value)) for key, value in (extended_properties or {}).items()),
        deployments=[],
    )


def option_errors(name=None, label=None, description=None, extended_properties=None):
    """``[(option, message)]`` for values the service would refuse, checked before any request."""
    errors = []
    if name is not None and not _NAME.match(name):
        errors.append(("name", "name %r is not a valid hosted service name: it becomes the DNS name "
                               "<name>.cloudapp.net, so use 1 to 63 letters, digits and hyphens, starting with a "
                               "letter and not ending with a hyphen." % name))
    errors.extend(label_errors(label))
    errors.extend(description_errors(description))
    errors.extend(extended_properties_errors(extended_properties))
    return errors
