"""Data-browser queries on both backends: sort by any field, filter, pages that do not overlap."""

from __future__ import annotations

from photoflow_desktop.domain import browse
from photoflow_desktop.domain.comments import add_comment
from photoflow_desktop.domain.search import parse_query
from photoflow_desktop.domain.seed import seed_board


def test_task_pages_cover_every_task_once_in_the_chosen_order(db):
    seed_board()
    total = browse.task_count()
    pages = [browse.task_rows(sort="title", offset=start, limit=7) for start in range(0, total, 7)]
    rows = [record for page in pages for record in page]
    assert len(rows) == total == len({record.id for record in rows})
    titles = [record.title for record in rows]
    assert titles == sorted(titles)
    newest_first = browse.task_rows(sort="due_at", descending=True, limit=total)
    assert [r.due_at for r in newest_first] == sorted((r.due_at for r in rows), reverse=True)


def test_task_filter_uses_the_search_syntax(db):
    seed_board()
    where = parse_query("status:RAW")
    matching = browse.task_rows(where=where, limit=1000)
    assert matching and all(record.status == "NichtBearbeitet" for record in matching)
    assert browse.task_count(where) == len(matching) < browse.task_count()


def test_comments_of_one_task_and_text_filter(db):
    seed_board()
    task = browse.task_rows(limit=1)[0]
    mine = add_comment(task.id, "Needle in the haystack")
    of_task = browse.comment_rows(task_id=task.id, limit=1000)
    assert mine.id in {c.id for c in of_task}
    assert all(c.task_id == task.id for c in of_task)
    assert browse.comment_count(task_id=task.id) == len(of_task)
    found = browse.comment_rows(text="needle in the", limit=1000)
    assert [c.id for c in found] == [mine.id]
    assert browse.comment_count(text="needle in the") == 1
