"""Command line: ``serve``, ``add-certificate``, ``add-subscription`` (see README.md)."""
from __future__ import annotations

import argparse
import logging
import os
import sys

from asm_emulator import bootstrap, server
from asm_emulator.clock import DEFAULT_DURATIONS, parse_duration_overrides
from asm_emulator.store import Store, database_path


def _parser():
    parser = argparse.ArgumentParser(prog="python -m asm_emulator", description="Azure classic Service Management (ASM) emulator")
    verbs = parser.add_subparsers(dest="verb", required=True)

    serve = verbs.add_parser("serve", help="run the emulator until SIGTERM/SIGINT")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, loopback only)")
    serve.add_argument("--port", type=int, default=0, help="port of the management endpoint; 0 picks a free one (default)")
    serve.add_argument("--state-dir", required=True, help="directory of the SQLite state, certificates and connection.json")
    serve.add_argument("--time-scale", type=float, default=1.0, help="multiply every simulated duration (e.g. 0.02 for tests)")
    serve.add_argument("--duration", action="append", default=[], metavar="KIND=SECONDS",
                       help="override one duration, in real-world seconds before scaling; kinds: %s" % ", ".join(sorted(DEFAULT_DURATIONS)))
    serve.add_argument("--verbose", action="store_true", help="log every request")

    cert = verbs.add_parser("add-certificate", help="register a management certificate (.cer DER or PEM)")
    cert.add_argument("--state-dir", required=True)
    cert.add_argument("--subscription", help="subscription id (default: the default subscription)")
    cert.add_argument("--cert", required=True, help="certificate file, DER (.cer) or PEM")

    sub = verbs.add_parser("add-subscription", help="add a subscription with its own generated management certificate")
    sub.add_argument("--state-dir", required=True)
    sub.add_argument("--id", help="subscription GUID (default: a new one)")
    sub.add_argument("--name", help="subscription name")
    return parser


def _open_store(state_dir):
    if not os.path.exists(database_path(state_dir)):
        raise SystemExit("no emulator state in %s: start 'serve' once with this --state-dir first" % state_dir)
    return Store(database_path(state_dir))


def main(argv=None):
    args = _parser().parse_args(argv)
    if args.verb == "serve":
        logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(asctime)s %(message)s", stream=sys.stderr)
        try:
            durations = parse_duration_overrides(args.duration)
            return server.serve(args.state_dir, host=args.host, port=args.port, time_scale=args.time_scale, durations=durations)
        except ValueError as exc:
            print("error: %s" % exc, file=sys.stderr)
            return 2
    store = _open_store(args.state_dir)
    try:
        if args.verb == "add-certificate":
            subscription_id = args.subscription or bootstrap.default_subscription_id(store)
            print(bootstrap.add_certificate(store, subscription_id, args.cert))
            return 0
        created = bootstrap.add_subscription(store, args.state_dir, args.id, args.name)
        print(created["id"])
        return 0
    except (ValueError, OSError) as exc:
        print("error: %s" % exc, file=sys.stderr)
        return 1
    finally:
        store.close()
