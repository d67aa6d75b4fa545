"""The edit journal: changes waiting for the database survive a crash and replay compare-and-set."""

from __future__ import annotations

import stat
from datetime import datetime

import pytest

from photoflow_desktop.config import mask_url
from photoflow_desktop.domain import comments, tasks
from photoflow_desktop.domain.edit_journal import EditJournal, WaitingEdit, journal_path, replay
from photoflow_desktop.domain.errors import ConflictError, NotFoundError
from photoflow_desktop.domain.records import TaskDraft


def _task(title: str = "Smith wedding"):
    return tasks.create_task(TaskDraft(title=title, due_at=datetime(2026, 6, 1, 9), status="RAW"))


@pytest.fixture
def journal(tmp_path):
    return EditJournal(journal_path(tmp_path, "postgresql://anna:***@db.example:5432/studio"))


def test_edits_are_on_disk_in_order_and_survive_a_reopen(db, journal):
    seen = _task()
    draft = TaskDraft("Smith wedding — album", seen.due_at, "RAW", "12 pages", "2")
    made = [
        WaitingEdit("edit", seen.id, seen, draft=draft, text="Edit “Smith wedding — album”"),
        WaitingEdit("finish", seen.id, seen, value=True),
        WaitingEdit("create", draft=TaskDraft("Müller portraits", seen.due_at, "RAW")),
        WaitingEdit("comment", seen.id, value="Client called: ✓"),
    ]
    for edit in made:
        journal.append(edit)

    reopened = EditJournal(journal.path)  # as a new process after a crash reads it
    assert reopened.entries() == made
    assert len(reopened) == 4


def test_replay_applies_each_operation(db, journal):
    seen, gone, other = _task(), _task("To delete"), _task("To move")
    draft = TaskDraft("Smith wedding — album", seen.due_at, "Entwickelt", "12 pages", "1")
    for edit in [
        WaitingEdit("edit", seen.id, seen, draft=draft),
        WaitingEdit("move", other.id, other, value="2"),
        WaitingEdit("delete", gone.id, gone),
        WaitingEdit("create", draft=TaskDraft("Müller portraits", seen.due_at, "RAW")),
        WaitingEdit("comment", seen.id, value="Album ordered"),
    ]:
        journal.append(edit)

    for edit in EditJournal(journal.path).entries():
        replay(edit)
        journal.remove(edit.key)

    stored = tasks.get_task(seen.id)
    assert (stored.title, stored.status, stored.info) == (draft.title, "Entwickelt", "12 pages")
    assert stored.comment_count == 1
    assert [c.text for c in comments.list_comments(seen.id)] == ["Album ordered"]
    assert tasks.get_task(other.id).column == "2"
    with pytest.raises(NotFoundError):
        tasks.get_task(gone.id)
    assert journal.entries() == [] and not journal.path.exists()


def test_a_finish_replayed_after_someone_else_changed_the_task_is_a_conflict(db, journal):
    seen = _task()
    journal.append(WaitingEdit("finish", seen.id, seen, value=True))
    theirs = tasks.update_task(seen.id, TaskDraft("Renamed at the studio", seen.due_at, "RAW"))

    (edit,) = EditJournal(journal.path).entries()
    with pytest.raises(ConflictError) as raised:
        replay(edit)
    assert raised.value.current == theirs  # what the conflict dialog shows as theirs
    assert tasks.get_task(seen.id) == theirs  # nothing overwritten


def test_discarding_one_or_all_rewrites_the_file(db, journal):
    seen = _task()
    first = WaitingEdit("move", seen.id, seen, value="2")
    second = WaitingEdit("finish", seen.id, seen, value=True)
    journal.append(first)
    journal.append(second)

    journal.remove(first.key)
    assert EditJournal(journal.path).entries() == [second]
    journal.clear()
    assert EditJournal(journal.path).entries() == []
    assert tasks.get_task(seen.id) == seen  # discarded: never applied


def test_the_file_is_readable_by_the_user_only_and_holds_no_password(tmp_path, db):
    url = "postgresql://anna:S3cret-pass@db.example:5432/studio"
    journal = EditJournal(journal_path(tmp_path, mask_url(url)))
    seen = _task()
    journal.append(WaitingEdit("move", seen.id, seen, value="2"))
    journal.append(WaitingEdit("finish", seen.id, seen, value=True))
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
    journal.remove(journal.entries()[0].key)  # the rewritten file too
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(journal.path.parent.stat().st_mode) == 0o700
    for written in [journal.path, *journal.path.parent.iterdir()]:
        assert b"S3cr" not in written.read_bytes() and "S3cr" not in str(written)


def test_one_journal_per_database(tmp_path):
    studio = journal_path(tmp_path, "postgresql://anna:***@db.example:5432/studio")
    other = journal_path(tmp_path, "postgresql://anna:***@db.example:5432/archive")
    assert studio != other and studio.parent == other.parent


def test_a_line_cut_short_by_a_crash_is_skipped(db, journal):
    seen = _task()
    kept = WaitingEdit("move", seen.id, seen, value="2")
    journal.append(kept)
    with journal.path.open("a", encoding="utf-8") as stream:
        stream.write('{"key": "abc", "operation": "fin')  # power cut mid-append
    assert EditJournal(journal.path).entries() == [kept]
