"""The request pipeline: control API or ASM; authentication; statistics; faults; version header;
routing; ASM errors as ``Error`` documents. Every response carries an ``x-ms-request-id``."""
from __future__ import annotations

import logging
import time
import traceback

from asm_emulator import control
from asm_emulator.errors import ASMError, forbidden, missing_version
from asm_emulator.faults import FaultRules
from asm_emulator.rules.context import Context
from asm_emulator.stats import Stats
from asm_emulator.wire import http, views
from asm_emulator.wire.routes import ROUTER

LOG = logging.getLogger("asm_emulator")

# x-ms-version values ASM accepted (2009-10-01 .. 2015-04-01); the SDK sends 2014-10-01, and
# 2015-04-01 for image replication.
KNOWN_VERSIONS = frozenset((
    "2009-10-01", "2010-04-01", "2010-10-28", "2011-02-25", "2011-06-01", "2011-08-01", "2011-10-01", "2012-03-01", "2012-08-01",
    "2012-12-01", "2013-03-01", "2013-06-01", "2013-08-01", "2013-10-01", "2013-11-01", "2014-02-01", "2014-04-01", "2014-05-01",
    "2014-06-01", "2014-07-01", "2014-10-01", "2015-02-01", "2015-04-01",
))


def error_response(request_id, error, extra_headers=None):
    headers = [("x-ms-request-id", request_id)] + list(extra_headers or [])
    return http.xml(error.status, views.error(error.code, error.message), headers)


class Application:
    """Everything a request needs: store, clock, faults, statistics and the two listener URLs."""

    def __init__(self, store, clock, management_url="", redirect_url="", default_subscription_id=""):
        self.store = store
        self.default_subscription_id = default_subscription_id
        self.clock = clock
        self.management_url = management_url
        self.redirect_url = redirect_url
        self.faults = FaultRules()
        self.stats = Stats()

    def handle(self, request):
        request_id = http.new_request_id()
        try:
            if request.segments[:1] == ["_emulator"]:
                response = control.handle(self, request)
            else:
                response = self._handle_asm(request, request_id)
        except ASMError as exc:
            response = error_response(request_id, exc)
        except Exception:  # pylint: disable=broad-except
            # A bug must still answer like ASM would, and leave a trace in the log.
            LOG.error("internal error on %s %s\n%s", request.method, request.raw_path, traceback.format_exc())
            response = error_response(request_id, ASMError(500, "InternalError", "The server encountered an internal error. Please retry the request."))
        if not any(name.lower() == "x-ms-request-id" for name, _value in response.headers):
            response.headers.append(("x-ms-request-id", request_id))
        return response

    def _handle_asm(self, request, request_id):
        if not request.segments:
            raise ASMError(404, "ResourceNotFound", "The requested URI does not represent any resource on the server.")
        subscription_id, segments = request.segments[0], request.segments[1:]
        route, params = ROUTER.find(request.method, segments)
        self.stats.count(request.method, route.template if route else "/" + "/".join(segments))
        if not self._authorized(subscription_id, request.thumbprint):
            raise forbidden()
        rule = self.faults.fire(request.method, request.raw_path)
        fail_operation = None
        if rule is not None:
            if rule.latency:
                time.sleep(rule.latency)
            if rule.drop:
                return http.Response(0, drop=True)
            if rule.redirect and request.listener == "primary":
                location = self.redirect_url + request.raw_path + ("?" + request.raw_query if request.raw_query else "")
                return http.empty(307, [("Location", location), ("x-ms-request-id", request_id)])
            if rule.status:
                return error_response(request_id, ASMError(rule.status, rule.code, rule.message))
            fail_operation = rule.fail_operation
        if request.header("x-ms-version") not in KNOWN_VERSIONS:
            raise missing_version()
        if route is None:
            if ROUTER.path_known(segments):
                raise ASMError(400, "InvalidHttpVerb", "The HTTP verb %s is not supported on this resource." % request.method)
            raise ASMError(404, "ResourceNotFound", "The requested URI does not represent any resource on the server.")
        ctx = Context(self.store, self.clock, self._canonical_subscription(subscription_id), request_id, self.management_url, fail_operation)
        return route.handler(ctx, request, **params)

    def _authorized(self, subscription_id, thumbprint):
        if not thumbprint:
            return False
        with self.store.read() as tx:
            return tx.subscription(subscription_id) is not None and tx.certificate_registered(subscription_id, thumbprint)

    def _canonical_subscription(self, subscription_id):
        with self.store.read() as tx:
            return tx.subscription(subscription_id)["id"]

    def thumbprint_registered_anywhere(self, thumbprint):
        if not thumbprint:
            return False
        with self.store.read() as tx:
            return tx.thumbprint_known(thumbprint)
