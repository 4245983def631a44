"""Route templates -> handlers. Templates are subscription-relative, ``{name}`` matches one path
segment, literal segments match case-insensitively (the SDK writes ``Operations``, ``DataDisks``);
the template string is also the key of the request statistics."""
from __future__ import annotations


class Route:
    def __init__(self, method, template, handler):
        self.method = method
        self.template = template
        self.handler = handler
        self._parts = [part for part in template.split("/") if part]

    def match(self, method, segments):
        if method != self.method or len(segments) != len(self._parts):
            return None
        params = {}
        for part, segment in zip(self._parts, segments):
            if part.startswith("{"):
                params[part[1:-1]] = segment
            elif part.lower() != segment.lower():
                return None
        return params


class Router:
    def __init__(self, routes):
        self.routes = list(routes)

    def find(self, method, segments):
        """(route, params), or (None, None) if no route has this path and method."""
        for route in self.routes:
            params = route.match(method, segments)
            if params is not None:
                return route, params
        return None, None

    def path_known(self, segments):
        return any(route.match(route.method, segments) is not None for route in self.routes)
