"""A throwaway PostgreSQL server for tests: Debian's `postgresql` binaries, a cluster in a temp
folder, a Unix socket only (no TCP port to collide on), one fresh database per test.

`make test` installs the server (apt-get) and psycopg (the dev extra); where either is missing
the PostgreSQL tests are skipped with the reason.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

SERVER_USER = "postgres"
"""The account the server runs as when the tests run as root (PostgreSQL refuses root)."""
PORT = 5432
"""Only names the socket file; the server listens on no TCP port."""


def find_binaries() -> Path | None:
    """The folder with initdb and pg_ctl: on PATH, or Debian's /usr/lib/postgresql/<v>/bin."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(found[0]).parent if found else None


class PostgresServer:
    """One running cluster; `create_database()` hands out a SQLAlchemy URL of an empty database."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.root = Path(tempfile.mkdtemp(prefix="shopassist-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        self._names = itertools.count(1)
        self._as: list[str] = []
        if os.geteuid() == 0:
            pwd.getpwnam(SERVER_USER)  # KeyError when Debian's package did not create it
            self._as = ["runuser", "-u", SERVER_USER, "--"]

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self._as, *args], capture_output=True, text=True, check=True, timeout=120
        )

    def start(self) -> PostgresServer:
        """initdb (UTF-8, C collation as SQLite compares) and start on the socket."""
        self.socket_dir.mkdir(parents=True)
        if self._as:
            shutil.chown(self.root, SERVER_USER)
            shutil.chown(self.socket_dir, SERVER_USER)
        initdb, pg_ctl = str(self.binaries / "initdb"), str(self.binaries / "pg_ctl")
        self._run(initdb, "-D", str(self.data), "-U", SERVER_USER, "--auth=trust", "--locale=C",
                  "-E", "UTF8")  # fmt: skip
        options = f"-k {self.socket_dir} -p {PORT} -c listen_addresses='' -c fsync=off"
        self._run(pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w",
                  "start")  # fmt: skip
        return self

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of a database on this server (psycopg 3 over the socket)."""
        return f"postgresql+psycopg://{SERVER_USER}@/{database}?host={self.socket_dir}&port={PORT}"

    def create_database(self) -> str:
        """A new empty database; its URL."""
        import psycopg

        name = f"shop{next(self._names)}"
        dsn = f"host={self.socket_dir} port={PORT} user={SERVER_USER} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        try:
            self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "stop")  # fmt: skip
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start_server() -> tuple[PostgresServer | None, str]:
    """A started server, or None and why it cannot run here."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, "psycopg is not installed (pip install -e '.[dev]')"
    binaries = find_binaries()
    if binaries is None:
        return None, "PostgreSQL is not installed (make test installs Debian's postgresql)"
    try:
        return PostgresServer(binaries).start(), ""
    except KeyError:
        return None, f"running as root and there is no {SERVER_USER!r} account to run the server"
    except subprocess.CalledProcessError as exc:
        return None, f"PostgreSQL did not start: {exc.stderr.strip()[-500:]}"
