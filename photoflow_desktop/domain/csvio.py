"""Export and import the board as CSV (the web app's format) or JSON (with comments).

CSV is exactly what the web app's export writes and its import reads: header
`"ID","task","dueAt","status","additional_information","is_finished","taskColumn"`, every field
double-quoted, CRLF between rows, no line break after the last (a trailing one becomes an empty
row that makes the web app's import fail). That is RFC 4180 CSV, so one form serves both.

Import checks every row before writing anything: one bad row → ValidationError naming the row,
and the database is untouched. Ids are kept when none of them is taken (so export → import into
an empty database reproduces the board exactly); otherwise the tasks get new ids.
"""

from __future__ import annotations

import csv
import io
import json

from photoflow_desktop.domain.columns import column_keys
from photoflow_desktop.domain.date_text import format_exchange_date, parse_exchange_date
from photoflow_desktop.domain.db import database_proxy, is_postgres
from photoflow_desktop.domain.errors import Message, Phrase, ValidationError
from photoflow_desktop.domain.invoice_transfer import (
    export_invoice_data,
    has_invoice_data,
    import_invoice_data,
)
from photoflow_desktop.domain.models import Task, TaskComment, utc_now
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.stored_values import read_text
from photoflow_desktop.domain.tasks import draft_values
from photoflow_desktop.domain.validation import check_id, validate_comment, validate_draft

CSV_HEADER = [
    "ID",
    "task",
    "dueAt",
    "status",
    "additional_information",
    "is_finished",
    "taskColumn",
]
REQUIRED_CSV_COLUMNS = [name for name in CSV_HEADER if name != "ID"]
TRUE_WORDS = {"true", "1", "yes", "y", "ja"}
FALSE_WORDS = {"false", "0", "no", "n", "nein", ""}
ID_CHUNK = 500


def _parse_bool(text) -> bool:
    if isinstance(text, bool):
        return text
    word = str(text).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(Message("'{text}' is not yes/no (use true or false)", text=text))


def _task_rows():
    return Task.select().order_by(Task.id)


def _text(value) -> str:
    """A stored TEXT value for export: the text, or the raw value when it is no text."""
    text, raw = read_text(value)
    return text if raw is None else raw


def _quoted(value) -> str:
    return '"' + str(value).replace('"', '""') + '"'


def export_csv() -> str:
    """Every task as the web app's CSV (quoted, CRLF, no trailing line break)."""
    lines = [",".join(_quoted(name) for name in CSV_HEADER)]
    for row in _task_rows():
        fields = [
            row.id,
            _text(row.task),
            format_exchange_date(row.due_at),
            _text(row.status),
            _text(row.additional_information),
            "true" if row.is_finished else "false",
            _text(row.task_column),
        ]
        lines.append(",".join(_quoted(value) for value in fields))
    return "\r\n".join(lines)


def export_json() -> str:
    """Every task with its comments as JSON text."""
    comments: dict[int, list[dict]] = {}
    for comment in TaskComment.select().order_by(TaskComment.created_at, TaskComment.id):
        comments.setdefault(comment.task_id, []).append(
            {
                "id": comment.id,
                "created_at": format_exchange_date(comment.created_at),
                "comment": comment.comment,
            }
        )
    tasks = [
        {
            "id": row.id,
            "created_at": format_exchange_date(row.created_at),
            "task": _text(row.task),
            "dueAt": format_exchange_date(row.due_at),
            "status": _text(row.status),
            "additional_information": _text(row.additional_information),
            "is_finished": bool(row.is_finished),
            "taskColumn": _text(row.task_column),
            "comments": comments.get(row.id, []),
        }
        for row in _task_rows()
    ]
    document = {"format": "photoflow-desktop", "version": 1, "tasks": tasks}
    document |= export_invoice_data()  # clients, price list, invoices, payments
    return json.dumps(document, indent=2, ensure_ascii=False)


def _json_rows(text: str) -> tuple[list, dict | None]:
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValidationError(
            "The JSON file is nested too deeply to be a PhotoFlow export"
        ) from None
    except ValueError as exc:
        raise ValidationError("The file is not valid JSON: {problem}", problem=exc) from None
    rows = data.get("tasks") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise ValidationError("The JSON file holds no list of tasks")
    return rows, data if has_invoice_data(data) else None


def _csv_rows(text: str) -> list[dict]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        names = {name.strip().casefold(): n for n, name in enumerate(header)}
        missing = [c for c in REQUIRED_CSV_COLUMNS if c.casefold() not in names]
        if missing:
            raise ValidationError(
                "The CSV file lacks the column(s): {columns}", columns=", ".join(missing)
            )
        rows = []
        for number, fields in enumerate(reader, start=1):
            if not fields:
                continue  # a blank line
            if len(fields) > len(header):
                raise ValidationError(
                    "Row {number} has {fields} fields but the header has {header}: "
                    "check its quotes and commas",
                    number=number,
                    fields=len(fields),
                    header=len(header),
                )
            rows.append(_by_name(fields, names))
    except csv.Error as exc:
        raise ValidationError(
            "Row {number}: the CSV cannot be read ({problem}); "
            "a field may hold at most {limit:,} characters",
            number=max(reader.line_num - 1, 1),
            problem=exc,
            limit=csv.field_size_limit(),
        ) from None
    return rows


def _by_name(fields: list[str], positions: dict[str, int]) -> dict:
    """One CSV row as {column: value}, found by header name (any case); ID becomes "id"."""
    row = {}
    for name in CSV_HEADER:
        position = positions.get(name.casefold(), len(fields))
        row["id" if name == "ID" else name] = fields[position] if position < len(fields) else None
    return row


def _rows_from_text(text: str) -> tuple[list, dict | None]:
    """The rows and, for our JSON export, the whole document (clients, invoices…)."""
    stripped = text.lstrip()
    if stripped.startswith("{") or stripped.startswith("["):
        return _json_rows(text)
    return _csv_rows(text), None


def _optional_id(raw, label: str) -> int | None:
    value = raw.get("id")
    return None if value in (None, "") else check_id(value, label)


def _checked_row(number: int, raw, columns: list[str]) -> dict:
    """One import row validated; ValidationError names the row."""
    try:
        if not isinstance(raw, dict):
            raise ValidationError("it is not a task record")
        try:
            due_at = parse_exchange_date(raw.get("dueAt"))
        except ValueError as exc:
            raise ValueError(Message("dueAt {problem}", problem=exc)) from None
        draft = validate_draft(
            TaskDraft(
                title=raw.get("task"),
                due_at=due_at,
                status=raw.get("status"),
                info=raw.get("additional_information") or "",
                column=str(raw.get("taskColumn") or "1"),
                is_finished=_parse_bool(raw.get("is_finished", False)),
            ),
            columns,
        )
        created = raw.get("created_at")
        comments = raw.get("comments") or []
        if not isinstance(comments, list) or not all(isinstance(c, dict) for c in comments):
            raise ValueError(Message("its comments are not a list of comments"))
        checked = {
            "id": _optional_id(raw, Phrase("Id")),
            "draft": draft,
            "created_at": parse_exchange_date(created) if created else utc_now(),
            "comments": [
                {
                    "id": _optional_id(c, Phrase("Comment id")),
                    "comment": validate_comment(c.get("comment")),
                    "created_at": parse_exchange_date(c["created_at"])
                    if c.get("created_at")
                    else utc_now(),
                }
                for c in comments
            ],
        }
    except (ValueError, ValidationError, TypeError, AttributeError) as exc:
        raise ValidationError("Row {number}: {problem}", number=number, problem=exc) from None
    return checked


def _any_taken(model, ids: list[int]) -> bool:
    """True when any of `ids` is in `model`'s table (asked in chunks: SQLite caps variables)."""
    return any(
        model.select().where(model.id.in_(ids[start : start + ID_CHUNK])).exists()
        for start in range(0, len(ids), ID_CHUNK)
    )


def import_text(text: str) -> int:
    """Import tasks from CSV or JSON text (all or nothing); returns how many were added."""
    raw_rows, document = _rows_from_text(text)
    columns = column_keys()
    rows = [_checked_row(n, raw, columns) for n, raw in enumerate(raw_rows, start=1)]
    ids = [r["id"] for r in rows if r["id"] is not None]
    comment_ids = [c["id"] for r in rows for c in r["comments"] if c["id"] is not None]
    keep_ids = (
        len(ids) == len(rows)
        and len(set(ids)) == len(ids)
        and len(set(comment_ids)) == len(comment_ids)
        and not _any_taken(Task, ids)
        and not _any_taken(TaskComment, comment_ids)
    )
    with database_proxy.atomic():
        task_ids = {row["id"]: _insert(row, keep_ids) for row in rows}
        if keep_ids and is_postgres(database_proxy):
            _advance_sequences()
        if document is not None:
            import_invoice_data(document, task_ids)
    return len(rows)


def _insert(row: dict, keep_ids: bool) -> int:
    values = {
        **draft_values(row["draft"]),
        Task.created_at: row["created_at"],
        Task.amount_of_comments: len(row["comments"]),
    }
    if keep_ids:
        values[Task.id] = row["id"]
    task_id = Task.insert(values).execute()
    task_id = row["id"] if keep_ids else task_id
    for comment in row["comments"]:
        comment_values = dict(
            task=task_id, comment=comment["comment"], created_at=comment["created_at"]
        )
        if keep_ids and comment["id"] is not None:
            comment_values["id"] = comment["id"]
        TaskComment.insert(**comment_values).execute()
    return task_id


def _advance_sequences() -> None:
    """After inserting explicit ids on PostgreSQL, move the serial sequences past them."""
    for table in ("Tasks", "task_comments"):
        database_proxy.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'GREATEST((SELECT MAX(id) FROM "{table}"), 1))'
        )
