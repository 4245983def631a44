"""Every example of the seed walkthrough (seeds/000_d25a0f2e61fd45bc.txt), run with Microsoft's own
client, azure-servicemanagement-legacy 0.20.8, against the emulator; each result is checked the way
the walkthrough uses it (attribute access, string concatenation, base64-decoded labels)."""
from __future__ import annotations

import pytest

azure_sm = pytest.importorskip("azure.servicemanagement")

SEED_IMAGE = "OpenLogic__OpenLogic-CentOS-62-20120531-ru-ru-30GB.vhd"


def wait(sms, result, timeout=30):
    return sms.wait_for_operation_status(result.request_id, timeout=timeout, sleep_interval=0.05,
                                         progress_callback=None, success_callback=None)


def test_seed_walkthrough_with_the_sdk(emu, capsys):
    sms = emu.sms()

    # Connect, list available locations.
    result = sms.list_locations()
    names = [location.name for location in result]
    assert "West US" in names and "North Europe" in names

    # Create a cloud service; list it; get its properties.
    request = sms.create_hosted_service("myhostedservice", "myhostedservice", "my hosted service", "West US")
    assert len(request.request_id) == 32
    assert sms.get_operation_status(request.request_id).status == "Succeeded"
    result = sms.list_hosted_services()
    for hosted_service in result:
        print("Service name: " + hosted_service.service_name)
        print("Management URL: " + hosted_service.url)
        print("Location: " + hosted_service.hosted_service_properties.location)
    assert [s.service_name for s in result] == ["myhostedservice"]
    assert result[0].hosted_service_properties.label == "myhostedservice"  # base64 decoded by the SDK
    hosted_service = sms.get_hosted_service_properties("myhostedservice")
    assert hosted_service.hosted_service_properties.description == "my hosted service"
    assert hosted_service.deployments is None
    detail = sms.get_hosted_service_properties("myhostedservice", embed_detail=True)
    assert len(detail.deployments) == 0

    # Delete the cloud service.
    wait(sms, sms.delete_hosted_service("myhostedservice"))
    with pytest.raises(azure_sm.models.AzureHttpError if hasattr(azure_sm.models, "AzureHttpError") else Exception):
        sms.get_hosted_service_properties("myhostedservice")

    # Create a storage service and poll its operation; list; delete.
    result = sms.create_storage_account("mystorageaccount", "My storage account description.", "mystorageaccount", location="West US")
    operation_result = sms.get_operation_status(result.request_id)
    print("Operation status: " + operation_result.status)
    assert operation_result.status in ("InProgress", "Succeeded")
    assert wait(sms, result).status == "Succeeded"
    for account in sms.list_storage_accounts():
        print("Service name: " + account.service_name)
        print("Location: " + account.storage_service_properties.location)
    props = sms.get_storage_account_properties("mystorageaccount")
    assert props.storage_service_properties.label == "mystorageaccount" and props.storage_service_properties.status == "Created"
    keys = sms.get_storage_account_keys("mystorageaccount")
    assert keys.storage_service_keys.primary
    wait(sms, sms.delete_storage_account("mystorageaccount"))
    assert len(sms.list_storage_accounts()) == 0

    # List operating systems and families.
    for os_entry in sms.list_operating_systems():
        print("OS: " + os_entry.label)
        print("Family: " + os_entry.family_label)
        print("Active: " + str(os_entry.is_active))
    families = sms.list_operating_system_families()
    assert [family.name for family in families] == ["1", "2", "3", "4"]
    for family in families:
        print("Family: " + family.label)
        for os_entry in family.operating_systems:
            if os_entry.is_active:
                print("OS: " + os_entry.label)
                print("Version: " + os_entry.version)
    assert families[3].label == "Windows Server 2012 R2"

    # Create (add), list and delete an OS image.
    wait(sms, sms.create_storage_account("imagestore", "images", "imagestore", location="West US"))
    result = sms.add_os_image("mycentos", "https://imagestore.blob.core.windows.net/vhds/centos.vhd", "mycentos", "Linux")
    operation_result = sms.get_operation_status(result.request_id)
    print("Operation status: " + operation_result.status)
    assert operation_result.status == "Succeeded"
    images = sms.list_os_images()
    for image in images:
        print("Name: " + image.name)
        print("Label: " + image.label)
        print("OS: " + image.os)
        print("Category: " + image.category)
        print("Description: " + image.description)
        print("Location: " + image.location)
        print("Media link: " + image.media_link)
    by_name = {image.name: image for image in images}
    assert by_name["mycentos"].category == "User" and by_name["mycentos"].location == "West US"
    assert by_name[SEED_IMAGE].os == "Linux"
    assert sms.get_os_image("mycentos").media_link.endswith("centos.vhd")
    result = sms.delete_os_image("mycentos")
    assert sms.get_operation_status(result.request_id).status == "Succeeded"

    # Create a Linux virtual machine from the seed's image.
    name = "myvm"
    wait(sms, sms.create_hosted_service(service_name=name, label=name, location="West US"))
    linux_config = azure_sm.LinuxConfigurationSet("myhostname", "myuser", "mypassword", True)
    os_hd = azure_sm.OSVirtualHardDisk(SEED_IMAGE, "https://imagestore.blob.core.windows.net/vhds/myvm.vhd")
    result = sms.create_virtual_machine_deployment(service_name=name, deployment_name=name, deployment_slot="production", label=name,
                                                   role_name=name, system_config=linux_config, os_virtual_hard_disk=os_hd, role_size="Small")
    assert wait(sms, result).status == "Succeeded"
    deployment = sms.get_deployment_by_name(name, name)
    assert deployment.label == name and deployment.deployment_slot == "Production" and deployment.status == "Running"
    assert deployment.role_list[0].os_virtual_hard_disk.source_image_name == SEED_IMAGE
    assert deployment.role_instance_list[0].instance_status in ("RoleStateUnknown", "ReadyRole")
    assert "<Role name=\"myvm\">" in deployment.configuration
    role = sms.get_role(name, name, name)
    assert role.role_size == "Small" and role.os_virtual_hard_disk.os == "Linux"
    detail = sms.get_hosted_service_properties(name, embed_detail=True)
    assert detail.deployments[0].name == name and detail.deployments[0].role_instance_list[0].role_name == name
    disks = sms.list_disks()
    assert disks[0].attached_to.role_name == name and disks[0].os == "Linux" and disks[0].source_image_name == SEED_IMAGE
    assert sms.get_disk(disks[0].name).media_link.endswith("/vhds/myvm.vhd")
    assert sms.get_subscription().current_hosted_services == 1

    # Capture it as a VM image (Specialized, as in the walkthrough); list VM images.
    image_name = name + "image"
    image = azure_sm.CaptureRoleAsVMImage("Specialized", image_name, image_name + "label", image_name + "description", "english", "mygroup")
    result = sms.capture_vm_image(name, name, name, image)
    assert wait(sms, result).status == "Succeeded"
    images = sms.list_vm_images()
    captured = [i for i in images if i.name == image_name]
    assert captured and captured[0].category == "User" and captured[0].os_disk_configuration.os_state == "Specialized"
    assert captured[0].language == "english" and captured[0].image_family == "mygroup"
    assert any(i.category == "Public" for i in images)
    assert [i.name for i in sms.list_vm_images(location="West US", category="User")] == [image_name]

    # Delete the VM: deployment first, then the cloud service.
    wait(sms, sms.delete_deployment(service_name=name, deployment_name=name))
    wait(sms, sms.delete_hosted_service(service_name=name))

    # Create a virtual machine from the captured image.
    wait(sms, sms.create_hosted_service(service_name=name, label=name, location="West US"))
    result = sms.create_virtual_machine_deployment(service_name=name, deployment_name=name, deployment_slot="production", label=name,
                                                   role_name=name, system_config=linux_config, os_virtual_hard_disk=None, role_size="Small",
                                                   vm_image_name=image_name)
    assert wait(sms, result).status == "Succeeded"
    deployment = sms.get_deployment_by_slot(name, "production")
    assert deployment.name == name and deployment.role_list[0].role_name == name

    # Clean up: delete deployments and services.
    wait(sms, sms.delete_deployment(name, name, delete_vhd=True))
    wait(sms, sms.delete_hosted_service(name))
    assert len(sms.list_hosted_services()) == 0
    wait(sms, sms.delete_vm_image(image_name, delete_vhd=True))
    assert "Service name:" in capsys.readouterr().out
