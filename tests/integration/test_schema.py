"""The schema after `migrate` is the web app's data contract, column by column (DESIGN.md §2)."""

import pytest

from photoflow_desktop.domain.db import database_proxy
from tests.support.backends import only_postgres, only_sqlite

# column → (data_type, is_nullable, default contains)
TASKS_CONTRACT = {
    "id": ("integer", "NO", "nextval"),
    "created_at": ("timestamp without time zone", "NO", "CURRENT_TIMESTAMP"),
    "dueAt": ("timestamp without time zone", "NO", None),
    "task": ("text", "NO", None),
    "additional_information": ("text", "NO", None),
    "status": ("text", "NO", None),
    "is_finished": ("boolean", "NO", "false"),
    "amount_of_comments": ("integer", "NO", "0"),
    "taskColumn": ("text", "NO", "'1'"),
}
COMMENTS_CONTRACT = {
    "id": ("integer", "NO", "nextval"),
    "created_at": ("timestamp without time zone", "NO", "CURRENT_TIMESTAMP"),
    "task_id": ("integer", "NO", None),
    "comment": ("text", "NO", None),
}


def _pg_columns(table):
    cursor = database_proxy.execute_sql(
        "SELECT column_name, data_type, is_nullable, column_default, datetime_precision "
        "FROM information_schema.columns WHERE table_name = %s",
        (table,),
    )
    return {row[0]: row[1:] for row in cursor.fetchall()}


@pytest.mark.parametrize(
    ("table", "contract"), [("Tasks", TASKS_CONTRACT), ("task_comments", COMMENTS_CONTRACT)]
)
@only_postgres
def test_postgres_columns_match_the_contract(db, table, contract):
    columns = _pg_columns(table)
    assert set(columns) == set(contract)
    for name, (data_type, nullable, default) in contract.items():
        actual_type, actual_nullable, actual_default, precision = columns[name]
        assert (actual_type, actual_nullable) == (data_type, nullable), name
        if default is None:
            assert actual_default is None, name
        else:
            assert default in actual_default, name
        if data_type.startswith("timestamp"):
            assert precision == 3, f"{name} must be timestamp(3) like Prisma's"


@only_postgres
def test_postgres_foreign_key_cascades_and_indexes_exist(db):
    rule = database_proxy.execute_sql(
        "SELECT rc.delete_rule FROM information_schema.referential_constraints rc "
        "WHERE rc.constraint_name = 'task_comments_task_id_fkey'"
    ).fetchone()
    assert rule == ("CASCADE",)
    indexes = {
        row[0]
        for row in database_proxy.execute_sql(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'Tasks'"
        ).fetchall()
    }
    for column in ("taskColumn", "is_finished", "dueAt"):
        assert any(f"({column})" in d.replace('"', "") for d in indexes), column


@only_sqlite
def test_sqlite_has_the_same_columns_and_cascade(db):
    tasks = {row[1]: row for row in database_proxy.execute_sql('PRAGMA table_info("Tasks")')}
    assert set(tasks) == set(TASKS_CONTRACT)
    assert all(tasks[name][3] == 1 for name in tasks if name != "id")  # NOT NULL
    keys = database_proxy.execute_sql('PRAGMA foreign_key_list("task_comments")').fetchall()
    assert keys[0][2] == "Tasks" and keys[0][6] == "CASCADE"
    assert database_proxy.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)
    assert database_proxy.execute_sql("PRAGMA journal_mode").fetchone() == ("wal",)


def test_board_columns_start_with_the_web_apps_three(db):
    from photoflow_desktop.domain.columns import list_columns

    assert [(c.key, c.title) for c in list_columns()] == [
        ("1", "To do"),
        ("2", "In progress"),
        ("3", "Done"),
    ]
