"""Migration 011: our invoicing tables send change notices; the web app's tables are untouched."""

from __future__ import annotations

import select
import time

import psycopg2

from photoflow_desktop.domain.clients import add_client
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.invoice_records import ClientDraft
from photoflow_desktop.maintenance import migrations, own_schema
from tests.support.backends import only_postgres

NOTICES = "011_invoice_change_notices"


def _triggers(schema: str) -> set[tuple[str, str]]:
    cursor = database_proxy.execute_sql(
        "SELECT event_object_table, trigger_name FROM information_schema.triggers "
        "WHERE trigger_schema = %s",
        (schema,),
    )
    return set(cursor.fetchall())


def _notices_after(url: str, write, wait_s: float = 5.0) -> list[str]:
    """Payloads a listening connection hears on our channel after `write()` (within `wait_s`)."""
    listener = psycopg2.connect(url)
    listener.autocommit = True
    try:
        listener.cursor().execute(f"LISTEN {own_schema.CHANNEL}")
        write()
        deadline, heard = time.monotonic() + wait_s, []
        while time.monotonic() < deadline and not heard:
            if select.select([listener], [], [], 0.2)[0]:
                listener.poll()
                heard += [notice.payload for notice in listener.notifies]
        return heard
    finally:
        listener.close()


@only_postgres
def test_a_client_written_anywhere_is_announced_and_011_touches_only_our_schema(db, database_url):
    web_app_triggers = _triggers("public")
    assert any(table == "clients" for table, _name in _triggers(own_schema.OWN_SCHEMA))

    heard = _notices_after(database_url, lambda: add_client(ClientDraft("Familie Wagner")))
    assert any('"table" : "clients"' in payload for payload in heard), heard

    while migrations.rollback_last() != NOTICES:
        pass
    assert not any(table == "clients" for table, _name in _triggers(own_schema.OWN_SCHEMA))
    assert _triggers("public") == web_app_triggers  # 011 never touched the web app's tables
    silent = _notices_after(database_url, lambda: add_client(ClientDraft("Studio Nord")), 1.0)
    assert silent == []
    assert migrations.apply_pending()[0] == NOTICES
    assert _triggers("public") == web_app_triggers
