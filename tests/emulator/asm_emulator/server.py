"""Listeners and process life cycle of ``python -m asm_emulator serve``.

Two HTTPS listeners share one application: the management endpoint and a second address that the
``redirect`` fault sends 307s to. Each connection gets its TLS handshake in its own thread (a slow
or failing client never blocks the others); the TLS context is rebuilt whenever the set of
registered management certificates changes, so ``add-certificate`` works on a running server.
"""
from __future__ import annotations

import json
import logging
import os
import signal
import socket
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asm_emulator import __version__, bootstrap, tls
from asm_emulator.clock import Clock
from asm_emulator.store import Store, database_path
from asm_emulator.wire.app import Application
from asm_emulator.wire.http import Request

LOG = logging.getLogger("asm_emulator")
CONNECTION_FILE = "connection.json"
_HANDSHAKE_TIMEOUT = 10.0
_IDLE_TIMEOUT = 120.0


class TLSContextSource:
    """The server SSL context, rebuilt when the registered management certificates change."""

    def __init__(self, store, paths):
        self._store = store
        self._paths = paths
        self._lock = threading.Lock()
        self._fingerprint = None
        self._context = None

    def current(self):
        with self._store.read() as tx:
            fingerprint = tx.certificates_fingerprint()
            pems = None if fingerprint == self._fingerprint else [row["pem"] for row in tx.certificates()]
        with self._lock:
            if pems is not None and fingerprint != self._fingerprint:
                self._context = tls.server_context(self._paths, pems)
                self._fingerprint = fingerprint
            return self._context


class RequestHandler(BaseHTTPRequestHandler):
    """Turns HTTP/1.1 requests into wire Requests and writes the wire's Responses."""

    protocol_version = "HTTP/1.1"
    server_version = "asm-emulator/" + __version__
    sys_version = ""

    def version_string(self):
        return self.server_version

    def setup(self):
        super().setup()
        self.connection.settimeout(_IDLE_TIMEOUT)

    def _dispatch(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        thumbprint = tls.peer_thumbprint(self.connection)
        request = Request(self.command, self.path, dict(self.headers.items()), body, thumbprint, self.server.listener_name)
        response = self.server.app.handle(request)
        if response.drop:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_MERGE = _dispatch

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        LOG.info("%s %s", self.address_string(), format % args)


class TLSServer(ThreadingHTTPServer):
    """A threading HTTP server whose connections are TLS-wrapped in their own thread."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, app, context_source, listener_name):
        self.app = app
        self.context_source = context_source
        self.listener_name = listener_name
        super().__init__(address, RequestHandler)

    def finish_request(self, request, client_address):
        request.settimeout(_HANDSHAKE_TIMEOUT)
        try:
            tls_socket = self.context_source.current().wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            # An unregistered client certificate ends here, in the handshake (README, "TLS behaviour").
            LOG.info("%s TLS handshake refused: %s", client_address[0], exc)
            request.close()
            return
        try:
            self.RequestHandlerClass(tls_socket, client_address, self)
        finally:
            try:
                tls_socket.close()
            except OSError:
                pass

    def handle_error(self, request, client_address):
        LOG.debug("connection from %s ended with an error", client_address, exc_info=True)


def _url(host, port):
    return "https://%s:%d" % (host, port)


def write_connection_file(state_dir, data):
    tls.write_file(os.path.join(state_dir, CONNECTION_FILE), json.dumps(data, indent=2, sort_keys=True) + "\n", private=True)


def serve(state_dir, host="127.0.0.1", port=0, time_scale=1.0, durations=None):
    """Run until SIGTERM or SIGINT. Writes connection.json once both listeners accept connections."""
    os.makedirs(state_dir, exist_ok=True)
    connection_path = os.path.join(state_dir, CONNECTION_FILE)
    if os.path.exists(connection_path):
        os.unlink(connection_path)
    clock = Clock(time_scale, durations)
    store = Store(database_path(state_dir))
    paths = tls.ensure_server_certificates(state_dir)
    default = bootstrap.ensure_default_subscription(store, state_dir)
    app = Application(store, clock, default_subscription_id=default["id"])
    context_source = TLSContextSource(store, paths)
    context_source.current()
    main = TLSServer((host, port), app, context_source, "primary")
    redirect = TLSServer((host, 0), app, context_source, "redirect")
    url_host = "127.0.0.1" if host in ("0.0.0.0", "", "localhost") else host  # nosec - only a URL spelling
    app.management_url = _url(url_host, main.server_address[1])
    app.redirect_url = _url("localhost" if url_host == "127.0.0.1" else url_host, redirect.server_address[1])
    bootstrap.write_all_publish_settings(store, state_dir, app.management_url)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_args: stop.set())
    threads = [threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True) for server in (main, redirect)]
    for thread in threads:
        thread.start()
    default_paths = tls.management_paths(state_dir, default["id"])
    write_connection_file(state_dir, {
        "management_url": app.management_url,
        "redirect_url": app.redirect_url,
        "subscription_id": default["id"],
        "management_cert_path": default_paths["pem"],
        "management_cert_pfx_path": default_paths["pfx"],
        "management_cert_password": default["password"],
        "ca_path": paths["ca"],
        "publish_settings": default_paths["publish_settings"],
        "state_dir": os.path.abspath(state_dir),
        "pid": os.getpid(),
    })
    LOG.warning("ASM emulator listening on %s (redirects via %s), state in %s", app.management_url, app.redirect_url, state_dir)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        for server in (main, redirect):
            server.shutdown()
            server.server_close()
        store.close()
        if os.path.exists(connection_path):
            os.unlink(connection_path)
        LOG.warning("ASM emulator stopped")
    return 0
