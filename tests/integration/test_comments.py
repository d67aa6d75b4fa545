"""Comments keep amount_of_comments exact, even with two workstations at once."""

import threading
from datetime import datetime
from pathlib import Path

import pytest

from photoflow_desktop.domain import comments, tasks
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import NotFoundError, ValidationError
from photoflow_desktop.domain.models import TaskComment
from photoflow_desktop.domain.records import TaskDraft


@pytest.fixture
def task(db):
    return tasks.create_task(TaskDraft("Newborn Session", datetime(2026, 5, 1, 10), "RAW"))


def _count(task_id):
    return tasks.get_task(task_id).comment_count


def test_add_edit_delete_restore_keep_the_count(task):
    first = comments.add_comment(task.id, "  Parents prefer neutral colours ")
    assert first.text == "Parents prefer neutral colours" and _count(task.id) == 1
    second = comments.add_comment(task.id, "Basket packed")
    assert comments.edit_comment(second.id, "Basket and blanket packed").text.startswith(
        "Basket and"
    )
    assert _count(task.id) == 2
    removed = comments.delete_comment(first.id)
    assert _count(task.id) == 1
    comments.restore_comment(removed)
    assert _count(task.id) == 2
    assert [c.id for c in comments.list_comments(task.id)] == [first.id, second.id]


def test_bad_comments_write_nothing(task):
    for text in ["", "   ", "nul\x00byte"]:
        with pytest.raises(ValidationError):
            comments.add_comment(task.id, text)
    assert TaskComment.select().count() == 0 and _count(task.id) == 0


def test_commenting_a_deleted_task_is_refused_cleanly(task):
    tasks.delete_task(task.id)
    with pytest.raises(NotFoundError):
        comments.add_comment(task.id, "too late")
    assert TaskComment.select().count() == 0


def test_two_connections_adding_at_the_same_moment_keep_the_count_exact(task):
    """Each thread has its own connection (peewee connections are per thread)."""
    per_thread, threads_count = 25, 2
    start = threading.Barrier(threads_count)
    errors = []

    def add_many(worker):
        try:
            start.wait()
            for n in range(per_thread):
                comments.add_comment(task.id, f"worker {worker} comment {n}")
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            database_proxy.close()

    workers = [threading.Thread(target=add_many, args=(w,)) for w in range(threads_count)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    real = TaskComment.select().where(TaskComment.task == task.id).count()
    assert real == per_thread * threads_count
    assert _count(task.id) == real


def test_processes_deleting_the_same_comments_at_once_count_each_removal_once(
    task, database_url, tmp_path
):
    """Four real processes race to delete the same 60 comments: each goes exactly once."""
    import subprocess
    import sys

    ids = [comments.add_comment(task.id, f"note {n}").id for n in range(60)]
    database_proxy.close()
    start = tmp_path / "go"
    racers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.support.comment_racer", database_url, str(start)]
            + [str(i) for i in ids],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parents[2],
        )
        for _ in range(4)
    ]
    start.touch()
    outcomes = [line.split()[0] for racer in racers for line in racer.communicate()[0].splitlines()]

    assert outcomes.count("error") == 0, outcomes
    assert outcomes.count("deleted") == len(ids) and outcomes.count("gone") == 3 * len(ids)
    assert TaskComment.select().count() == 0
    assert _count(task.id) == 0
