"""Test helpers: run an emulator process, talk ASM and the control API to it, compare XML shapes."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import xml.dom.minidom
import xml.etree.ElementTree as ET

import requests

EMULATOR_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NS = "{http://schemas.microsoft.com/windowsazure}"
XMLNS = 'xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/windowsazure"'
HEADERS = {"x-ms-version": "2014-10-01", "Content-Type": "application/xml"}


class Emulator:
    """One ``python -m asm_emulator serve`` process on a state directory."""

    def __init__(self, state_dir, *extra_args):
        self.state_dir = str(state_dir)
        self.extra_args = list(extra_args)
        self.process = None
        self.conn = None
        self._session = None

    # -- life cycle ---------------------------------------------------------------------------
    def start(self, timeout=30):
        path = os.path.join(self.state_dir, "connection.json")
        env = dict(os.environ, PYTHONPATH=EMULATOR_PARENT)
        os.makedirs(self.state_dir, exist_ok=True)
        self.log = open(os.path.join(self.state_dir, "emulator.log"), "ab")  # pylint: disable=consider-using-with
        self.process = subprocess.Popen(  # pylint: disable=consider-using-with
            [sys.executable, "-m", "asm_emulator", "serve", "--host", "127.0.0.1", "--port", "0", "--state-dir", self.state_dir] + self.extra_args,
            env=env, stdout=self.log, stderr=self.log)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if os.path.exists(path):
                with open(path, encoding="utf-8") as handle:
                    conn = json.load(handle)
                if conn.get("pid") == self.process.pid:  # not a stale file of an earlier run
                    self.conn = conn
                    self._session = None
                    return self
            if self.process.poll() is not None:
                raise RuntimeError("emulator exited with %s: %s" % (self.process.returncode, self.read_log()))
            time.sleep(0.05)
        raise RuntimeError("emulator did not start: %s" % self.read_log())

    def read_log(self):
        with open(os.path.join(self.state_dir, "emulator.log"), encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=20)
        self._close()

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=20)
        self._close()

    def _close(self):
        if self._session is not None:
            self._session.close()
            self._session = None
        if getattr(self, "log", None):
            self.log.close()
            self.log = None

    # -- clients ------------------------------------------------------------------------------
    @property
    def url(self):
        return self.conn["management_url"]

    @property
    def sub(self):
        return self.conn["subscription_id"]

    def session(self, cert=None):
        """A requests session presenting ``cert`` (default: the default subscription's PEM)."""
        session = requests.Session()
        session.trust_env = False
        session.verify = self.conn["ca_path"]
        session.cert = self.conn["management_cert_path"] if cert is None else (cert or None)
        return session

    @property
    def http(self):
        if self._session is None:
            self._session = self.session()
        return self._session

    def asm(self, method, path, body=None, sub=None, headers=None, **kwargs):
        """An ASM call; ``path`` relative to the subscription."""
        merged = dict(HEADERS)
        merged.update(headers or {})
        data = body.encode("utf-8") if isinstance(body, str) else body
        return self.http.request(method, "%s/%s%s" % (self.url, sub or self.sub, path), data=data, headers=merged, timeout=60, **kwargs)

    def control(self, method, path, payload=None):
        response = self.http.request(method, "%s/_emulator/%s" % (self.url, path), json=payload, timeout=30)
        return response

    def reset(self):
        assert self.control("POST", "reset").status_code == 200
        assert self.control("DELETE", "faults").status_code == 200
        assert self.control("POST", "stats/reset").status_code == 200

    def sms(self):
        """Microsoft's client pointed at this emulator (asm-api.md 9)."""
        from azure.servicemanagement import ServiceManagementService  # pylint: disable=import-outside-toplevel
        session = self.session()
        host = self.url.split("://", 1)[1]
        return ServiceManagementService(self.sub, request_session=session, host=host, timeout=60)

    def wait_operation(self, request_id, timeout=30):
        deadline = time.time() + timeout
        while True:
            root = parse(self.asm("GET", "/operations/" + request_id).text)
            status = root.find(NS + "Status").text
            if status != "InProgress" or time.time() > deadline:
                return root
            time.sleep(0.02)


def parse(text):
    return ET.fromstring(text)


def child_text(element, path):
    node = element.find("/".join(NS + part for part in path.split("/")))
    return None if node is None else (node.text or "")


def shape(element):
    """(tag, [child shapes]) without namespace: the element structure, ignoring values."""
    return (element.tag.replace(NS, ""), [shape(child) for child in element])


def tags(element):
    return [child.tag.replace(NS, "") for child in element]


def pretty(text):
    return xml.dom.minidom.parseString(text).toprettyxml()


def body(root, inner):
    """A request document the way the collection's client writes it."""
    return "<%s %s>%s</%s>" % (root, XMLNS, inner, root)


def error_of(response):
    root = parse(response.text)
    return response.status_code, child_text(root, "Code"), child_text(root, "Message")
