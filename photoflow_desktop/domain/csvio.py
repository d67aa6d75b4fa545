"""Export and import the board as CSV (the web app's columns and order) or JSON (with comments).

Import checks every row before writing anything: one bad row → ValidationError naming the row,
and the database is untouched. Ids are kept when none of them is taken (so export → import into
an empty database reproduces the board exactly); otherwise the tasks get new ids.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from photoflow_desktop.domain.columns import column_keys
from photoflow_desktop.domain.db import database_proxy, is_postgres
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.models import Task, TaskComment, to_millis, utc_now
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.tasks import draft_values
from photoflow_desktop.domain.validation import validate_comment, validate_draft

CSV_COLUMNS = [
    "id",
    "task",
    "dueAt",
    "status",
    "additional_information",
    "is_finished",
    "taskColumn",
]
TRUE_WORDS = {"true", "1", "yes", "y", "ja"}
FALSE_WORDS = {"false", "0", "no", "n", "nein", ""}


def format_timestamp(value: datetime) -> str:
    """Naive UTC → ISO 8601 with milliseconds and Z, as JavaScript's toISOString writes it."""
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def parse_timestamp(text: str) -> datetime:
    """ISO 8601 (Z, offset, naive = UTC, or a date alone) → naive UTC; ValueError if unreadable."""
    text = (text or "").strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    value = datetime.fromisoformat(text)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return to_millis(value)


def _parse_bool(text) -> bool:
    if isinstance(text, bool):
        return text
    word = str(text).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"'{text}' is not yes/no (use true or false)")


def _task_rows():
    return Task.select().order_by(Task.id)


def export_csv() -> str:
    """Every task as CSV text with the web app's header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in _task_rows():
        writer.writerow(
            [
                row.id,
                row.task,
                format_timestamp(row.due_at),
                row.status,
                row.additional_information,
                "true" if row.is_finished else "false",
                row.task_column,
            ]
        )
    return buffer.getvalue()


def export_json() -> str:
    """Every task with its comments as JSON text."""
    comments: dict[int, list[dict]] = {}
    for comment in TaskComment.select().order_by(TaskComment.created_at, TaskComment.id):
        comments.setdefault(comment.task_id, []).append(
            {
                "id": comment.id,
                "created_at": format_timestamp(comment.created_at),
                "comment": comment.comment,
            }
        )
    tasks = [
        {
            "id": row.id,
            "created_at": format_timestamp(row.created_at),
            "task": row.task,
            "dueAt": format_timestamp(row.due_at),
            "status": row.status,
            "additional_information": row.additional_information,
            "is_finished": bool(row.is_finished),
            "taskColumn": row.task_column,
            "comments": comments.get(row.id, []),
        }
        for row in _task_rows()
    ]
    return json.dumps(
        {"format": "photoflow-desktop", "version": 1, "tasks": tasks}, indent=2, ensure_ascii=False
    )


def _rows_from_text(text: str) -> list[dict]:
    stripped = text.lstrip()
    if stripped.startswith("{") or stripped.startswith("["):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValidationError("The file is not valid JSON: {problem}", problem=exc) from None
        rows = data.get("tasks") if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise ValidationError("The JSON file holds no list of tasks")
        return rows
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c != "id" and c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(
            "The CSV file lacks the column(s): {columns}", columns=", ".join(missing)
        )
    return list(reader)


def _checked_row(number: int, raw, columns: list[str]) -> dict:
    """One import row validated; ValidationError names the row."""
    try:
        if not isinstance(raw, dict):
            raise ValidationError("it is not a task record")
        try:
            due_at = parse_timestamp(raw.get("dueAt"))
        except (TypeError, ValueError):
            raise ValidationError("dueAt '{value}' is not a date", value=raw.get("dueAt")) from None
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
        raw_id = raw.get("id")
        task_id = int(raw_id) if raw_id not in (None, "") else None
        created_at = parse_timestamp(raw["created_at"]) if raw.get("created_at") else utc_now()
        comments = [
            {
                "id": int(c["id"]) if c.get("id") is not None else None,
                "comment": validate_comment(c.get("comment")),
                "created_at": parse_timestamp(c["created_at"])
                if c.get("created_at")
                else utc_now(),
            }
            for c in raw.get("comments") or []
        ]
    except (ValueError, ValidationError, KeyError, TypeError, AttributeError) as exc:
        raise ValidationError("Row {number}: {problem}", number=number, problem=exc) from None
    return {"id": task_id, "draft": draft, "created_at": created_at, "comments": comments}


def import_text(text: str) -> int:
    """Import tasks from CSV or JSON text (all or nothing); returns how many were added."""
    raw_rows = _rows_from_text(text)
    columns = column_keys()
    rows = [_checked_row(n, raw, columns) for n, raw in enumerate(raw_rows, start=1)]
    ids = [r["id"] for r in rows if r["id"] is not None]
    comment_ids = [c["id"] for r in rows for c in r["comments"] if c["id"] is not None]
    keep_ids = (
        len(ids) == len(rows)
        and len(set(ids)) == len(ids)
        and not Task.select().where(Task.id.in_(ids)).exists()
        and len(set(comment_ids)) == len(comment_ids)
        and not TaskComment.select().where(TaskComment.id.in_(comment_ids or [0])).exists()
    )
    with database_proxy.atomic():
        for row in rows:
            _insert(row, keep_ids)
        if keep_ids and is_postgres(database_proxy):
            _advance_sequences()
    return len(rows)


def _insert(row: dict, keep_ids: bool) -> None:
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


def _advance_sequences() -> None:
    """After inserting explicit ids on PostgreSQL, move the serial sequences past them."""
    for table in ("Tasks", "task_comments"):
        database_proxy.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'GREATEST((SELECT MAX(id) FROM "{table}"), 1))'
        )
