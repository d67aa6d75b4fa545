"""psycopg2 loads with the first PostgreSQL database, not with peewee (start-up time on SQLite).

peewee imports psycopg2 (25–75 ms) at its own import whenever it is installed, and peewee-migrate
does the same through playhouse.postgres_ext, so `photoflow --help` and every SQLite session paid
for a driver they never use. `import_peewee_without_driver` (run once from the package's
`__init__`, before anything imports peewee) and `psycopg2_hidden` (around the peewee-migrate
import) hide psycopg2 during those imports; `load_psycopg2` then hands the driver to peewee and
playhouse exactly as their own imports would have, the first time `domain.db` builds a PostgreSQL
database. When psycopg2 was already imported (a test helper, a tool script) peewee got it the
usual way and these functions change nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType


@contextmanager
def psycopg2_hidden() -> Iterator[None]:
    """Inside: `import psycopg2` fails (peewee and playhouse then skip it), unless it is loaded."""
    if "psycopg2" in sys.modules:
        yield
        return
    sys.modules["psycopg2"] = None  # an import of a None entry raises ImportError
    try:
        yield
    finally:
        del sys.modules["psycopg2"]


def import_peewee_without_driver() -> None:
    """Import peewee with psycopg2 hidden, unless peewee is already imported."""
    if "peewee" not in sys.modules:
        with psycopg2_hidden():
            import peewee  # noqa: F401


def load_psycopg2() -> ModuleType:
    """Import psycopg2 and give it to peewee (and playhouse) when they were imported without it."""
    import peewee
    import psycopg2
    from psycopg2 import extensions, extras

    if peewee.psycopg2 is None:  # what peewee's module body does when the driver is there
        peewee.psycopg2 = psycopg2
        peewee.pg_extensions = extensions
        peewee.Json_pg2 = extras.Json
        extras.register_uuid()
        adapter = peewee.Psycopg2Adapter
        adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
        adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
        adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
    postgres_ext = sys.modules.get("playhouse.postgres_ext")  # peewee-migrate imports it
    if postgres_ext is not None and postgres_ext.register_hstore is None:
        postgres_ext.register_hstore = extras.register_hstore
    return psycopg2


def driver_errors() -> tuple[type[Exception], ...]:
    """(psycopg2.Error,) once a PostgreSQL database loaded the driver, () before."""
    psycopg2 = loaded_psycopg2()
    return (psycopg2.Error,) if psycopg2 is not None else ()


def loaded_psycopg2() -> ModuleType | None:
    """psycopg2 if a PostgreSQL database loaded it; None before (then nothing raises its errors)."""
    return sys.modules.get("psycopg2")  # None also while psycopg2_hidden is active
