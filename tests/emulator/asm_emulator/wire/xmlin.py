"""Parsing request bodies: a real XML parser (the SDK sends ``</CaptureRoleAsVMImageOperation >``),
no DOCTYPE or entity declarations (400 InvalidXmlRequest), element names without namespace."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # nosec - DOCTYPE/ENTITY are refused before parsing

from asm_emulator.errors import invalid_xml

_FORBIDDEN = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)


class Node:
    """A parsed element: local name, text, children in document order."""

    def __init__(self, element):
        self.name = element.tag.rsplit("}", 1)[-1]
        self.text = (element.text or "") if len(element) == 0 else ""
        self.children = [Node(child) for child in element]

    def child(self, name):
        for node in self.children:
            if node.name == name:
                return node
        return None

    def all(self, name):
        return [node for node in self.children if node.name == name]

    def has(self, name):
        return self.child(name) is not None

    def value(self, name, default=None):
        """Text of the first child ``name``; ``default`` if absent. Present but empty gives ''."""
        node = self.child(name)
        return default if node is None else node.text

    def path(self, *names):
        node = self
        for name in names:
            node = node.child(name) if node is not None else None
        return node


def parse(body, expected_roots):
    """Parse ``body``; its root element must be one of ``expected_roots``."""
    if not body or not body.strip():
        raise invalid_xml()
    if _FORBIDDEN.search(body):
        raise invalid_xml()
    try:
        root = ET.fromstring(body)  # nosec - see _FORBIDDEN
    except ET.ParseError:
        raise invalid_xml() from None
    node = Node(root)
    if isinstance(expected_roots, str):
        expected_roots = (expected_roots,)
    if node.name not in expected_roots:
        raise invalid_xml()
    return node


def parse_bool(value, default=None):
    if value is None or value == "":
        return default
    return value.strip().lower() == "true"
