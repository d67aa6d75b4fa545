"""Board columns: list, add, rename, reorder, WIP limit, delete (moving cards elsewhere)."""

from __future__ import annotations

import peewee

from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import NotFoundError, ValidationError
from photoflow_desktop.domain.models import BoardColumn, Task
from photoflow_desktop.domain.records import ColumnRecord
from photoflow_desktop.domain.validation import validate_column_title, validate_wip_limit

_NO_NUMBER = peewee.SQL("CAST(NULL AS INTEGER)")  # a stray column has no position or limit


def _to_record(row: BoardColumn) -> ColumnRecord:
    return ColumnRecord(
        key=row.key, title=row.title, position=row.position, wip_limit=row.wip_limit
    )


def list_columns() -> list[ColumnRecord]:
    """The board's columns, left to right, then any key a task holds that no column has.

    Another program (the web app, a script) may put a card in a column this board does not
    know; it gets a column titled with its key, so no card is hidden. One statement (UNION ALL):
    the board asks for it before its first cards, over a network maybe far away.
    """
    known = BoardColumn.select(
        BoardColumn.key,
        BoardColumn.title,
        BoardColumn.position,
        BoardColumn.wip_limit,
        peewee.Value(False),
    ).order_by(BoardColumn.position)
    keys = _distinct_task_columns()
    stray = (
        keys.select_from(keys.c.k, keys.c.k, _NO_NUMBER, _NO_NUMBER, peewee.Value(True))
        .where(keys.c.k.is_null(False) & keys.c.k.not_in(BoardColumn.select(BoardColumn.key)))
        .order_by(keys.c.k)
    )
    columns: list[ColumnRecord] = []
    extra: list[str] = []
    for key, title, position, wip_limit, is_stray in (known + stray).tuples():  # UNION ALL
        if not is_stray:
            columns.append(
                ColumnRecord(key=key, title=title, position=position, wip_limit=wip_limit)
            )
        elif isinstance(key, str):  # a BLOB key cannot be asked for again; see stored_values
            extra.append(key)
    last = max((column.position for column in columns), default=-1)
    return columns + [
        ColumnRecord(key=key, title=key, position=last + number, wip_limit=None)
        for number, key in enumerate(extra, start=1)
    ]


def _distinct_task_columns() -> peewee.CTE:
    """Every "taskColumn" value, one index probe each (a skip scan), not a scan of every order.

    `SELECT DISTINCT` reads all of "Tasks" (~150 ms at a million orders, on every first paint);
    stepping from one key to the next greater one on Prisma's "taskColumn" index takes a probe per
    distinct key. The last step yields NULL, which ends the recursion.
    """
    first = Task.select(peewee.fn.MIN(Task.task_column)).cte(
        "task_column_keys", recursive=True, columns=("k",)
    )
    later = Task.alias("later")
    next_key = later.select(peewee.fn.MIN(later.task_column)).where(later.task_column > first.c.k)
    step = peewee.Select(from_list=[first], columns=[next_key]).where(first.c.k.is_null(False))
    return first.union_all(step)


def column_keys() -> list[str]:
    """The keys of every column (a task's "taskColumn" must be one of them)."""
    return [key for (key,) in BoardColumn.select(BoardColumn.key).tuples()]


def get_column(key: str) -> ColumnRecord:
    """One column, or NotFoundError."""
    row = BoardColumn.get_or_none(BoardColumn.key == key)
    if row is None:
        raise NotFoundError("Column '{key}' no longer exists", key=key)
    return _to_record(row)


def add_column(title: str, wip_limit: int | None = None) -> ColumnRecord:
    """Append a column at the right; its key is the next free number (the web app's style)."""
    title = validate_column_title(title)
    wip_limit = validate_wip_limit(wip_limit)
    with database_proxy.atomic():
        keys = column_keys()
        numeric = [int(k) for k in keys if k.isdigit()]
        key = str(max(numeric, default=0) + 1)
        position = len(keys)
        BoardColumn.create(key=key, title=title, position=position, wip_limit=wip_limit)
    return get_column(key)


def rename_column(key: str, title: str) -> ColumnRecord:
    """Give a column a new title."""
    title = validate_column_title(title)
    if not BoardColumn.update(title=title).where(BoardColumn.key == key).execute():
        raise NotFoundError("Column '{key}' no longer exists", key=key)
    return get_column(key)


def set_wip_limit(key: str, wip_limit: int | None) -> ColumnRecord:
    """Set (or clear with None/0) a column's work-in-progress limit."""
    wip_limit = validate_wip_limit(wip_limit)
    if not BoardColumn.update(wip_limit=wip_limit).where(BoardColumn.key == key).execute():
        raise NotFoundError("Column '{key}' no longer exists", key=key)
    return get_column(key)


def reorder_columns(keys: list[str]) -> list[ColumnRecord]:
    """Put the columns in the order of `keys` (which must name every column once)."""
    if sorted(keys) != sorted(column_keys()):
        raise ValidationError("The new order must name every column exactly once")
    _renumber(keys)
    return list_columns()


def _renumber(keys: list[str]) -> None:
    """Positions 0, 1, 2, … in the order of `keys`, in one transaction."""
    with database_proxy.atomic():
        for position, key in enumerate(keys):
            BoardColumn.update(position=position).where(BoardColumn.key == key).execute()


def delete_column(key: str, move_cards_to: str | None = None) -> int:
    """Delete a column; its cards go to `move_cards_to` (required if it has any). Returns moved."""
    with database_proxy.atomic():
        get_column(key)
        card_count = Task.select().where(Task.task_column == key).count()
        if card_count and move_cards_to is None:
            raise ValidationError(
                "This column still holds {count} task(s); choose where to move them",
                count=card_count,
            )
        if card_count:
            if move_cards_to == key:
                raise ValidationError("Choose another column to move the tasks to")
            get_column(move_cards_to)
            Task.update(task_column=move_cards_to).where(Task.task_column == key).execute()
        BoardColumn.delete().where(BoardColumn.key == key).execute()
        _renumber([c.key for c in list_columns()])
    return card_count
