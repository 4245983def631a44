"""The control API under ``<management_url>/_emulator/``: JSON in and out, any registered
management certificate, never counted in the statistics.

GET  config             {"time_scale", "durations" (effective seconds), "subscription_id"}
GET  stats              {"total", "by_method", "by_route"}
POST stats/reset        zero the statistics
POST reset              wipe resources and operations; keep subscriptions and certificates
POST faults             add a fault rule (faults.py) -> 201 with the stored rule and its id
GET  faults             rules with remaining counts and hits
DELETE faults[/<id>]    remove all rules, or one
"""
from __future__ import annotations

import json

from asm_emulator.faults import FaultSpecError
from asm_emulator.wire import http


def _json(status, data):
    return http.Response(status, json.dumps(data, indent=2, sort_keys=True) + "\n", "application/json")


def _problem(status, message):
    return _json(status, {"error": message})


def handle(app, request):
    if not app.thumbprint_registered_anywhere(request.thumbprint):
        return _problem(403, "a registered management certificate is required")
    path = "/".join(request.segments[1:])
    method = request.method
    if method == "GET" and path == "config":
        return _json(200, {"time_scale": app.clock.time_scale, "durations": app.clock.durations(), "subscription_id": app.default_subscription_id,
                           "management_url": app.management_url, "redirect_url": app.redirect_url})
    if method == "GET" and path == "stats":
        return _json(200, app.stats.snapshot())
    if method == "POST" and path == "stats/reset":
        app.stats.reset()
        return _json(200, app.stats.snapshot())
    if method == "POST" and path == "reset":
        with app.store.write() as tx:
            tx.wipe_resources()
        return _json(200, {"status": "ok"})
    if path == "faults":
        return _faults(app, request)
    if method == "DELETE" and path.startswith("faults/"):
        try:
            rule_id = int(path.split("/", 1)[1])
        except ValueError:
            return _problem(404, "no such fault rule")
        if not app.faults.delete(rule_id):
            return _problem(404, "no such fault rule")
        return _json(200, {"deleted": rule_id})
    return _problem(404, "unknown control endpoint %s %s" % (method, request.raw_path))


def _faults(app, request):
    if request.method == "GET":
        return _json(200, app.faults.list())
    if request.method == "DELETE":
        app.faults.clear()
        return _json(200, [])
    if request.method == "POST":
        try:
            spec = json.loads(request.body.decode("utf-8") or "null")
            rule = app.faults.add(spec)
        except (ValueError, FaultSpecError) as exc:
            return _problem(400, str(exc))
        return _json(201, rule.as_json())
    return _problem(405, "use GET, POST or DELETE on /_emulator/faults")
