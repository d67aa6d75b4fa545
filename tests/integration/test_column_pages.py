"""Every column's first page in one statement: the same cards, in the same order, as one by one."""

from __future__ import annotations

from datetime import datetime, timedelta

import peewee
import pytest

from photoflow_desktop.domain import clients, columns, tasks
from photoflow_desktop.domain.counts import column_counts
from photoflow_desktop.domain.db import database_proxy, is_postgres
from photoflow_desktop.domain.invoice_records import ClientDraft
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.queries import PageRequest, column_page, column_pages
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.search import parse_query

DUE = datetime(2026, 5, 4, 9)


@pytest.fixture
def statements(monkeypatch) -> list[str]:
    """The SQL statements sent to the database from now on (each one a round trip)."""
    sent: list[str] = []
    real = peewee.Database.execute_sql

    def counted(self, sql, params=None, *args, **kwargs):
        sent.append(sql)
        return real(self, sql, params, *args, **kwargs)

    monkeypatch.setattr(peewee.Database, "execute_sql", counted)
    return sent


def _board() -> dict[str, list]:
    made = {"1": [], "2": [], "3": []}
    for number in range(24):
        column = "123"[number % 3]
        title = f"{'Wedding' if number % 4 else 'Portrait'} {number:02d}"
        draft = TaskDraft(title, DUE + timedelta(hours=number * 7 % 24), "RAW", column=column)
        made[column].append(tasks.create_task(draft))
    return made


@pytest.mark.parametrize("search", ["", "wedding", "portrait column:2", "nothing matches"])
def test_every_columns_page_comes_in_one_statement_as_one_by_one(db, statements, search):
    _board()
    where = parse_query(search)
    one_by_one = {key: column_page(key, limit=5, where=where) for key in "123"}

    statements.clear()
    pages = column_pages([PageRequest(key, limit=5) for key in "123"], where=where)

    assert pages.records == one_by_one
    assert len(statements) == 1


def test_a_later_page_follows_its_keyset_and_names_the_client(db, statements):
    made = _board()
    studio = clients.add_client(ClientDraft(name="Atelier Jones"))
    second = sorted(made["2"], key=lambda t: t.sort_key)[3]
    clients.set_task_client(second.id, studio.id)
    first, six = column_page("2", limit=3), column_page("2", limit=6)

    statements.clear()
    pages = column_pages([PageRequest("2", first[-1].sort_key, 3), PageRequest("1", limit=2)])

    assert first + pages.records["2"] == six
    assert pages.client_names == {second.id: "Atelier Jones"}
    assert len(pages.records["1"]) == 2
    assert len(statements) == 1


def test_columns_and_stray_keys_come_in_one_statement(db, statements):
    tasks.create_task(TaskDraft("From the web app", DUE, "RAW"))
    Task.update(task_column="7").execute()  # a column only the web app knows
    statements.clear()
    listed = columns.list_columns()
    assert [(c.key, c.title) for c in listed][-1] == ("7", "7")
    assert [c.key for c in listed] == ["1", "2", "3", "7"]
    assert len(statements) == 1


def test_counts_of_the_boards_columns_take_at_most_two_statements(db, statements):
    _board()
    where = parse_query("wedding")
    expected = {key: len(column_page(key, where=where)) for key in "123"}
    statements.clear()
    counts = column_counts(where=where, keys=["1", "2", "3"])
    assert counts.counts == expected
    # PostgreSQL: the planner's estimates of every column, then the exact counts; SQLite (no
    # network) draws its id sample with two more.
    assert len(statements) == (2 if is_postgres(database_proxy) else 4)
