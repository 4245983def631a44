"""Deployment, role and role-instance documents (filled in with the VM deployment slice)."""
from __future__ import annotations

from asm_emulator.rules import common


def embedded_deployments(tx, _ctx, service_doc):
    """The <Deployment> items of ``GET hostedservices/<name>?embed-detail=true``."""
    return [] if not tx.list(common.DEPLOYMENT, parent=common.global_key(service_doc["name"])) else []
