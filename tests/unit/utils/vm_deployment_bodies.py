# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Deployment and hosted-service response bodies in the element order of the recorded real traffic
(``asm-api.md`` section 3, ``test_create_virtual_machine_deployment_linux_remote_source_image``)."""

from __future__ import annotations

import base64

NS = 'xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"'
VIP = "23.99.52.70"


def _b64(text):
    return base64.b64encode(text.encode()).decode()


def endpoint(name, port, local_port=None, protocol="tcp", idle=4):
    return dict(name=name, port=port, local_port=local_port or port, protocol=protocol, idle=idle)


def disk(lun, size_gb, media_link=None, host_caching="ReadOnly", name=None):
    return dict(lun=lun, size_gb=size_gb, media_link=media_link or "https://acct.blob.core.windows.net/vhds/d%s.vhd" % lun,
                host_caching=host_caching, name=name or "svc-vm-%s-2015" % lun)


def _instance_endpoints(endpoints):
    return "".join(
        "<InstanceEndpoint><Name>%(name)s</Name><Vip>%(vip)s</Vip><PublicPort>%(port)s</PublicPort>"
        "<LocalPort>%(local_port)s</LocalPort><Protocol>%(protocol)s</Protocol>"
        "<IdleTimeoutInMinutes>%(idle)s</IdleTimeoutInMinutes></InstanceEndpoint>" % dict(e, vip=VIP) for e in endpoints)


def _input_endpoints(endpoints):
    return "".join(
        "<InputEndpoint><LocalPort>%(local_port)s</LocalPort><Name>%(name)s</Name><Port>%(port)s</Port>"
        "<Protocol>%(protocol)s</Protocol><Vip>%(vip)s</Vip><EnableDirectServerReturn>false</EnableDirectServerReturn>"
        "<IdleTimeoutInMinutes>%(idle)s</IdleTimeoutInMinutes></InputEndpoint>" % dict(e, vip=VIP) for e in endpoints)


def _data_disks(disks):
    if not disks:
        return "<DataVirtualHardDisks/>"
    items = "".join(
        "<DataVirtualHardDisk><HostCaching>%(host_caching)s</HostCaching><DiskName>%(name)s</DiskName>"
        "<Lun>%(lun)s</Lun><LogicalDiskSizeInGB>%(size_gb)s</LogicalDiskSizeInGB><MediaLink>%(media_link)s</MediaLink>"
        "<IOType>Standard</IOType></DataVirtualHardDisk>" % d for d in disks)
    return "<DataVirtualHardDisks>%s</DataVirtualHardDisks>" % items


def deployment_element(name="vm1", role="vm1", size="Small", status="ReadyRole", power="Started", slot="Production",
                       endpoints=None, disks=None, service="svc", os="Linux",
                       image="5112500ae3b842c8b9c604889f8753c3__OpenLogic-CentOS-65-20140415",
                       media_link="https://acct.blob.core.windows.net/vhds/svc-vm1-2015.vhd", host_name="vm1"):
    endpoints = [endpoint("SSH", 22)] if endpoints is None else endpoints
    host = "<HostName>%s</HostName>" % host_name if host_name and power == "Started" else ""
    return (
        "<Deployment><Name>%(name)s</Name><DeploymentSlot>%(slot)s</DeploymentSlot>"
        "<PrivateID>44b08c02360f4c7083d2249a7bfc6524</PrivateID><Status>Running</Status><Label>%(label)s</Label>"
        "<Url>http://%(service)s.cloudapp.net/</Url><Configuration>PFNlcnZpY2VDb25maWd1cmF0aW9uIC8+</Configuration>"
        "<RoleInstanceList><RoleInstance><RoleName>%(role)s</RoleName><InstanceName>%(role)s</InstanceName>"
        "<InstanceStatus>%(status)s</InstanceStatus><InstanceUpgradeDomain>0</InstanceUpgradeDomain>"
        "<InstanceFaultDomain>0</InstanceFaultDomain><InstanceSize>%(size)s</InstanceSize><InstanceStateDetails/>"
        "<IpAddress>100.115.58.18</IpAddress><InstanceEndpoints>%(instance_endpoints)s</InstanceEndpoints>"
        "<PowerState>%(power)s</PowerState>%(host)s</RoleInstance></RoleInstanceList>"
        "<UpgradeDomainCount>1</UpgradeDomainCount>"
        "<RoleList><Role i:type=\"PersistentVMRole\"><RoleName>%(role)s</RoleName><OsVersion/>"
        "<RoleType>PersistentVMRole</RoleType><ConfigurationSets><ConfigurationSet i:type=\"NetworkConfigurationSet\">"
        "<ConfigurationSetType>NetworkConfiguration</ConfigurationSetType><InputEndpoints>%(input_endpoints)s"
        "</InputEndpoints><SubnetNames/></ConfigurationSet></ConfigurationSets>%(data_disks)s"
        "<OSVirtualHardDisk><HostCaching>ReadWrite</HostCaching><DiskName>%(name)s-%(role)s-0-2015</DiskName>"
        "<MediaLink>%(media_link)s</MediaLink><SourceImageName>%(image)s</SourceImageName><OS>%(os)s</OS>"
        "<IOType>Standard</IOType></OSVirtualHardDisk><RoleSize>%(size)s</RoleSize>"
        "<ProvisionGuestAgent>true</ProvisionGuestAgent></Role></RoleList>"
        "<SdkVersion/><Locked>false</Locked><RollbackAllowed>false</RollbackAllowed>"
        "<CreatedTime>2015-07-02T18:48:31Z</CreatedTime><LastModifiedTime>2015-07-02T18:51:27Z</LastModifiedTime>"
        "<ExtendedProperties/><VirtualIPs><VirtualIP><Address>%(vip)s</Address><IsDnsProgrammed>true</IsDnsProgrammed>"
        "<Name>%(name)sContractContract</Name></VirtualIP></VirtualIPs>"
        "<InternalDnsSuffix>%(service)s.d1.internal.cloudapp.net</InternalDnsSuffix><LoadBalancers/></Deployment>"
    ) % dict(name=name, slot=slot, label=_b64(name), service=service, role=role, status=status, size=size, power=power,
             host=host, instance_endpoints=_instance_endpoints(endpoints), input_endpoints=_input_endpoints(endpoints),
             data_disks=_data_disks(disks), media_link=media_link, image=image, os=os, vip=VIP)


def deployment_body(**kwargs):
    """A Get Deployment response."""
    return deployment_element(**kwargs).replace("<Deployment>", "<Deployment %s>" % NS, 1)


def hosted_service_body(service="svc", deployments=(), location="West US"):
    """A Get Hosted Service Properties response with ``embed-detail=true``; ``deployments``: element strings."""
    return (
        "<HostedService %s><Url>https://management.core.windows.net/sub-1/services/hostedservices/%s</Url>"
        "<ServiceName>%s</ServiceName><HostedServiceProperties><Description i:nil=\"true\"/><Location>%s</Location>"
        "<Label>%s</Label><Status>Created</Status><DateCreated>2015-07-02T18:48:00Z</DateCreated>"
        "<DateLastModified>2015-07-02T18:48:00Z</DateLastModified><ExtendedProperties/></HostedServiceProperties>"
        "<Deployments>%s</Deployments></HostedService>"
    ) % (NS, service, service, location, _b64(service), "".join(deployments))


def os_image_body(name="5112500ae3b842c8b9c604889f8753c3__OpenLogic-CentOS-65-20140415", os="Linux"):
    return ("<OSImage %s><Category>Public</Category><Label>OpenLogic</Label><Location>West US</Location>"
            "<LogicalSizeInGB>30</LogicalSizeInGB><Name>%s</Name><OS>%s</OS><IsPremium>false</IsPremium></OSImage>"
            % (NS, name, os))


def vm_images_body(name="captured1", os="Linux", os_state="Generalized"):
    return ("<VMImages %s><VMImage><Name>%s</Name><Label>%s</Label><Category>User</Category>"
            "<OSDiskConfiguration><Name>%s-os</Name><HostCaching>ReadWrite</HostCaching><OSState>%s</OSState><OS>%s</OS>"
            "<MediaLink>https://acct.blob.core.windows.net/vhds/%s-os.vhd</MediaLink>"
            "<LogicalDiskSizeInGB>30</LogicalDiskSizeInGB></OSDiskConfiguration><DataDiskConfigurations/>"
            "<Location>West US</Location><CreatedTime>2015-01-21T21:42:16Z</CreatedTime>"
            "<VMImageState>VMImageReadyForUse</VMImageState></VMImage></VMImages>"
            % (NS, name, name, name, os_state, os, name))


def error_body(code, message):
    return "<Error %s><Code>%s</Code><Message>%s</Message></Error>" % (NS, code, message)


def operation_body(status, code=None, message=None, http_status=None):
    extra = ""
    if status != "InProgress":
        extra += "<HttpStatusCode>%s</HttpStatusCode>" % (http_status or (200 if status == "Succeeded" else 500))
    if code:
        extra += "<Error><Code>%s</Code><Message>%s</Message></Error>" % (code, message)
    return "<Operation %s><ID>626799e5-8ee1-b7c4-a5e1-4f1530d4c594</ID><Status>%s</Status>%s</Operation>" % (
        NS, status, extra)
