"""First-start set-up and the subscription/certificate verbs shared by the server and the CLI."""
from __future__ import annotations

import json
import os
import uuid

from asm_emulator import tls
from asm_emulator.clock import Clock

DEFAULT_NAME = "ASM Emulator"


def _password_key(subscription_id):
    return "pfx_password:" + subscription_id.lower()


def add_subscription(store, state_dir, subscription_id=None, name=None, management_url=None):
    """A subscription with its own generated management certificate (PEM, PFX, .cer,
    .publishsettings next to the others), registered for it. Returns id, name and PFX password."""
    subscription_id = str(uuid.UUID(subscription_id)) if subscription_id else str(uuid.uuid4())
    name = name or "%s %s" % (DEFAULT_NAME, subscription_id[:8])
    with store.read() as tx:
        if tx.subscription(subscription_id) is not None:
            raise ValueError("subscription %s already exists" % subscription_id)
    generated = tls.create_management_certificate(state_dir, subscription_id)
    with store.write() as tx:
        now = Clock.now()
        tx.add_subscription(subscription_id, name, now)
        tx.add_certificate(subscription_id, generated["thumbprint"], generated["certificate_pem"], now)
        tx.set_meta(_password_key(subscription_id), generated["password"])
    tls.write_publish_settings(state_dir, subscription_id, name, management_url or _running_url(state_dir), generated["password"])
    return {"id": subscription_id, "name": name, "password": generated["password"], "thumbprint": generated["thumbprint"]}


def ensure_default_subscription(store, state_dir):
    with store.read() as tx:
        default_id = tx.meta("default_subscription")
        if default_id:
            return {"id": default_id, "password": tx.meta(_password_key(default_id))}
    created = add_subscription(store, state_dir, name=DEFAULT_NAME)
    with store.write() as tx:
        tx.set_meta("default_subscription", created["id"])
    return created


def default_subscription_id(store):
    with store.read() as tx:
        return tx.meta("default_subscription")


def add_certificate(store, subscription_id, cert_path):
    """Register a ``.cer`` (DER) or PEM certificate as a management certificate."""
    pem, thumbprint = tls.load_certificate_file(cert_path)
    with store.write() as tx:
        if tx.subscription(subscription_id) is None:
            raise ValueError("no subscription %s in this state directory" % subscription_id)
        tx.add_certificate(subscription_id, thumbprint, pem, Clock.now())
    return thumbprint


def write_all_publish_settings(store, state_dir, management_url):
    """The ``.publishsettings`` name the management URL, whose port changes between starts."""
    with store.read() as tx:
        subscriptions = [(row["id"], row["name"], tx.meta(_password_key(row["id"]))) for row in tx.subscriptions()]
    for subscription_id, name, password in subscriptions:
        if password and os.path.exists(tls.management_paths(state_dir, subscription_id)["pfx"]):
            tls.write_publish_settings(state_dir, subscription_id, name, management_url, password)


def _running_url(state_dir):
    try:
        with open(os.path.join(state_dir, "connection.json"), encoding="utf-8") as handle:
            return json.load(handle)["management_url"]
    except (OSError, ValueError, KeyError):
        return "https://127.0.0.1"
