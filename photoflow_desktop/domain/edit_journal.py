"""Edits waiting for the database, kept in a local file so a crash loses none (DESIGN.md §6).

Each waiting edit is one self-contained JSON line: the operation, the task it acts on, the task
as the user saw it (the compare-and-set expectation) and the new values (for a create the draft;
for a comment its text). The file lives in the user data folder, one per database (named by a
hash of the masked URL, so no password is ever written), readable by the user only. Appends are
flushed and fsynced; removals rewrite the file atomically (temp file + os.replace). Replaying an
edit goes through the task use cases with their `expected=`, so a lost race is a ConflictError
exactly as for an edit made online.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path

from photoflow_desktop.domain import comments, tasks
from photoflow_desktop.domain.records import CommentRecord, TaskDraft, TaskRecord

log = logging.getLogger(__name__)

JOURNAL_FOLDER = "waiting-edits"
OPERATIONS = ("create", "edit", "move", "finish", "delete", "comment")
_DATES = ("due_at", "created_at")


def journal_path(data_dir: Path, masked_url: str) -> Path:
    """The journal file of the database at `masked_url` (a URL with its password masked)."""
    digest = hashlib.sha256(masked_url.encode("utf-8")).hexdigest()[:24]
    return Path(data_dir) / JOURNAL_FOLDER / f"{digest}.jsonl"


def _encode(values) -> dict | None:
    """A record or draft as JSON-safe values (dates as ISO text)."""
    if values is None:
        return None
    data = asdict(values)
    for name in _DATES:
        if isinstance(data.get(name), datetime):
            data[name] = data[name].isoformat()
    return data


def _decode(kind, data: dict | None):
    """The record or draft `kind` from `_encode`'s values."""
    if data is None:
        return None
    data = dict(data)
    for name in _DATES:
        if isinstance(data.get(name), str):
            data[name] = datetime.fromisoformat(data[name])
    known = {item.name for item in fields(kind)}
    return kind(**{key: value for key, value in data.items() if key in known})


@dataclass(frozen=True)
class WaitingEdit:
    """One change that has not reached the database yet."""

    operation: str  # one of OPERATIONS
    task_id: int | None = None  # None for a create
    expected: TaskRecord | None = None  # the task as the user saw it (compare-and-set)
    draft: TaskDraft | None = None  # create/edit: the values to store
    value: str | bool | None = None  # move: the column key; finish: the flag; comment: text
    text: str = ""  # how the board describes it ("Move “Smith wedding” to Done")
    key: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __post_init__(self):
        if self.operation not in OPERATIONS:
            raise ValueError(f"Unknown waiting edit operation: {self.operation}")

    def to_json(self) -> str:
        """One line of the journal."""
        data = {
            "key": self.key,
            "operation": self.operation,
            "task_id": self.task_id,
            "expected": _encode(self.expected),
            "draft": _encode(self.draft),
            "value": self.value,
            "text": self.text,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, line: str) -> WaitingEdit:
        """The edit written by `to_json`."""
        data = json.loads(line)
        return cls(
            operation=data["operation"],
            task_id=data.get("task_id"),
            expected=_decode(TaskRecord, data.get("expected")),
            draft=_decode(TaskDraft, data.get("draft")),
            value=data.get("value"),
            text=data.get("text", ""),
            key=data["key"],
        )


def replay(edit: WaitingEdit) -> TaskRecord | CommentRecord | None:
    """Apply a waiting edit (compare-and-set); ConflictError/NotFoundError as online edits."""
    expected = edit.expected
    if edit.operation == "create":
        return tasks.create_task(edit.draft)
    if edit.operation == "edit":
        return tasks.update_task(edit.task_id, edit.draft, expected=expected)
    if edit.operation == "move":
        return tasks.move_task(edit.task_id, str(edit.value), expected=expected)
    if edit.operation == "finish":
        return tasks.set_finished(edit.task_id, bool(edit.value), expected=expected)
    if edit.operation == "delete":
        tasks.delete_task(edit.task_id, expected=expected)
        return None
    return comments.add_comment(edit.task_id, str(edit.value))


class EditJournal:
    """The waiting edits of one database, in the order they were made."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def entries(self) -> list[WaitingEdit]:
        """Every waiting edit, oldest first (a line cut short by a crash is skipped)."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        found = []
        for line in lines:
            if not line.strip():
                continue
            try:
                found.append(WaitingEdit.from_json(line))
            except (ValueError, KeyError, TypeError) as exc:
                log.warning("skipped a damaged line in %s: %s", self.path, exc)
        return found

    def __len__(self) -> int:
        return len(self.entries())

    def append(self, edit: WaitingEdit) -> None:
        """Add an edit at the end, on disk before this returns."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as stream:
            stream.write(edit.to_json() + "\n")
            stream.flush()
            os.fsync(stream.fileno())

    def remove(self, key: str) -> None:
        """Forget the edit `key` (applied or discarded)."""
        self._rewrite([edit for edit in self.entries() if edit.key != key])

    def clear(self) -> None:
        """Discard every waiting edit."""
        self._rewrite([])

    def _rewrite(self, kept: list[WaitingEdit]) -> None:
        """Replace the file at once with `kept` (none: the file goes)."""
        if not kept:
            self.path.unlink(missing_ok=True)
            return
        descriptor, temp_name = tempfile.mkstemp(
            dir=self.path.parent, prefix=".journal-", suffix=".tmp"
        )  # mkstemp creates it 0600
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                stream.writelines(edit.to_json() + "\n" for edit in kept)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temp_name, self.path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
