"""Response documents, element by element in the order recorded real ASM traffic shows
(asm-recordings/ and asm-api.md). Views read rule documents; they never change state."""
from __future__ import annotations

from asm_emulator import catalogue, operations
from asm_emulator.clock import iso8601
from asm_emulator.rules import storage_accounts
from asm_emulator.wire.xmlout import NAMESPACES, document, element, text, text_or_nil


def error(code, message):
    return document("Error", [text("Code", code), text("Message", message)])


def operation(row, now):
    status, http_status, failure = operations.status(row, now)
    children = [text("ID", operations.format_id(row["id"])), text("Status", status)]
    if http_status is not None:
        children.append(text("HttpStatusCode", http_status))
    if failure is not None:
        children.append(element("Error", [text("Code", failure[0]), text("Message", failure[1])]))
    return document("Operation", children)


def availability(available, reason):
    return document("AvailabilityResponse", [text("Result", available), text_or_nil("Reason", reason)])


def _extended_properties(pairs):
    return element("ExtendedProperties", [element("ExtendedProperty", [text("Name", n), text("Value", v)]) for n, v in pairs])


# -- hosted services ----------------------------------------------------------------------------
def _hosted_service_properties(doc):
    return element("HostedServiceProperties", [
        text_or_nil("Description", doc["description"]),
        text("Location", doc["location"]),
        text("Label", doc["label"]),
        text("Status", doc["status"]),
        text("DateCreated", iso8601(doc["created"])),
        text("DateLastModified", iso8601(doc["modified"])),
        _extended_properties(doc["extended_properties"]),
    ])


def _hosted_service_children(ctx, doc, deployments_xml=None):
    return [
        text("Url", ctx.url("services", "hostedservices", doc["name"])),
        text("ServiceName", doc["name"]),
        _hosted_service_properties(doc),
        deployments_xml,
    ]


def hosted_service(ctx, doc, deployment_items=None):
    """``deployment_items`` (rendered <Deployment> elements) only with embed-detail=true."""
    deployments_xml = None if deployment_items is None else element("Deployments", deployment_items)
    return document("HostedService", _hosted_service_children(ctx, doc, deployments_xml))


def hosted_services(ctx, docs, deployment_items=None):
    """Items carry the service's ComputeCapabilities where the single GET has none (recorded).

    ``deployment_items`` (one list of rendered <Deployment> elements per service) only with embed-detail=true.
    """
    per_service = deployment_items or [None] * len(docs)
    return document("HostedServices", [
        element("HostedService", _hosted_service_children(ctx, doc, None if items is None else element("Deployments", items))
                + [catalogue.hosted_service_capabilities(doc["location"])])
        for doc, items in zip(docs, per_service)])


# -- storage accounts ---------------------------------------------------------------------------
def _storage_properties(doc, now):
    created = now >= doc["ready_at"]
    geo = doc["account_type"] in ("Standard_GRS", "Standard_RAGRS")
    name = doc["name"]
    return element("StorageServiceProperties", [
        text_or_nil("Description", doc["description"]),
        text("Location", doc["location"]),
        text("Label", doc["label"]),
        text("Status", storage_accounts.status(doc, now)),
        element("Endpoints", [text("Endpoint", "https://%s.%s.core.windows.net/" % (name, kind)) for kind in ("blob", "queue", "table", "file")]),
        text("GeoPrimaryRegion", doc["location"]),
        text("StatusOfPrimary", "Available" if created else ""),
        text("GeoSecondaryRegion", storage_accounts.PAIRED_REGION.get(doc["location"], "") if geo else ""),
        text("StatusOfSecondary", "Available" if geo and created else ""),
        text("CreationTime", iso8601(doc["created"])),
        element("CustomDomains", []),
        text("AccountType", doc["account_type"]),
    ])


def _storage_item(ctx, doc, now, with_capabilities):
    return [
        text("Url", ctx.url("services", "storageservices", doc["name"])),
        text("ServiceName", doc["name"]),
        _storage_properties(doc, now),
        _extended_properties(doc["extended_properties"]),
        element("Capabilities", [text("Capability", "PersistentVMRole")]) if with_capabilities else None,
    ]


def storage_account(ctx, doc, now):
    return document("StorageService", _storage_item(ctx, doc, now, True))


def storage_accounts_list(ctx, docs, now):
    return document("StorageServices", [element("StorageService", _storage_item(ctx, doc, now, False)) for doc in docs])


def storage_keys(ctx, doc):
    return document("StorageService", [
        text("Url", ctx.url("services", "storageservices", doc["name"])),
        text("ServiceName", doc["name"]),
        element("StorageServiceKeys", [text("Primary", doc["keys"]["primary"]), text("Secondary", doc["keys"]["secondary"])]),
    ])


# -- OS images ----------------------------------------------------------------------------------
def user_os_image_children(doc):
    described = doc.get("descriptive", {})
    return [
        text("Category", "User"),
        text("Label", doc["label"]),
        text("Location", doc["location"]),
        text("LogicalSizeInGB", doc["size_gb"]),
        text("MediaLink", doc["media_link"]),
        text("Name", doc["name"]),
        text("OS", doc["os"]),
        text("Eula", described.get("Eula")),
        text("Description", described.get("Description")),
        text("ImageFamily", described.get("ImageFamily")),
        text("ShowInGui", described.get("ShowInGui")),
        text("PublishedDate", described.get("PublishedDate")),
        text("IsPremium", False),
        text("IconUri", described.get("IconUri")),
        text("PrivacyUri", described.get("PrivacyUri")),
        text("RecommendedVMSize", described.get("RecommendedVMSize")),
        text("SmallIconUri", described.get("SmallIconUri")),
        text("Language", described.get("Language")),
        text("OSState", doc["os_state"]),
        text("IOType", "Standard"),
    ]


def user_os_image(doc):
    return document("OSImage", user_os_image_children(doc))


def platform_os_image(image):
    """A recorded list item served as a document of its own: the same element with the namespaces."""
    return image.fragment.replace("<OSImage>", "<OSImage %s>" % NAMESPACES, 1)


def os_images(platform, users):
    inner = "".join(image.fragment for image in platform) + "".join(element("OSImage", user_os_image_children(doc)) for doc in users)
    return document("Images", [inner])


def os_image_details(doc):
    """``GET /services/images/<name>/details`` (recorded): the image fields up to IsPremium, then
    the replication progress per target region."""
    children = user_os_image_children(doc)[:13]
    progress = [element("ReplicationProgressElement", [text("Location", region), text("Progress", 0)]) for region in doc.get("replicated_to", [])]
    return document("OSImageDetails", children + [element("ReplicationProgress", progress)])


def replication_answer(doc):
    """The recorded answer of Replicate: a serialized string with the published image name."""
    return '<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">%s__%s</string>' % (doc["subscription_id"].replace("-", ""), doc["name"])
