"""VM deployments (filled in with the VM deployment slice)."""
from __future__ import annotations

from asm_emulator.rules import common
from asm_emulator.rules.common import DEPLOYMENT


def remove(tx, _ctx, service_doc, deployment, delete_media):
    del delete_media
    tx.delete(DEPLOYMENT, common.deployment_key(service_doc["name"], deployment["name"]))
