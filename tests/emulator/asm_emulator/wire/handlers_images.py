"""OS images (platform + user), VM images (platform + user), disks."""
from __future__ import annotations

from asm_emulator import catalogue
from asm_emulator.errors import not_found
from asm_emulator.rules import os_images
from asm_emulator.wire import views, xmlin
from asm_emulator.wire.respond import accepted, mutate, ok, read


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
