"""Hosted services, storage accounts, OS images, operations: shapes, status codes and rules."""
from __future__ import annotations

import base64
import re

from support import NS, body, child_text, error_of, parse, tags

HS_PROPERTIES = ["Description", "Location", "Label", "Status", "DateCreated", "DateLastModified", "ExtendedProperties"]


def b64(text):
    return base64.b64encode(text.encode()).decode()


def create_service(emu, name, label="label", location="West US", description="desc", extra=""):
    inner = "<ServiceName>%s</ServiceName><Label>%s</Label>" % (name, b64(label))
    if description is not None:
        inner += "<Description>%s</Description>" % description
    inner += "<Location>%s</Location>%s" % (location, extra)
    return emu.asm("POST", "/services/hostedservices", body("CreateHostedService", inner))


def create_storage(emu, name, location="West US", label="lbl", account_type="Standard_LRS"):
    inner = "<ServiceName>%s</ServiceName><Description>d</Description><Label>%s</Label><Location>%s</Location><AccountType>%s</AccountType>" % (
        name, b64(label), location, account_type)
    return emu.asm("POST", "/services/storageservices", body("CreateStorageServiceInput", inner))


def test_hosted_service_lifecycle_shapes_and_codes(emu):
    props = "<ExtendedProperties><ExtendedProperty><Name>ext2</Name><Value>val2</Value></ExtendedProperty></ExtendedProperties>"
    response = create_service(emu, "svc1", label="python label", extra=props)
    assert response.status_code == 201 and response.text == ""
    request_id = response.headers["x-ms-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert response.headers["Location"].endswith("/subscriptions/%s/compute/svc1" % emu.sub)
    op = emu.wait_operation(request_id)
    assert tags(op) == ["ID", "Status", "HttpStatusCode"]
    assert child_text(op, "ID") == "%s-%s-%s-%s-%s" % (request_id[:8], request_id[8:12], request_id[12:16], request_id[16:20], request_id[20:])
    got = emu.asm("GET", "/services/hostedservices/svc1?embed-detail=false")
    assert got.status_code == 200 and got.headers["Content-Type"] == "application/xml; charset=utf-8"
    assert got.text.startswith('<HostedService xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">')
    root = parse(got.text)
    assert tags(root) == ["Url", "ServiceName", "HostedServiceProperties"]
    assert tags(root.find(NS + "HostedServiceProperties")) == HS_PROPERTIES
    assert child_text(root, "HostedServiceProperties/Label") == b64("python label")
    assert "<Description>desc</Description>" in got.text
    update = body("UpdateHostedService", "<Label>%s</Label><Description>new</Description><ExtendedProperties><ExtendedProperty><Name>ext3</Name>"
                                         "<Value>v3</Value></ExtendedProperty></ExtendedProperties>" % b64("new label"))
    assert emu.asm("PUT", "/services/hostedservices/svc1", update).status_code == 200
    root = parse(emu.asm("GET", "/services/hostedservices/svc1").text)
    names = [e.text for e in root.iter(NS + "Name")]
    assert names == ["ext2", "ext3"]
    embedded = emu.asm("GET", "/services/hostedservices/svc1?embed-detail=true").text
    assert "<Deployments/></HostedService>" in embedded
    listing = parse(emu.asm("GET", "/services/hostedservices").text)
    assert [child_text(item, "ServiceName") for item in listing] == ["svc1"]
    assert tags(listing[0]) == ["Url", "ServiceName", "HostedServiceProperties", "ComputeCapabilities"]
    delete = emu.asm("DELETE", "/services/hostedservices/svc1")
    assert delete.status_code == 200
    assert child_text(emu.wait_operation(delete.headers["x-ms-request-id"]), "Status") == "Succeeded"
    assert error_of(emu.asm("GET", "/services/hostedservices/svc1")) == (404, "ResourceNotFound", "The hosted service does not exist.")


def test_hosted_service_without_description_is_nil(emu):
    assert create_service(emu, "nodesc", description=None).status_code == 201
    assert '<Description i:nil="true"/>' in emu.asm("GET", "/services/hostedservices/nodesc").text


def test_hosted_service_rules(emu):
    assert error_of(create_service(emu, "bad_name")) == (400, "BadRequest", "The hosted service name is invalid.")
    assert error_of(create_service(emu, "-x"))[0] == 400
    assert error_of(create_service(emu, "okname", label="x" * 101))[:2] == (400, "BadRequest")
    assert error_of(create_service(emu, "okname", description="d" * 1025)) == (400, "BadRequest", "The description is too long")
    assert error_of(create_service(emu, "okname", location="Mars North")) == (400, "BadRequest", "The location constraint is not valid")
    assert create_service(emu, "taken").status_code == 201
    assert error_of(create_service(emu, "TAKEN")) == (409, "ConflictError", "The specified DNS name is already taken.")
    available = parse(emu.asm("GET", "/services/hostedservices/operations/isavailable/taken").text)
    assert [child_text(available, "Result"), child_text(available, "Reason")] == ["false", "A hosted service with the specified name already exists."]
    free = emu.asm("GET", "/services/hostedservices/operations/isavailable/freename").text
    assert "<Result>true</Result><Reason i:nil=\"true\"/>" in free


def test_storage_account_lifecycle_and_async_create(make_emulator):
    emu = make_emulator("--duration", "storage_create=3", "--time-scale", "1")
    response = create_storage(emu, "stor1")
    assert response.status_code == 202 and response.headers["Location"].endswith("/storage/stor1")
    request_id = response.headers["x-ms-request-id"]
    first = parse(emu.asm("GET", "/operations/" + request_id).text)
    assert tags(first) == ["ID", "Status"] and child_text(first, "Status") == "InProgress"
    assert child_text(parse(emu.asm("GET", "/services/storageservices/stor1").text), "StorageServiceProperties/Status") == "Creating"
    conflict = emu.asm("DELETE", "/services/storageservices/stor1")
    assert error_of(conflict)[:2] == (409, "ConflictError")
    final = emu.wait_operation(request_id, timeout=10)
    assert tags(final) == ["ID", "Status", "HttpStatusCode"] and child_text(final, "HttpStatusCode") == "200"
    root = parse(emu.asm("GET", "/services/storageservices/stor1").text)
    assert tags(root) == ["Url", "ServiceName", "StorageServiceProperties", "ExtendedProperties", "Capabilities"]
    assert tags(root.find(NS + "StorageServiceProperties")) == [
        "Description", "Location", "Label", "Status", "Endpoints", "GeoPrimaryRegion", "StatusOfPrimary", "GeoSecondaryRegion",
        "StatusOfSecondary", "CreationTime", "CustomDomains", "AccountType"]
    assert child_text(root, "StorageServiceProperties/Status") == "Created"
    assert child_text(root, "StorageServiceProperties/Label") == b64("lbl")
    props = [child_text(p, "Name") for p in root.find(NS + "ExtendedProperties")]
    assert props == ["ResourceGroup", "ResourceLocation"]
    keys = parse(emu.asm("GET", "/services/storageservices/stor1/keys").text)
    assert tags(keys) == ["Url", "ServiceName", "StorageServiceKeys"]
    old = child_text(keys, "StorageServiceKeys/Primary")
    regen = emu.asm("POST", "/services/storageservices/stor1/keys?action=regenerate", body("RegenerateKeys", "<KeyType>Primary</KeyType>"))
    assert regen.status_code == 200 and child_text(parse(regen.text), "StorageServiceKeys/Primary") != old
    listing = parse(emu.asm("GET", "/services/storageservices").text)
    assert tags(listing[0]) == ["Url", "ServiceName", "StorageServiceProperties", "ExtendedProperties"]
    delete = emu.asm("DELETE", "/services/storageservices/stor1")
    assert delete.status_code == 200
    assert error_of(emu.asm("GET", "/services/storageservices/stor1")) == (404, "ResourceNotFound", "The storage account 'stor1' was not found.")


def test_storage_rules(emu):
    message = ("The name is not a valid storage account name. Storage account names must be between 3 and 24 characters in length "
               "and use numbers and lower-case letters only.")
    for bad in ("UPPER", "ab", "a" * 25, "with-dash"):
        assert error_of(create_storage(emu, bad)) == (400, "BadRequest", message), bad
    assert error_of(create_storage(emu, "okname", label="x" * 101)) == (400, "BadRequest", "The label is not a valid storage account label.")
    assert error_of(create_storage(emu, "okname", location="Nowhere")) == (400, "BadRequest", "The location constraint is not valid")
    long_description = body("CreateStorageServiceInput", "<ServiceName>okname</ServiceName><Description>%s</Description><Label>%s</Label>"
                                                         "<Location>West US</Location>" % ("d" * 1025, b64("l")))
    assert error_of(emu.asm("POST", "/services/storageservices", long_description)) == (400, "BadRequest", "The description is too long")
    assert create_storage(emu, "takenstor").status_code == 202
    assert error_of(create_storage(emu, "takenstor")) == (409, "ConflictError", "A storage account named 'takenstor' already exists in the subscription.")
    reason = child_text(parse(emu.asm("GET", "/services/storageservices/operations/isavailable/takenstor").text), "Reason")
    assert reason == "A storage account named 'takenstor' already exists in the subscription."


def test_os_image_add_get_update_delete(emu):
    created = create_storage(emu, "imgstore")
    assert created.status_code == 202
    # Until its create finishes the account is locked (409 exclusive access), which would hide the rule tested below.
    emu.wait_operation(created.headers["x-ms-request-id"])
    media = "http://imgstore.blob.core.windows.net/vhds/ubuntu.vhd"
    add = emu.asm("POST", "/services/images", body("OSImage", "<Label>mycentos</Label><MediaLink>%s</MediaLink><Name>mycentos</Name><OS>Linux</OS>" % media))
    assert add.status_code == 200
    root = parse(add.text)
    assert tags(root) == ["Category", "Label", "Location", "LogicalSizeInGB", "MediaLink", "Name", "OS", "IsPremium", "OSState", "IOType"]
    assert [child_text(root, "Category"), child_text(root, "Location"), child_text(root, "OSState")] == ["User", "West US", "Generalized"]
    assert child_text(emu.wait_operation(add.headers["x-ms-request-id"]), "Status") == "Succeeded"
    assert parse(emu.asm("GET", "/services/images/mycentos").text).tag == NS + "OSImage"
    listing = parse(emu.asm("GET", "/services/images").text)
    names = [child_text(item, "Name") for item in listing]
    assert names[-1] == "mycentos" and "OpenLogic__OpenLogic-CentOS-62-20120531-ru-ru-30GB.vhd" in names and len(names) > 500
    update_body = body("OSImage", "<Label>newlabel</Label><MediaLink>%s</MediaLink><Name>mycentos</Name><OS>Linux</OS>" % media)
    update = emu.asm("PUT", "/services/images/mycentos", update_body)
    assert update.status_code == 200 and child_text(parse(update.text), "Label") == "newlabel"
    assert error_of(emu.asm("DELETE", "/services/storageservices/imgstore"))[:2] == (400, "BadRequest")
    delete = emu.asm("DELETE", "/services/images/mycentos?comp=media")
    assert delete.status_code == 200
    assert error_of(emu.asm("GET", "/services/images/mycentos")) == (404, "ResourceNotFound", "The image with the specified name does not exist.")
    assert emu.asm("DELETE", "/services/storageservices/imgstore").status_code == 200


def test_os_image_rules(emu):
    bad_media = body("OSImage", "<Label>l</Label><MediaLink>http://nostore.blob.core.windows.net/v/x.vhd</MediaLink><Name>img</Name><OS>Linux</OS>")
    assert error_of(emu.asm("POST", "/services/images", bad_media))[:2] == (400, "BadRequest")
    assert create_storage(emu, "osimgs").status_code == 202
    bad_os = body("OSImage", "<Label>l</Label><MediaLink>http://osimgs.blob.core.windows.net/v/x.vhd</MediaLink><Name>img</Name><OS>BeOS</OS>")
    assert error_of(emu.asm("POST", "/services/images", bad_os))[:2] == (400, "BadRequest")
    platform = body("OSImage", "<Label>l</Label><MediaLink>http://osimgs.blob.core.windows.net/v/x.vhd</MediaLink>"
                               "<Name>OpenLogic__OpenLogic-CentOS-62-20120531-ru-ru-30GB.vhd</Name><OS>Linux</OS>")
    assert error_of(emu.asm("POST", "/services/images", platform))[:2] == (409, "ConflictError")
    assert error_of(emu.asm("DELETE", "/services/images/OpenLogic__OpenLogic-CentOS-62-20120531-ru-ru-30GB.vhd"))[:2] == (400, "BadRequest")
    seed = emu.asm("GET", "/services/images/OpenLogic__OpenLogic-CentOS-62-20120531-ru-ru-30GB.vhd")
    assert seed.status_code == 200 and child_text(parse(seed.text), "OS") == "Linux"


def test_catalogue_lists(emu):
    locations = parse(emu.asm("GET", "/locations").text)
    names = [child_text(loc, "Name") for loc in locations]
    assert "West US" in names and "North Europe" in names and len(names) == 18
    sizes = [child_text(size, "Name") for size in parse(emu.asm("GET", "/rolesizes").text)]
    assert "Small" in sizes and "Standard_D14" in sizes
    systems = parse(emu.asm("GET", "/operatingsystems").text)
    assert tags(systems[0]) == ["Version", "Label", "IsDefault", "IsActive", "Family", "FamilyLabel"]
    families = parse(emu.asm("GET", "/operatingsystemfamilies").text)
    assert [child_text(f, "Name") for f in families] == ["1", "2", "3", "4"]
    assert tags(families[0]) == ["Name", "Label", "OperatingSystems"]
    assert base64.b64decode(child_text(families[3], "Label")).decode() == "Windows Server 2012 R2"
    images = parse(emu.asm("GET", "/services/images").text)
    assert len(images) == 523 and {child_text(i, "Category") for i in images} == {"Public"}
    assert {child_text(i, "OS") for i in images} == {"Linux", "Windows"}
    publishers = {child_text(i, "PublisherName") for i in images}
    assert {"OpenLogic", "Canonical", "Microsoft Windows Server Group", "SUSE"} <= publishers
    seed = [i for i in images if child_text(i, "Name") == "OpenLogic__OpenLogic-CentOS-62-20120531-ru-ru-30GB.vhd"][0]
    assert child_text(seed, "PublisherName") == "OpenLogic" and "West US" in child_text(seed, "Location").split(";")
    raw = emu.asm("GET", "/services/images").content
    assert "Microsoft\u2019s experience".encode("utf-8") in raw  # the recorded bytes, not the data file's &#8217;


def test_unknown_operation_is_404(emu):
    assert error_of(emu.asm("GET", "/operations/" + "0" * 32))[:2] == (404, "ResourceNotFound")
