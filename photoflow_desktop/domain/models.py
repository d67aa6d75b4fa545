"""Peewee models over the PhotoFlow web app's tables ("Tasks", task_comments) and our own.

Column names are exactly those Prisma creates (DESIGN.md §2); timestamps are naive UTC with
millisecond precision, stored as Prisma stores them (PrismaDateTimeField).
"""

from __future__ import annotations

from datetime import UTC, datetime

import peewee

from photoflow_desktop.domain.datetime_field import PrismaDateTimeField, truncate_to_millis
from photoflow_desktop.domain.db import database_proxy, is_postgres, on_bind
from photoflow_desktop.domain.stored_values import RawBooleanField, RawIntegerField, RawTextField


def utc_now() -> datetime:
    """Now as naive UTC, truncated to milliseconds (PostgreSQL timestamp(3))."""
    return truncate_to_millis(datetime.now(UTC).replace(tzinfo=None))


class BaseModel(peewee.Model):
    class Meta:
        database = database_proxy


OWN_SCHEMA = "photoflow"


class OwnModel(BaseModel):
    """Base of PhotoFlow's own tables: in schema `photoflow` on PostgreSQL, plain on SQLite.

    Prisma looks only at its datasource's schema, so nothing of ours there counts as drift
    (DESIGN.md §2). `place_own_models` sets the schema when a database is bound.
    """


def own_models() -> list[type[OwnModel]]:
    """Every model of our own tables (subclasses of OwnModel, at any depth)."""
    found, pending = [], list(OwnModel.__subclasses__())
    while pending:
        model = pending.pop()
        found.append(model)
        pending.extend(model.__subclasses__())
    return found


def place_own_models(on_postgres: bool) -> None:
    """Point our own models at schema `photoflow` on PostgreSQL, at the main schema on SQLite.

    OwnModel itself is placed too, so a model defined later inherits the schema.
    """
    for model in (OwnModel, *own_models()):
        model._meta.schema = OWN_SCHEMA if on_postgres else None


class Task(BaseModel):
    """One studio order: a card on the board."""

    id = peewee.AutoField()
    created_at = PrismaDateTimeField(default=utc_now)
    due_at = PrismaDateTimeField(column_name="dueAt", index=True)
    task = RawTextField()
    additional_information = RawTextField(default="")
    status = RawTextField()
    is_finished = RawBooleanField(default=False, index=True)
    amount_of_comments = RawIntegerField(default=0)
    task_column = RawTextField(column_name="taskColumn", default="1", index=True)

    class Meta:
        table_name = "Tasks"


class TaskComment(BaseModel):
    """One comment in a task's thread."""

    id = peewee.AutoField()
    created_at = PrismaDateTimeField(default=utc_now)
    task = peewee.ForeignKeyField(
        Task, column_name="task_id", backref="comments", on_delete="CASCADE", on_update="CASCADE"
    )
    comment = peewee.TextField()

    class Meta:
        table_name = "task_comments"


class BoardColumn(OwnModel):
    """A kanban column (ours; the web app knows only the keys '1', '2', '3')."""

    key = peewee.TextField(primary_key=True)
    title = peewee.TextField()
    position = peewee.IntegerField()
    wip_limit = peewee.IntegerField(null=True)

    class Meta:
        table_name = "board_columns"


class TaskSearch(OwnModel):
    """One task as the search table holds it (PostgreSQL; written by triggers, read by us)."""

    task_id = peewee.IntegerField(primary_key=True)
    column_key = peewee.TextField()
    due = peewee.DateTimeField()
    finished = peewee.BooleanField()
    status = peewee.TextField()  # lowered
    haystack = peewee.TextField()  # lowered title \x1f description \x1f status

    class Meta:
        table_name = "task_search"


on_bind(lambda database: place_own_models(is_postgres(database)))

ALL_MODELS = (Task, TaskComment, BoardColumn)
DEFAULT_COLUMNS = (("1", "To do", 0), ("2", "In progress", 1), ("3", "Done", 2))
