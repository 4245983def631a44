"""Request bodies the way the collection's client and the SDK write them (asm-api.md 2-6)."""
from __future__ import annotations

import base64

from support import body

SEED_IMAGE = "OpenLogic__OpenLogic-CentOS-62-20120531-ru-ru-30GB.vhd"


def b64(text):
    return base64.b64encode(text.encode()).decode()


def hosted_service(name, location="West US"):
    return body("CreateHostedService", "<ServiceName>%s</ServiceName><Label>%s</Label><Location>%s</Location>" % (name, b64(name), location))


def storage(name, location="West US"):
    return body("CreateStorageServiceInput", "<ServiceName>%s</ServiceName><Description>d</Description><Label>%s</Label><Location>%s</Location>"
                                             "<AccountType>Standard_LRS</AccountType>" % (name, b64(name), location))


def linux_config(host="myhost", user="azureuser", password="Passw0rd!", fingerprint=None):
    ssh = ""
    if fingerprint:
        ssh = ("<SSH><PublicKeys><PublicKey><Fingerprint>%s</Fingerprint><Path>/home/%s/.ssh/authorized_keys</Path></PublicKey></PublicKeys></SSH>"
               % (fingerprint, user))
    return ("<ConfigurationSet><ConfigurationSetType>LinuxProvisioningConfiguration</ConfigurationSetType><HostName>%s</HostName>"
            "<UserName>%s</UserName><UserPassword>%s</UserPassword><DisableSshPasswordAuthentication>false</DisableSshPasswordAuthentication>"
            "%s</ConfigurationSet>" % (host, user, password, ssh))


def network(endpoints=(("SSH", 22, 22),)):
    items = "".join("<InputEndpoint><LocalPort>%d</LocalPort><Name>%s</Name><Port>%d</Port><Protocol>tcp</Protocol></InputEndpoint>" % (local, name, port)
                    for name, port, local in endpoints)
    return ("<ConfigurationSet><ConfigurationSetType>NetworkConfiguration</ConfigurationSetType><InputEndpoints>%s</InputEndpoints>"
            "<SubnetNames></SubnetNames></ConfigurationSet>" % items)


def data_disk(lun, media_link, size=10):
    return ("<DataVirtualHardDisk><HostCaching>ReadOnly</HostCaching><Lun>%d</Lun><LogicalDiskSizeInGB>%d</LogicalDiskSizeInGB>"
            "<MediaLink>%s</MediaLink></DataVirtualHardDisk>" % (lun, size, media_link))


def role(name, media_link, image=SEED_IMAGE, size="Small", config=None, endpoints=(("SSH", 22, 22),), data_disks=""):
    sets = (config if config is not None else linux_config()) + network(endpoints)
    return ("<RoleName>%s</RoleName><RoleType>PersistentVMRole</RoleType><ConfigurationSets>%s</ConfigurationSets>%s"
            "<OSVirtualHardDisk><MediaLink>%s</MediaLink><SourceImageName>%s</SourceImageName></OSVirtualHardDisk><RoleSize>%s</RoleSize>"
            % (name, sets, "<DataVirtualHardDisks>%s</DataVirtualHardDisks>" % data_disks if data_disks else "", media_link, image, size))


def deployment(name, role_xml, slot="production"):
    return body("Deployment", "<Name>%s</Name><DeploymentSlot>%s</DeploymentSlot><Label>%s</Label><RoleList><Role>%s</Role></RoleList>"
                              % (name, slot, name, role_xml))


def persistent_vm_role(role_xml):
    return body("PersistentVMRole", role_xml)


def vhd(account, blob):
    return "https://%s.blob.core.windows.net/vhds/%s.vhd" % (account, blob)


def shutdown(action="Stopped"):
    return body("ShutdownRoleOperation", "<OperationType>ShutdownRoleOperation</OperationType><PostShutdownAction>%s</PostShutdownAction>" % action)


def start():
    return body("StartRoleOperation", "<OperationType>StartRoleOperation</OperationType>")


def restart():
    return body("RestartRoleOperation", "<OperationType>RestartRoleOperation</OperationType>")


def capture(image, os_state="Specialized"):
    return body("CaptureRoleAsVMImageOperation", "<OperationType>CaptureRoleAsVMImageOperation</OperationType><OSState>%s</OSState>"
                                                 "<VMImageName>%s</VMImageName><VMImageLabel>%s label</VMImageLabel>" % (os_state, image, image)
                ).replace("</CaptureRoleAsVMImageOperation>", "</CaptureRoleAsVMImageOperation >")


def setup_vm(emu, service="vmsvc", account="vmstore", name=None, wait=True, **role_args):
    """Hosted service + storage account + one-VM deployment; returns the create response."""
    assert emu.asm("POST", "/services/hostedservices", hosted_service(service)).status_code == 201
    if emu.asm("GET", "/services/storageservices/" + account).status_code == 404:
        response = emu.asm("POST", "/services/storageservices", storage(account))
        assert response.status_code == 202, response.text
        emu.wait_operation(response.headers["x-ms-request-id"])
    name = name or service
    response = emu.asm("POST", "/services/hostedservices/%s/deployments" % service, deployment(name, role(name, vhd(account, name), **role_args)))
    assert response.status_code == 202, response.text
    if wait:
        emu.wait_operation(response.headers["x-ms-request-id"])
    return response
