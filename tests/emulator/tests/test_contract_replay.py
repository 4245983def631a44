"""Contract tests: replay the request sequences of the real ASM recordings
(``asm-recordings/azure-sdk-python/*.yaml``, vcrpy cassettes of the Azure SDK for Python's legacy
tests) against the emulator and compare status codes and XML structure (element names and order,
plus the values that do not depend on time or randomness) with the recorded responses.

Adaptations, all explicit below: the recorded subscription id is replaced by the emulator's; a
storage account ``storagename`` (the scrubbed name the cassettes use) exists in West US first;
requests to blob storage are skipped; operation ids are mapped to the ones the emulator returned;
polls compare against the recorded answer of the same state (InProgress vs Succeeded,
RoleStateUnknown vs ReadyRole), since the emulator's durations are scaled down.
"""
from __future__ import annotations

import glob
import os
import re
import time
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
import yaml

import builders as b
from support import NS

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
CANDIDATES = [os.environ.get("ASM_RECORDINGS_DIR", ""), os.path.join(os.path.dirname(REPO), "shared", "asm-recordings", "azure-sdk-python"),
              "/work/shared/asm-recordings/azure-sdk-python"]
RECORDINGS = next((path for path in CANDIDATES if path and os.path.isdir(path)), None)
RECORDED_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
# Elements real ASM itself sent only sometimes (maintenance windows, agent reports, RDP thumbprint
# before the agent reports): left out on both sides before comparing.
SOMETIMES = {"PersistentVMDowntime", "GuestAgentStatus", "RemoteAccessCertificateThumbprint"}
# Leaf values that depend only on what the test sent, so they must be equal too.
COMPARED_VALUES = {"Label", "ServiceName", "Location", "Category", "OS", "OSState", "RoleSize", "RoleName", "DeploymentSlot", "Result", "Reason",
                   "Code", "Message", "HttpStatusCode", "AccountType", "Description", "HostCaching", "InstanceSize", "Protocol", "LocalPort",
                   "PublicPort", "Port", "Language", "ImageFamily", "RoleSizeOnCapture", "SourceImageName", "RemoteSourceImageLink"}
LIST_ROOTS = {"Images": "OSImage", "VMImages": "VMImage", "HostedServices": "HostedService", "StorageServices": "StorageService",
              "SubscriptionCertificates": "SubscriptionCertificate", "Locations": "Location", "RoleSizes": "RoleSize", "OperatingSystems": "OperatingSystem"}

if RECORDINGS is None:
    pytest.fail("the ASM recordings were not found (looked in %s); set ASM_RECORDINGS_DIR" % CANDIDATES, pytrace=False)


class _Loader(yaml.SafeLoader):  # pylint: disable=too-many-ancestors
    pass


_Loader.add_constructor("tag:yaml.org,2002:python/unicode", lambda loader, node: loader.construct_scalar(node))


def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)["interactions"]  # nosec - SafeLoader subclass


def text_of(value):
    return value.decode("utf-8") if isinstance(value, bytes) else (value or "")


def header(headers, name):
    for key, values in (headers or {}).items():
        if key.lower() == name.lower():
            return values[0] if isinstance(values, list) else values
    return None


def local(tag):
    return tag.replace(NS, "").split("}")[-1]


def strip(element):
    """Shape with compared values: (tag, value or None, [children])."""
    children = [strip(child) for child in element if local(child.tag) not in SOMETIMES]
    value = (element.text or "") if local(element.tag) in COMPARED_VALUES and len(element) == 0 else None
    return (local(element.tag), value, children)


def item_key(element):
    for tag in ("Name", "ServiceName", "Version", "SubscriptionCertificateThumbprint"):
        found = element.find(NS + tag)
        if found is not None:
            return found.text
    return None


def compare(ours_text, recorded_text, where):
    ours, recorded = ET.fromstring(ours_text), ET.fromstring(recorded_text)
    assert local(ours.tag) == local(recorded.tag), where
    item = LIST_ROOTS.get(local(recorded.tag))
    if item is None:
        assert strip(ours) == strip(recorded), where
        return
    # Lists: the recording holds other resources of its subscription; compare our items with the
    # recorded items of the same name, and all of them must be found when the list is the catalogue.
    recorded_items = {item_key(element): element for element in recorded}
    matched = 0
    for element in ours:
        assert local(element.tag) == item, where
        twin = recorded_items.get(item_key(element))
        if twin is not None:
            matched += 1
            assert strip(element) == strip(twin), "%s: item %s" % (where, item_key(element))
    assert matched or not len(ours), where  # pylint: disable=len-as-condition


def instance_status(text):
    root = ET.fromstring(text)
    found = root.find("%sRoleInstanceList/%sRoleInstance/%sInstanceStatus" % (NS, NS, NS))
    return None if found is None else found.text


def operation_status(text):
    return ET.fromstring(text).find(NS + "Status").text


class Replayer:
    def __init__(self, emu):
        self.emu = emu
        self.ids = {}

    def path_of(self, uri):
        parts = urlsplit(uri)
        path = parts.path.replace("/" + RECORDED_SUBSCRIPTION, "", 1)
        for recorded, ours in self.ids.items():
            path = path.replace(recorded, ours)
        return path + ("?" + parts.query if parts.query else "")

    def send(self, request):
        headers = {"x-ms-version": header(request["headers"], "x-ms-version") or "2014-10-01"}
        content_type = header(request["headers"], "Content-Type")
        if content_type:
            headers["Content-Type"] = content_type
        return self.emu.asm(request["method"], self.path_of(request["uri"]), request.get("body"), headers=headers)

    def replay(self, interaction, index, name):
        request, recorded = interaction["request"], interaction["response"]
        where = "%s #%d %s %s" % (name, index, request["method"], request["uri"])
        recorded_body = text_of(recorded["body"]["string"])
        poll = re.search(r"/operations/[0-9a-f]{32}$", urlsplit(request["uri"]).path) is not None
        deployment_get = request["method"] == "GET" and re.search(r"/deployments/[^/]+$", urlsplit(request["uri"]).path)
        deadline = time.time() + 20
        while True:
            response = self.send(request)
            if poll and response.status_code == 200 and operation_status(recorded_body) != "InProgress" == operation_status(response.text):
                pass  # ours is still running: poll again until it reaches the recorded state
            elif deployment_get and instance_status(recorded_body) == "ReadyRole" != instance_status(response.text):
                pass  # still booting: wait for the recorded state
            else:
                break
            assert time.time() < deadline, where
            time.sleep(0.05)
        assert response.status_code == recorded["status"]["code"], "%s: %s" % (where, response.text)
        recorded_id = header(recorded["headers"], "x-ms-request-id")
        if request["method"] != "GET" and recorded_id:
            self.ids[recorded_id] = response.headers["x-ms-request-id"]
        if poll and operation_status(recorded_body) == "InProgress" and operation_status(response.text) != "InProgress":
            return  # the scaled-down emulator finished sooner than Azure; the next poll compares
        if deployment_get and instance_status(recorded_body) != instance_status(response.text):
            return
        if recorded_body.strip():
            compare(response.text, recorded_body, where)


CASSETTES = sorted(os.path.basename(path) for path in glob.glob(os.path.join(RECORDINGS, "*.yaml")))


@pytest.fixture(scope="module")
def replay_emulator(tmp_path_factory):
    from support import Emulator  # pylint: disable=import-outside-toplevel
    emulator = Emulator(tmp_path_factory.mktemp("contract"), "--time-scale", "0.01")
    emulator.start()
    yield emulator
    emulator.stop()


@pytest.mark.parametrize("cassette", CASSETTES)
def test_replay(replay_emulator, cassette):
    emu = replay_emulator
    emu.reset()
    created = emu.asm("POST", "/services/storageservices", b.storage("storagename"))
    emu.wait_operation(created.headers["x-ms-request-id"])
    replayer = Replayer(emu)
    replayed = 0
    for index, interaction in enumerate(load(os.path.join(RECORDINGS, cassette))):
        if urlsplit(interaction["request"]["uri"]).hostname != "management.core.windows.net":
            continue  # blob storage calls of the VM image tests: not part of ASM
        replayer.replay(interaction, index, cassette)
        replayed += 1
    assert replayed
    if "managementcertificate" in cassette:
        emu.asm("DELETE", "/certificates/BEA4B74BD6B915E9DD6A01FB1B8C3C1740F517F2")


def test_all_recordings_are_replayed():
    assert len(CASSETTES) == 27
