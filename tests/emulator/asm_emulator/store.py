"""SQLite state of the emulator: subscriptions, management certificates, resources, operations.

Every mutation runs in one ``BEGIN IMMEDIATE`` transaction (``Store.write``), so a check and the
change it guards are atomic even with many concurrent clients, and a ``kill -9`` loses nothing
that was committed (WAL journal, ``synchronous=FULL``). Resources are JSON documents keyed by
(kind, key), in insertion order; the rules give them meaning, this module only keeps them.
Several processes may open the same database (the server and the CLI verbs).
"""
from __future__ import annotations

import contextlib
import json
import os
import queue
import sqlite3
import threading

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS subscriptions (
    id TEXT PRIMARY KEY COLLATE NOCASE,
    name TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS certificates (
    subscription_id TEXT NOT NULL COLLATE NOCASE,
    thumbprint TEXT NOT NULL,
    pem TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (subscription_id, thumbprint)
);
CREATE TABLE IF NOT EXISTS resources (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    subscription_id TEXT NOT NULL,
    parent TEXT,
    doc TEXT NOT NULL,
    UNIQUE (kind, key)
);
CREATE INDEX IF NOT EXISTS resources_by_subscription ON resources (kind, subscription_id);
CREATE INDEX IF NOT EXISTS resources_by_parent ON resources (kind, parent);
CREATE TABLE IF NOT EXISTS operations (
    id TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    lock TEXT,
    started REAL NOT NULL,
    ends REAL NOT NULL,
    outcome TEXT NOT NULL,
    http_status INTEGER NOT NULL,
    error_code TEXT,
    error_message TEXT
);
CREATE INDEX IF NOT EXISTS operations_by_lock ON operations (lock, ends);
"""


class Store:
    """A pool of SQLite connections to ``path`` with read and write transactions."""

    def __init__(self, path):
        self.path = path
        self._pool = queue.LifoQueue()
        # One writer at a time inside this process: SQLite would serialize writers anyway, but its
        # busy handler sleeps and retries, which under 50 clients adds needless latency.
        self._write_lock = threading.RLock()
        with self.write() as tx:
            tx.execute_script(_SCHEMA)
            found = tx.meta("schema_version")
            if found is None:
                tx.set_meta("schema_version", SCHEMA_VERSION)
            elif found != SCHEMA_VERSION:
                raise RuntimeError("%s has schema version %s; this emulator needs %s (use a fresh --state-dir)" % (path, found, SCHEMA_VERSION))

    def _connect(self):
        conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    @contextlib.contextmanager
    def _connection(self):
        try:
            conn = self._pool.get_nowait()
        except queue.Empty:
            conn = self._connect()
        try:
            yield conn
        finally:
            self._pool.put(conn)

    @contextlib.contextmanager
    def write(self):
        """One atomic read-check-write transaction; rolled back if the block raises."""
        with self._write_lock, self._connection() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextlib.contextmanager
    def read(self):
        """A consistent snapshot for a multi-query read (WAL readers never block the writer)."""
        with self._connection() as conn:
            conn.execute("BEGIN")
            try:
                yield Tx(conn)
            finally:
                conn.execute("COMMIT")

    def close(self):
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return


class Tx:
    """Typed access to the tables inside one transaction."""

    def __init__(self, conn):
        self._conn = conn
        self._savepoints = 0

    def execute_script(self, script):
        for statement in script.split(";"):
            if statement.strip():
                self._conn.execute(statement)

    # -- meta ---------------------------------------------------------------------------------
    def meta(self, key):
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else None

    def set_meta(self, key, value):
        self._conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    # -- savepoints: let a change be computed, then undone (fail_operation faults) -----------------
    def savepoint(self):
        self._savepoints += 1
        name = "sp%d" % self._savepoints
        self._conn.execute("SAVEPOINT %s" % name)
        return name

    def rollback_to(self, name):
        self._conn.execute("ROLLBACK TO %s" % name)
        self._conn.execute("RELEASE %s" % name)

    # -- subscriptions and management certificates ----------------------------------------------
    def add_subscription(self, subscription_id, name, created):
        self._conn.execute("INSERT INTO subscriptions (id, name, created) VALUES (?, ?, ?)", (subscription_id, name, created))

    def subscription(self, subscription_id):
        row = self._conn.execute("SELECT * FROM subscriptions WHERE id = ?", (subscription_id,)).fetchone()
        return dict(row) if row else None

    def subscriptions(self):
        return [dict(row) for row in self._conn.execute("SELECT * FROM subscriptions ORDER BY created, id")]

    def add_certificate(self, subscription_id, thumbprint, pem, created):
        self._conn.execute(
            "INSERT INTO certificates (subscription_id, thumbprint, pem, created) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(subscription_id, thumbprint) DO NOTHING", (subscription_id, thumbprint.upper(), pem, created))

    def delete_certificate(self, subscription_id, thumbprint):
        return self._conn.execute("DELETE FROM certificates WHERE subscription_id = ? AND thumbprint = ?", (subscription_id, thumbprint.upper())).rowcount

    def certificates(self, subscription_id=None):
        if subscription_id is None:
            rows = self._conn.execute("SELECT * FROM certificates ORDER BY created, thumbprint")
        else:
            rows = self._conn.execute("SELECT * FROM certificates WHERE subscription_id = ? ORDER BY created, thumbprint", (subscription_id,))
        return [dict(row) for row in rows]

    def certificate_registered(self, subscription_id, thumbprint):
        row = self._conn.execute(
            "SELECT 1 FROM certificates WHERE subscription_id = ? AND thumbprint = ?", (subscription_id, (thumbprint or "").upper())).fetchone()
        return row is not None

    def thumbprint_known(self, thumbprint):
        row = self._conn.execute("SELECT 1 FROM certificates WHERE thumbprint = ?", ((thumbprint or "").upper(),)).fetchone()
        return row is not None

    def certificates_fingerprint(self):
        """Changes whenever a management certificate is added or removed (the TLS trust store follows it)."""
        row = self._conn.execute("SELECT COUNT(*) AS n, COALESCE(GROUP_CONCAT(thumbprint), '') AS t FROM certificates").fetchone()
        return "%d:%s" % (row["n"], row["t"])

    # -- resources ----------------------------------------------------------------------------
    def get(self, kind, key):
        row = self._conn.execute("SELECT doc FROM resources WHERE kind = ? AND key = ?", (kind, key)).fetchone()
        return json.loads(row["doc"]) if row else None

    def exists(self, kind, key):
        return self._conn.execute("SELECT 1 FROM resources WHERE kind = ? AND key = ?", (kind, key)).fetchone() is not None

    def put(self, kind, key, subscription_id, doc, parent=None):
        """Insert, or replace the document of an existing (kind, key) keeping its position."""
        self._conn.execute(
            "INSERT INTO resources (kind, key, subscription_id, parent, doc) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(kind, key) DO UPDATE SET doc = excluded.doc, parent = excluded.parent",
            (kind, key, subscription_id, parent, json.dumps(doc)))

    def delete(self, kind, key):
        return self._conn.execute("DELETE FROM resources WHERE kind = ? AND key = ?", (kind, key)).rowcount

    def list(self, kind, subscription_id=None, parent=None):
        sql = "SELECT doc FROM resources WHERE kind = ?"
        args = [kind]
        if subscription_id is not None:
            sql += " AND subscription_id = ?"
            args.append(subscription_id)
        if parent is not None:
            sql += " AND parent = ?"
            args.append(parent)
        return [json.loads(row["doc"]) for row in self._conn.execute(sql + " ORDER BY seq", args)]

    def wipe_resources(self):
        self._conn.execute("DELETE FROM resources")
        self._conn.execute("DELETE FROM operations")

    # -- operations ---------------------------------------------------------------------------
    def insert_operation(self, op):
        self._conn.execute(
            "INSERT INTO operations (id, subscription_id, kind, lock, started, ends, outcome, http_status, error_code, error_message) "
            "VALUES (:id, :subscription_id, :kind, :lock, :started, :ends, :outcome, :http_status, :error_code, :error_message)", op)

    def operation(self, subscription_id, operation_id):
        row = self._conn.execute("SELECT * FROM operations WHERE subscription_id = ? AND id = ?", (subscription_id, operation_id)).fetchone()
        return dict(row) if row else None

    def operations(self, subscription_id):
        return [dict(row) for row in self._conn.execute("SELECT * FROM operations WHERE subscription_id = ? ORDER BY started", (subscription_id,))]

    def operation_in_progress(self, lock, now):
        row = self._conn.execute("SELECT * FROM operations WHERE lock = ? AND ends > ? ORDER BY started LIMIT 1", (lock, now)).fetchone()
        return dict(row) if row else None


def database_path(state_dir):
    return os.path.join(state_dir, "state.sqlite3")
