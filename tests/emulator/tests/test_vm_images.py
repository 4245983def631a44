"""Capture Role as VM Image, VM image list filters, create, update, delete, VMs from VM images."""
from __future__ import annotations

import builders as b
from support import NS, body, child_text, error_of, parse, tags

CAPTURED_TAGS = ["Name", "Label", "Category", "OSDiskConfiguration", "DataDiskConfigurations", "ServiceName", "DeploymentName", "RoleName",
                 "Location", "CreatedTime", "ModifiedTime", "IsPremium", "VMImageState", "RoleStateOnCapture", "RoleSizeOnCapture"]


def user_images(emu, query=""):
    root = parse(emu.asm("GET", "/services/vmimages" + query).text)
    return [image for image in root if child_text(image, "Category") == "User"]


def capture(emu, image, os_state, service="vmsvc"):
    path = "/services/hostedservices/%s/deployments/%s/roleinstances/%s/Operations" % (service, service, service)
    response = emu.asm("POST", path, b.capture(image, os_state))
    assert response.status_code == 202, response.text
    return emu.wait_operation(response.headers["x-ms-request-id"])


def test_capture_specialized_keeps_the_vm(emu):
    b.setup_vm(emu)
    assert child_text(capture(emu, "special", "Specialized"), "Status") == "Succeeded"
    assert emu.asm("GET", "/services/hostedservices/vmsvc/deployments/vmsvc").status_code == 200
    images = user_images(emu)
    assert [child_text(i, "Name") for i in images] == ["special"]
    image = images[0]
    assert tags(image) == CAPTURED_TAGS
    assert tags(image.find(NS + "OSDiskConfiguration")) == ["Name", "HostCaching", "OSState", "OS", "MediaLink", "LogicalDiskSizeInGB", "IOType"]
    assert child_text(image, "OSDiskConfiguration/OSState") == "Specialized"
    media = child_text(image, "OSDiskConfiguration/MediaLink")
    assert media.startswith("https://vmstore.blob.core.windows.net/vhds/special-os-") and media.endswith(".vhd")
    assert [child_text(image, "ServiceName"), child_text(image, "RoleSizeOnCapture"), child_text(image, "Location")] == ["vmsvc", "Small", "West US"]
    assert child_text(image, "RoleStateOnCapture") in ("RoleStateUnknown", "ReadyRole")
    assert len(child_text(image, "CreatedTime")) == len("2015-07-02T18:17:13.9333545Z")
    again = emu.asm("POST", "/services/hostedservices/vmsvc/deployments/vmsvc/roleinstances/vmsvc/Operations", b.capture("special"))
    assert error_of(again)[:2] == (409, "ConflictError")


def test_capture_generalized_removes_the_vm(emu):
    b.setup_vm(emu)
    assert child_text(capture(emu, "general", "Generalized"), "Status") == "Succeeded"
    assert error_of(emu.asm("GET", "/services/hostedservices/vmsvc/deployments/vmsvc")) == (404, "ResourceNotFound", "No deployments were found.")
    assert len(parse(emu.asm("GET", "/services/disks").text)) == 0
    assert child_text(user_images(emu)[0], "OSDiskConfiguration/OSState") == "Generalized"
    # A VM from a generalized image needs a provisioning configuration.
    no_config = body("Deployment", "<Name>g2</Name><DeploymentSlot>Production</DeploymentSlot><Label>g2</Label><RoleList><Role><RoleName>g2</RoleName>"
                                   "<RoleType>PersistentVMRole</RoleType><VMImageName>general</VMImageName><RoleSize>Small</RoleSize></Role></RoleList>")
    assert error_of(emu.asm("POST", "/services/hostedservices/vmsvc/deployments", no_config))[:2] == (400, "BadRequest")
    with_config = no_config.replace("<RoleType>PersistentVMRole</RoleType>", "<RoleType>PersistentVMRole</RoleType><ConfigurationSets>%s</ConfigurationSets>"
                                    % b.linux_config())
    response = emu.asm("POST", "/services/hostedservices/vmsvc/deployments", with_config)
    assert response.status_code == 202, response.text
    emu.wait_operation(response.headers["x-ms-request-id"])
    role = parse(emu.asm("GET", "/services/hostedservices/vmsvc/deployments/g2/roles/g2").text)
    assert child_text(role, "VMImageName") == "general"
    assert child_text(role, "OSVirtualHardDisk/MediaLink").startswith("https://vmstore.blob.core.windows.net/vhds/vmsvc-g2-")


def test_vm_image_list_filters(emu):
    b.setup_vm(emu)
    capture(emu, "filtered", "Specialized")
    everything = parse(emu.asm("GET", "/services/vmimages").text)
    assert child_text(everything[0], "Name") == "filtered" and len(everything) == 40
    assert [child_text(i, "Name") for i in parse(emu.asm("GET", "/services/vmimages?category=User").text)] == ["filtered"]
    public = parse(emu.asm("GET", "/services/vmimages?category=Public").text)
    assert len(public) == 39 and all(child_text(i, "Category") == "Public" for i in public)
    cloudera = parse(emu.asm("GET", "/services/vmimages?publisher=Cloudera").text)
    assert [child_text(i, "PublisherName") for i in cloudera] == ["Cloudera"]
    east = [child_text(i, "Name") for i in parse(emu.asm("GET", "/services/vmimages?location=East%20US").text)]
    assert "filtered" not in east and east
    west = [child_text(i, "Name") for i in parse(emu.asm("GET", "/services/vmimages?location=West%20US&category=User").text)]
    assert west == ["filtered"]


def test_create_update_delete_vm_image(emu):
    response = emu.asm("POST", "/services/storageservices", b.storage("imgstore"))
    emu.wait_operation(response.headers["x-ms-request-id"])
    create = body("VMImage", "<Name>made</Name><Label>made label</Label><Description>d</Description><OSDiskConfiguration><OSState>Specialized</OSState>"
                             "<OS>Linux</OS><MediaLink>https://imgstore.blob.core.windows.net/c/imagecopy.vhd</MediaLink></OSDiskConfiguration>"
                             "<Language>English</Language><ShowInGui>true</ShowInGui>")
    response = emu.asm("POST", "/services/vmimages", create)
    assert response.status_code == 202
    assert child_text(emu.wait_operation(response.headers["x-ms-request-id"]), "Status") == "Succeeded"
    image = user_images(emu)[0]
    assert child_text(image, "OSDiskConfiguration/Name") == "imagecopy"
    update = body("VMImage", "<Label>Updated label</Label><Description>Updated description</Description><OSDiskConfiguration><HostCaching>ReadOnly"
                             "</HostCaching></OSDiskConfiguration><DataDiskConfigurations></DataDiskConfigurations><Eula>Updated eula</Eula>"
                             "<ShowInGui>false</ShowInGui>")
    assert emu.asm("PUT", "/services/vmimages/made", update).status_code == 200
    image = user_images(emu)[0]
    assert tags(image) == ["Name", "Label", "Category", "Description", "OSDiskConfiguration", "DataDiskConfigurations", "Location", "CreatedTime",
                           "ModifiedTime", "Language", "IsPremium", "Eula", "ShowInGui", "VMImageState"]
    assert [child_text(image, "Label"), child_text(image, "OSDiskConfiguration/HostCaching"), child_text(image, "ShowInGui")] == [
        "Updated label", "ReadOnly", "false"]
    assert error_of(emu.asm("DELETE", "/services/storageservices/imgstore"))[:2] == (400, "BadRequest")
    delete = emu.asm("DELETE", "/services/vmimages/made?comp=media")
    assert delete.status_code == 202
    assert child_text(emu.wait_operation(delete.headers["x-ms-request-id"]), "Status") == "Succeeded"
    assert user_images(emu) == []
    assert error_of(emu.asm("DELETE", "/services/vmimages/made"))[:2] == (404, "ResourceNotFound")
    platform = child_text(parse(emu.asm("GET", "/services/vmimages?category=Public").text)[0], "Name")
    assert error_of(emu.asm("DELETE", "/services/vmimages/" + platform))[:2] == (400, "BadRequest")


def test_vm_from_platform_vm_image_needs_media_location(emu):
    b.setup_vm(emu)
    platform = [i for i in parse(emu.asm("GET", "/services/vmimages?category=Public").text) if child_text(i, "OSDiskConfiguration/OS") == "Linux"][0]
    name = child_text(platform, "Name")
    role = ("<RoleName>pvm</RoleName><RoleType>PersistentVMRole</RoleType><ConfigurationSets>%s</ConfigurationSets><VMImageName>%s</VMImageName>%s"
            "<RoleSize>Medium</RoleSize>")
    base = "/services/hostedservices/vmsvc/deployments/vmsvc/roles"
    assert error_of(emu.asm("POST", base, body("PersistentVMRole", role % (b.linux_config(), name, ""))))[:2] == (400, "BadRequest")
    response = emu.asm("POST", base, body("PersistentVMRole", role % (b.linux_config(), name, "<MediaLocation>https://vmstore.blob.core.windows.net/pvm"
                                                                                              "</MediaLocation>")))
    assert response.status_code == 202, response.text
