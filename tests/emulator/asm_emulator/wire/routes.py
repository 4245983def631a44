"""The route table: every ASM call the emulator answers, subscription-relative."""
from __future__ import annotations

from asm_emulator.wire import handlers_compute as compute
from asm_emulator.wire import handlers_images as images
from asm_emulator.wire import handlers_platform as platform
from asm_emulator.wire import handlers_services as services
from asm_emulator.wire.routing import Route, Router

ROUTES = [
    Route("GET", "/", platform.get_subscription),
    Route("GET", "/locations", platform.list_locations),
    Route("GET", "/rolesizes", platform.list_role_sizes),
    Route("GET", "/operatingsystems", platform.list_operating_systems),
    Route("GET", "/operatingsystemfamilies", platform.list_operating_system_families),
    Route("GET", "/operations/{request_id}", platform.get_operation_status),
    Route("GET", "/certificates", platform.list_management_certificates),
    Route("POST", "/certificates", platform.add_management_certificate),
    Route("GET", "/certificates/{thumbprint}", platform.get_management_certificate),
    Route("DELETE", "/certificates/{thumbprint}", platform.delete_management_certificate),
    # hosted services
    Route("GET", "/services/hostedservices", services.list_hosted_services),
    Route("POST", "/services/hostedservices", services.create_hosted_service),
    Route("GET", "/services/hostedservices/operations/isavailable/{name}", services.hosted_service_name_available),
    Route("GET", "/services/hostedservices/{service}", services.get_hosted_service),
    Route("PUT", "/services/hostedservices/{service}", services.update_hosted_service),
    Route("DELETE", "/services/hostedservices/{service}", services.delete_hosted_service),
    # storage accounts
    Route("GET", "/services/storageservices", services.list_storage_accounts),
    Route("POST", "/services/storageservices", services.create_storage_account),
    Route("GET", "/services/storageservices/operations/isavailable/{name}", services.storage_name_available),
    Route("GET", "/services/storageservices/{name}", services.get_storage_account),
    Route("PUT", "/services/storageservices/{name}", services.update_storage_account),
    Route("DELETE", "/services/storageservices/{name}", services.delete_storage_account),
    Route("GET", "/services/storageservices/{name}/keys", services.get_storage_keys),
    Route("POST", "/services/storageservices/{name}/keys", services.regenerate_storage_keys),
    # OS images
    Route("GET", "/services/images", images.list_os_images),
    Route("POST", "/services/images", images.add_os_image),
    Route("GET", "/services/images/{name}", images.get_os_image),
    Route("PUT", "/services/images/{name}", images.update_os_image),
    Route("DELETE", "/services/images/{name}", images.delete_os_image),
    Route("PUT", "/services/images/{name}/replicate", images.replicate_os_image),
    Route("GET", "/services/images/{name}/details", images.get_os_image_details),
    # VM images and disks
    Route("GET", "/services/vmimages", images.list_vm_images),
    Route("POST", "/services/vmimages", images.create_vm_image),
    Route("PUT", "/services/vmimages/{name}", images.update_vm_image),
    Route("DELETE", "/services/vmimages/{name}", images.delete_vm_image),
    Route("GET", "/services/disks", images.list_disks),
    Route("GET", "/services/disks/{name}", images.get_disk),
    Route("DELETE", "/services/disks/{name}", images.delete_disk),
    # service certificates
    Route("GET", "/services/hostedservices/{service}/certificates", compute.list_service_certificates),
    Route("POST", "/services/hostedservices/{service}/certificates", compute.add_service_certificate),
    Route("GET", "/services/hostedservices/{service}/certificates/{thumbprint}", compute.get_service_certificate),
    Route("DELETE", "/services/hostedservices/{service}/certificates/{thumbprint}", compute.delete_service_certificate),
    # deployments, roles, role instances
    Route("POST", "/services/hostedservices/{service}/deployments", compute.create_deployment),
    Route("POST", "/services/hostedservices/{service}/deploymentslots/{slot}", compute.create_deployment_in_slot),
    Route("GET", "/services/hostedservices/{service}/deploymentslots/{slot}", compute.get_deployment_by_slot),
    Route("GET", "/services/hostedservices/{service}/deployments/{deployment}", compute.get_deployment),
    Route("DELETE", "/services/hostedservices/{service}/deployments/{deployment}", compute.delete_deployment),
    Route("POST", "/services/hostedservices/{service}/deployments/{deployment}/roles", compute.add_role),
    Route("POST", "/services/hostedservices/{service}/deployments/{deployment}/roles/Operations", compute.roles_operation),
    Route("GET", "/services/hostedservices/{service}/deployments/{deployment}/roles/{role}", compute.get_role),
    Route("PUT", "/services/hostedservices/{service}/deployments/{deployment}/roles/{role}", compute.update_role),
    Route("DELETE", "/services/hostedservices/{service}/deployments/{deployment}/roles/{role}", compute.delete_role),
    Route("POST", "/services/hostedservices/{service}/deployments/{deployment}/roles/{role}/DataDisks", compute.add_data_disk),
    Route("GET", "/services/hostedservices/{service}/deployments/{deployment}/roles/{role}/DataDisks/{lun}", compute.get_data_disk),
    Route("DELETE", "/services/hostedservices/{service}/deployments/{deployment}/roles/{role}/DataDisks/{lun}", compute.delete_data_disk),
    Route("POST", "/services/hostedservices/{service}/deployments/{deployment}/roleinstances/{role}/Operations", compute.role_instance_operation),
    Route("POST", "/services/hostedservices/{service}/deployments/{deployment}/roleinstances/{instance}", compute.role_instance_unsupported),
]

ROUTER = Router(ROUTES)
