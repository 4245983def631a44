"""OS images (platform + user), VM images (platform + user), disks."""
from __future__ import annotations

import re

from asm_emulator import catalogue
from asm_emulator.errors import not_found
from asm_emulator.rules import disks, os_images, vm_images
from asm_emulator.wire import deployment_views, views, xmlin
from asm_emulator.wire.respond import accepted, mutate, ok, read
from asm_emulator.wire.xmlout import escape


def list_os_images(ctx, _request):
    users = read(ctx, lambda tx: os_images.list_user(tx, ctx))
    return ok(ctx, views.os_images(catalogue.platform_os_images(), users))


def get_os_image(ctx, _request, name):
    def render(tx):
        source, image = os_images.find(tx, ctx, name)
        if source is None:
            raise not_found(os_images.NOT_FOUND)
        return views.user_os_image(image) if source == "user" else views.platform_os_image(image)

    return ok(ctx, read(ctx, render))


def add_os_image(ctx, request):
    body = xmlin.parse(request.body, "OSImage")
    doc = mutate(ctx, lambda tx: os_images.add(tx, ctx, body))
    return accepted(ctx, 200, document=views.user_os_image(doc))


def update_os_image(ctx, request, name):
    body = xmlin.parse(request.body, "OSImage")
    doc = mutate(ctx, lambda tx: os_images.update(tx, ctx, name, body))
    return accepted(ctx, 200, document=views.user_os_image(doc))


def delete_os_image(ctx, request, name):
    delete_media = request.query.get("comp", "").lower() == "media"
    mutate(ctx, lambda tx: os_images.delete(tx, ctx, name, delete_media))
    return accepted(ctx, 200)


def replicate_os_image(ctx, request, name):
    body = xmlin.parse(request.body, "ReplicationInput")
    doc = mutate(ctx, lambda tx: os_images.replicate(tx, ctx, name, body))
    return accepted(ctx, 200, document=views.replication_answer(doc))


def get_os_image_details(ctx, _request, name):
    def render(tx):
        source, image = os_images.find(tx, ctx, name)
        if source != "user":
            raise not_found(os_images.NOT_FOUND)
        return views.os_image_details(image)

    return ok(ctx, read(ctx, render))


# -- VM images -----------------------------------------------------------------------------------
def list_vm_images(ctx, request):
    """Optional filters ``location``, ``publisher``, ``category`` (asm-api.md 6)."""
    location, publisher, category = (request.query.get(key) for key in ("location", "publisher", "category"))
    users = [doc for doc in read(ctx, lambda tx: vm_images.list_user(tx, ctx))
             if vm_images.matches(location, publisher, category, doc["location"], None, "User")]
    platform = [image.fragment for image in catalogue.platform_vm_images()
                if vm_images.matches(location, publisher, category, ";".join(image.locations), image.publisher, image.category)]
    if location:
        # Filtered by location, ASM names only that location in each platform image (recorded).
        known = catalogue.find_location(location) or location
        platform = [re.sub(r"<Location>[^<]*</Location>", "<Location>%s</Location>" % escape(known), fragment, count=1) for fragment in platform]
    return ok(ctx, deployment_views.vm_images_document(users, platform))


def create_vm_image(ctx, request):
    body = xmlin.parse(request.body, "VMImage")
    mutate(ctx, lambda tx: vm_images.create(tx, ctx, body))
    return accepted(ctx, 202)


def update_vm_image(ctx, request, name):
    body = xmlin.parse(request.body, "VMImage")
    mutate(ctx, lambda tx: vm_images.update(tx, ctx, name, body))
    return accepted(ctx, 200)


def delete_vm_image(ctx, request, name):
    delete_media = request.query.get("comp", "").lower() == "media"
    mutate(ctx, lambda tx: vm_images.delete(tx, ctx, name, delete_media))
    return accepted(ctx, 202)


# -- disks ---------------------------------------------------------------------------------------
def list_disks(ctx, _request):
    return ok(ctx, deployment_views.disks_document(read(ctx, lambda tx: disks.list_all(tx, ctx))))


def get_disk(ctx, _request, name):
    return ok(ctx, deployment_views.disk_document(read(ctx, lambda tx: disks.get(tx, ctx, name))))


def delete_disk(ctx, request, name):
    delete_media = request.query.get("comp", "").lower() == "media"
    mutate(ctx, lambda tx: disks.delete(tx, ctx, name, delete_media))
    return accepted(ctx, 200)
