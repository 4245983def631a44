"""Building response XML the way ASM wrote it: no declaration, the two namespaces on the root
(``xmlns`` first, then ``xmlns:i``), no whitespace between elements, empty values as ``<X/>``,
nulls as ``<X i:nil="true"/>``. Each helper returns a string; ``None`` children are skipped so
optional elements can be written inline.
"""
from __future__ import annotations

import base64

NAMESPACES = 'xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"'


def escape(value):
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text(name, value):
    """``<name>value</name>``; ``<name/>`` for an empty string; nothing for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "true" if value else "false"
    value = str(value)
    if value == "":
        return "<%s/>" % name
    return "<%s>%s</%s>" % (name, escape(value), name)


def nil(name):
    return '<%s i:nil="true"/>' % name


def text_or_nil(name, value):
    return nil(name) if value is None else text(name, value)


def element(name, children, attributes=""):
    """``<name attributes>children</name>``, or ``<name attributes/>`` when there are none."""
    inner = "".join(child for child in children if child)
    opening = name + (" " + attributes if attributes else "")
    if not inner:
        return "<%s/>" % opening
    return "<%s>%s</%s>" % (opening, inner, name)


def optional_element(name, children):
    """Like element() but nothing at all when there are no children."""
    inner = "".join(child for child in children if child)
    return "<%s>%s</%s>" % (name, inner, name) if inner else ""


def typed(name, type_name, children):
    return element(name, children, 'i:type="%s"' % type_name)


def document(root, children):
    return element(root, children, NAMESPACES)


def b64(value):
    return base64.b64encode((value or "").encode("utf-8")).decode("ascii")
