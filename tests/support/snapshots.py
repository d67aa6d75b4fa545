"""What a user sees on the board, read straight from the tables: compare before/after."""

from photoflow_desktop.domain.models import BoardColumn, Task, TaskComment


def board_snapshot() -> dict:
    """Every task, comment and column as plain values, ordered by id/key."""
    return {
        "tasks": list(Task.select().order_by(Task.id).dicts()),
        "comments": list(TaskComment.select().order_by(TaskComment.id).dicts()),
        "columns": list(BoardColumn.select().order_by(BoardColumn.key).dicts()),
    }
