"""Validation helpers and resource keys shared by the rules."""
from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import urlsplit

from asm_emulator import catalogue
from asm_emulator.errors import ASMError, bad_request

# Resource kinds in the store.
HOSTED_SERVICE = "hosted_service"
STORAGE_ACCOUNT = "storage_account"
OS_IMAGE = "os_image"
VM_IMAGE = "vm_image"
DEPLOYMENT = "deployment"
DISK = "disk"
SERVICE_CERTIFICATE = "service_certificate"

MAX_LABEL = 100
MAX_DESCRIPTION = 1024
MAX_EXTENDED_PROPERTIES = 50
_EXTENDED_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_BLOB_HOST = re.compile(r"^([a-z0-9]{3,24})\.blob\.core\.windows\.net$")


def global_key(name):
    """Hosted service and storage account names are global DNS labels, case-insensitive."""
    return name.lower()


def subscription_key(subscription_id, name):
    """Images and disks are named per subscription, case-insensitively."""
    return "%s/%s" % (subscription_id.lower(), name.lower())


def deployment_key(service, deployment):
    return "%s/%s" % (service.lower(), deployment.lower())


def hosted_service(tx, ctx, name):
    """The subscription's hosted service ``name`` or 404 (another subscription's is invisible)."""
    doc = tx.get(HOSTED_SERVICE, global_key(name or ""))
    if doc is None or doc["subscription_id"] != ctx.subscription_id:
        raise ASMError(404, "ResourceNotFound", "The hosted service does not exist.")  # recorded
    return doc


def require(value, what):
    if value is None or value == "":
        raise bad_request("The %s must be specified." % what)
    return value


def decode_base64_label(value, invalid_message):
    """Labels of hosted services and storage accounts travel base64-encoded; return the text."""
    try:
        raw = base64.b64decode(value or "", validate=True)
        return raw.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise bad_request(invalid_message) from None


def check_label(text, invalid_message):
    if not text or len(text) > MAX_LABEL:
        raise bad_request(invalid_message)


def check_description(description):
    # Message from a real fixture (azure-sdk-for-ruby create_storage_desc_error.xml).
    if description is not None and len(description) > MAX_DESCRIPTION:
        raise bad_request("The description is too long")


def check_location(location, affinity_group):
    """Exactly one of location / affinity group; affinity groups are not emulated."""
    if affinity_group:
        raise bad_request("The affinity group name '%s' is not valid: affinity groups are not supported by this emulator; use a location." % affinity_group)
    if not location:
        raise bad_request("A location or an affinity group must be specified.")
    known = catalogue.find_location(location)
    if known is None:
        # Message from a real fixture (azure-sdk-for-ruby create_storage_location_error.xml).
        raise bad_request("The location constraint is not valid")
    return known


def parse_extended_properties(node):
    """``<ExtendedProperties><ExtendedProperty><Name/><Value/>...`` -> [[name, value], ...] (validated)."""
    if node is None:
        return None
    pairs = []
    for prop in node.all("ExtendedProperty"):
        name = prop.value("Name", "")
        value = prop.value("Value", "")
        if len(name) > 64:
            # Message from a real fixture (azure-sdk-for-ruby create_storage_extendedpropname_error.xml).
            raise bad_request("Extended property name %s is too long. Only 64 characters are permitted." % name)
        if not _EXTENDED_NAME.match(name):
            raise bad_request("Extended property name %s is invalid. It must start with a letter and contain only letters, digits and underscores." % name)
        if len(value) > 255:
            raise bad_request("Extended property value for %s is too long. Only 255 characters are permitted." % name)
        pairs.append([name, value])
    if len(pairs) > MAX_EXTENDED_PROPERTIES:
        raise bad_request("Too many extended properties: at most %d are permitted." % MAX_EXTENDED_PROPERTIES)
    return pairs


def merge_extended_properties(current, updates):
    """ASM updates properties by name in place and appends new ones (recorded update order)."""
    merged = [list(pair) for pair in current]
    for name, value in updates or ():
        for pair in merged:
            if pair[0] == name:
                pair[1] = value
                break
        else:
            merged.append([name, value])
    return merged


class BlobLocation:
    """A VHD URL split into storage account, container and blob."""

    def __init__(self, url, account, container, blob):
        self.url = url
        self.account = account
        self.container = container
        self.blob = blob

    def container_url(self):
        return self.url[:self.url.rindex("/" + self.blob)] if self.blob else self.url.rstrip("/")


def parse_blob_url(url):
    """``http(s)://<account>.blob.core.windows.net/<container>/<blob>`` or None."""
    parts = urlsplit(url or "")
    match = _BLOB_HOST.match((parts.hostname or "").lower())
    if parts.scheme not in ("http", "https") or not match:
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    if len(segments) < 2:
        return None
    return BlobLocation(url, match.group(1), segments[0], "/".join(segments[1:]))


def storage_account_of_blob(tx, ctx, url, what="VHD"):
    """The subscription's storage account holding ``url``, or 400 as ASM answered."""
    blob = parse_blob_url(url)
    if blob is None:
        raise bad_request("The %s URI %s is not a valid blob URI: it must look like https://<account>.blob.core.windows.net/<container>/<blob>." % (what, url))
    account = tx.get(STORAGE_ACCOUNT, global_key(blob.account))
    if account is None or account["subscription_id"] != ctx.subscription_id:
        # Real wording, grammar included.
        raise bad_request("The storage account with the name %s as specified in the VHD URI %s does not exists in the current subscription"
                          % (blob.account, url))
    return account, blob


def media_link_in_use(tx, ctx, url):
    """The disk or image registered on the blob ``url``, if any (a blob backs one of them at most)."""
    wanted = (url or "").lower()
    for kind in (DISK, OS_IMAGE, VM_IMAGE):
        for doc in tx.list(kind, subscription_id=ctx.subscription_id):
            links = [doc.get("media_link")] + [d.get("media_link") for d in doc.get("data_disks", [])]
            if wanted in [(link or "").lower() for link in links]:
                return doc["name"]
    return None


def ensure_blob_free(tx, ctx, url):
    owner = media_link_in_use(tx, ctx, url)
    if owner is not None:
        raise ASMError(409, "ConflictError", "The VHD %s is already registered with image repository as the resource with ID %s." % (url, owner))
