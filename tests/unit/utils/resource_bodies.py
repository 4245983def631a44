# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Response bodies shaped like the recorded ones, for the resource and module tests, and request inspection."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

NS = "http://schemas.microsoft.com/windowsazure"
_ROOT_ATTRS = 'xmlns="%s" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"' % NS


def _b64(text):
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _extended(properties):
    if not properties:
        return "<ExtendedProperties/>"
    return "<ExtendedProperties>%s</ExtendedProperties>" % "".join(
        "<ExtendedProperty><Name>%s</Name><Value>%s</Value></ExtendedProperty>" % item for item in properties.items())


def _optional(tag, value):
    if value is None:
        return ""
    return "<%s>%s</%s>" % (tag, value, tag)


def deployment_xml(name, slot="Production", status="Running"):
    return ("<Deployment><Name>%s</Name><DeploymentSlot>%s</DeploymentSlot><PrivateID>f1f3</PrivateID><Status>%s</Status>"
            "<Label>%s</Label><Url>http://svc.cloudapp.net/</Url><RoleInstanceList/><RoleList/></Deployment>"
            % (name, slot, status, _b64(name)))


def hosted_service_xml(name, label=None, description=None, location="West US", affinity_group=None,
                       extended_properties=None, deployments=None, root=True):
    """``deployments``: ``None`` leaves ``<Deployments>`` out (embed-detail=false), a list puts them in."""
    description_xml = "<Description>%s</Description>" % description if description is not None \
        else '<Description i:nil="true"/>'
    place = _optional("Location", location) + _optional("AffinityGroup", affinity_group)
    inner = ("<Url>https://management.core.windows.net/sub-1/services/hostedservices/%s</Url><ServiceName>%s</ServiceName>"
             "<HostedServiceProperties>%s%s<Label>%s</Label><Status>Created</Status>"
             "<DateCreated>2015-07-02T16:45:20Z</DateCreated><DateLastModified>2015-07-02T16:45:20Z</DateLastModified>"
             "%s</HostedServiceProperties>"
             % (name, name, description_xml, place, _b64(label or name), _extended(extended_properties)))
    if deployments is not None:
        inner += "<Deployments>%s</Deployments>" % "".join(deployment_xml(*item) for item in deployments)
    if root:
        return "<HostedService %s>%s</HostedService>" % (_ROOT_ATTRS, inner)
    return "<HostedService>%s</HostedService>" % inner


def hosted_services_xml(items):
    return "<HostedServices %s>%s</HostedServices>" % (_ROOT_ATTRS, "".join(items))


def storage_account_xml(name, label=None, description=None, location="West US", affinity_group=None,
                        account_type="Standard_GRS", status="Created", extended_properties=None, root=True):
    properties = dict(ResourceGroup="Default-Storage-WestUS", ResourceLocation="West US")
    properties.update(extended_properties or {})
    inner = ("<Url>https://management.core.windows.net/sub-1/services/storageservices/%s</Url><ServiceName>%s</ServiceName>"
             "<StorageServiceProperties>%s%s<Label>%s</Label><Status>%s</Status>"
             "<Endpoints><Endpoint>https://%s.blob.core.windows.net/</Endpoint><Endpoint>https://%s.queue.core.windows.net/"
             "</Endpoint></Endpoints><GeoPrimaryRegion>West US</GeoPrimaryRegion><StatusOfPrimary>Available</StatusOfPrimary>"
             "<GeoSecondaryRegion/><StatusOfSecondary/><CreationTime>2015-07-01T00:10:49Z</CreationTime><CustomDomains/>"
             "<AccountType>%s</AccountType></StorageServiceProperties>%s"
             % (name, name, _optional("Description", description),
                _optional("Location", location) + _optional("AffinityGroup", affinity_group),
                _b64(label or name), status, name, name, account_type, _extended(properties)))
    if root:
        return "<StorageService %s>%s<Capabilities/></StorageService>" % (_ROOT_ATTRS, inner)
    return "<StorageService>%s</StorageService>" % inner


def storage_accounts_xml(items):
    return "<StorageServices %s>%s</StorageServices>" % (_ROOT_ATTRS, "".join(items))


def storage_keys_xml(name, primary="cHJpbWFyeQ==", secondary="c2Vjb25kYXJ5"):
    return ("<StorageService %s><Url>https://management.core.windows.net/sub-1/services/storageservices/%s/keys</Url>"
            "<ServiceName>%s</ServiceName><StorageServiceKeys><Primary>%s</Primary><Secondary>%s</Secondary>"
            "</StorageServiceKeys></StorageService>" % (_ROOT_ATTRS, name, name, primary, secondary))


def os_image_xml(name, label=None, category="User", media_link=None, os="Linux", location="West US", root=True,
                 **extra):
    """``extra``: XML element name -> text, for the catalogue fields (``Description``, ``ImageFamily``...)."""
    if media_link is None and category == "User":
        media_link = "http://store1.blob.core.windows.net/vhds/%s.vhd" % name
    inner = ("<Category>%s</Category><Label>%s</Label><Location>%s</Location><LogicalSizeInGB>30</LogicalSizeInGB>%s"
             "<Name>%s</Name><OS>%s</OS>%s<IsPremium>false</IsPremium>%s"
             % (category, label or name, location, _optional("MediaLink", media_link), name, os,
                "".join(_optional(tag, value) for tag, value in sorted(extra.items())),
                "<OSState>Generalized</OSState><IOType>Standard</IOType>" if category == "User" else ""))
    if root:
        return "<OSImage %s>%s</OSImage>" % (_ROOT_ATTRS, inner)
    return "<OSImage>%s</OSImage>" % inner


def os_images_xml(items):
    return "<Images %s>%s</Images>" % (_ROOT_ATTRS, "".join(items))


def not_found(message="The resource does not exist."):
    return (404, '<Error %s><Code>ResourceNotFound</Code><Message>%s</Message></Error>' % (_ROOT_ATTRS, message))


def succeeded():
    return (200, '<Operation %s><ID>9a059fc1-90f3-b98c-b56e-db99089d669c</ID><Status>Succeeded</Status>'
                 '<HttpStatusCode>200</HttpStatusCode></Operation>' % _ROOT_ATTRS)


# ---------------------------------------------------------------- looking at what was sent

def calls(adapter):
    """``[(method, path-after-subscription with query)]`` of every request the adapter saw."""
    result = []
    for request in adapter.requests:
        path = request.path_url.split("/sub-1/", 1)[1]
        result.append((request.method, path))
    return result


def body_children(request):
    """``[(tag, text-or-children)]`` of a request body, namespaces stripped, in document order."""
    root = ET.fromstring(request.body)
    return _children(root)


def _children(element):
    result = []
    for child in element:
        tag = child.tag.split("}", 1)[-1]
        result.append((tag, _children(child) if len(child) else (child.text or "")))
    return result


def body_root(request):
    return ET.fromstring(request.body).tag.split("}", 1)[-1]
