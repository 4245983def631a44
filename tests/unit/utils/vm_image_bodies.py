# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""List VM Images response bodies in the element order of the recorded traffic (asm-api.md section 6)."""

from __future__ import annotations

NS = 'xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"'


def user_image(name="golden", label=None, os="Linux", os_state="Specialized", service="svc", deployment="svc",
               role="svc", data_luns=(), state="VMImageReadyForUse", description=None, language=None):
    """One captured ``VMImage`` element."""
    data_disks = "".join(
        "<DataDiskConfiguration><Name>%s-datadisk-%d-2015-07-02</Name><HostCaching>ReadOnly</HostCaching><Lun>%d</Lun>"
        "<MediaLink>https://acct.blob.core.windows.net/vhds/%s-datadisk-%d-2015-07-02.vhd</MediaLink>"
        "<LogicalDiskSizeInGB>100</LogicalDiskSizeInGB><IOType>Standard</IOType></DataDiskConfiguration>"
        % (name, lun, lun, name, lun) for lun in data_luns)
    return (
        "<VMImage><Name>%(name)s</Name><Label>%(label)s</Label><Category>User</Category>%(description)s"
        "<OSDiskConfiguration><Name>%(name)s-os-2015-07-02</Name><HostCaching>ReadWrite</HostCaching>"
        "<OSState>%(os_state)s</OSState><OS>%(os)s</OS>"
        "<MediaLink>https://acct.blob.core.windows.net/vhds/%(name)s-os-2015-07-02.vhd</MediaLink>"
        "<LogicalDiskSizeInGB>30</LogicalDiskSizeInGB><IOType>Standard</IOType></OSDiskConfiguration>"
        "%(data_disks)s<ServiceName>%(service)s</ServiceName><DeploymentName>%(deployment)s</DeploymentName>"
        "<RoleName>%(role)s</RoleName><Location>West US</Location>"
        "<CreatedTime>2015-07-02T18:58:31.4280046Z</CreatedTime><ModifiedTime>2015-07-02T18:58:31.4280046Z</ModifiedTime>"
        "%(language)s<IsPremium>false</IsPremium>%(state)s<RoleStateOnCapture>ReadyRole</RoleStateOnCapture>"
        "<RoleSizeOnCapture>Small</RoleSizeOnCapture></VMImage>"
    ) % dict(name=name, label=label or name, os=os, os_state=os_state, service=service, deployment=deployment, role=role,
             data_disks="<DataDiskConfigurations>%s</DataDiskConfigurations>" % data_disks if data_disks
             else "<DataDiskConfigurations/>",
             description="<Description>%s</Description>" % description if description else "",
             language="<Language>%s</Language>" % language if language else "",
             state="<VMImageState>%s</VMImageState>" % state if state else "")


def platform_image(name="d4a65b493c36471ba82b42d53fbd8063__Site-Recovery-201503.08", os="Windows",
                   os_state="Generalized"):
    """One published ``VMImage``: no media link, no source, the placeholder times of the recordings."""
    return (
        "<VMImage><Name>%s</Name><Label>Site Recovery</Label><Category>Public</Category>"
        "<Description>Recovery server</Description><OSDiskConfiguration><Name>site-recovery-os</Name>"
        "<HostCaching>ReadWrite</HostCaching><OSState>%s</OSState><OS>%s</OS>"
        "<LogicalDiskSizeInGB>128</LogicalDiskSizeInGB><IOType>Standard</IOType></OSDiskConfiguration>"
        "<DataDiskConfigurations/><Location>East Asia;West US</Location><CreatedTime>1801-01-01T00:00:00Z</CreatedTime>"
        "<ModifiedTime>1801-01-01T00:00:00Z</ModifiedTime><ImageFamily>Site Recovery</ImageFamily>"
        "<IsPremium>false</IsPremium><PublisherName>Microsoft</PublisherName>"
        "<PublishedDate>2015-03-20T04:30:00Z</PublishedDate><ShowInGui>false</ShowInGui>"
        "<VMImageState>VMImageReadyForUse</VMImageState></VMImage>" % (name, os_state, os))


def vm_images_body(*images):
    return "<VMImages %s>%s</VMImages>" % (NS, "".join(images))
