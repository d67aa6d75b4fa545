"""The data browser against a real database: paging, sort, filter, edit in place, comments."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from photoflow_desktop.domain import browse
from photoflow_desktop.domain.comments import add_comment, get_comment
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.domain.tasks import get_task, update_task
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.maintenance.data_browser import DataBrowser

PAGE = 8


@pytest.fixture
def browser(qtbot, db):
    seed_board()
    widget = DataBrowser(JobRunner(synchronous=True), page_size=PAGE)
    qtbot.addWidget(widget)
    widget.resize(1000, 300)
    return widget


def _commit(view, editor) -> None:
    """What the delegate does on Enter: store the editor's value, close the editor."""
    view.itemDelegate().commitData.emit(editor)
    view.itemDelegate().closeEditor.emit(editor)


def _index(model, row: int, field: str):
    return model.index(row, model.column_of(field))


def test_pages_load_lazily_as_the_view_asks(browser):
    model = browser.task_model
    total = browse.task_count()
    assert total > PAGE
    # the view fetched pages until its viewport was full, not the whole table
    assert PAGE <= model.rowCount() < total and model.rowCount() % PAGE == 0
    assert model.total == total and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == total
    assert len({model.record(r).id for r in range(total)}) == total
    assert f"{total} of {total} rows loaded" in browser.tasks_page.count_label.text()


def test_sorting_by_a_header_asks_the_database(browser):
    view = browser.tasks_page.view
    view.sortByColumn(browser.task_model.column_of("title"), Qt.SortOrder.DescendingOrder)
    every = browse.task_rows(limit=1000)
    assert browser.task_model.record(0).title == max(r.title for r in every)
    view.sortByColumn(browser.task_model.column_of("due_at"), Qt.SortOrder.AscendingOrder)
    assert browser.task_model.record(0).due_at == min(r.due_at for r in every)


def test_filter_uses_the_search_syntax_and_explains_bad_tokens(browser, qtbot):
    page = browser.tasks_page
    qtbot.keyClicks(page.filter_edit, "status:RAW")
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Return)
    model = browser.task_model
    assert 0 < model.total < browse.task_count()
    assert all(model.record(r).status == "NichtBearbeitet" for r in range(model.rowCount()))
    shown = model.total
    page.filter_edit.setText("due:someday")
    assert not browser.apply_task_filter()
    assert "Filter not applied" in page.message.text()
    assert model.total == shown  # the previous filter stays


def test_edit_in_place_through_the_editor_changes_the_database(browser, qtbot):
    view = browser.tasks_page.view
    model = browser.task_model
    record = model.record(0)
    index = _index(model, 0, "title")
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == record.title
    editor.selectAll()
    qtbot.keyClicks(editor, "Renamed in the browser")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: get_task(record.id).title == "Renamed in the browser")
    assert model.data(index) == "Renamed in the browser"
    assert browser.tasks_page.message.text() == ""


def test_bad_edit_is_refused_and_the_database_is_unchanged(browser):
    model = browser.task_model
    record = model.record(0)
    index = _index(model, 0, "title")
    model.setData(index, "   ")  # shown at once, refused by the database's rules: back
    assert "Title is required" in browser.tasks_page.message.text()
    assert get_task(record.id) == record
    assert model.data(index) == record.title
    model.setData(_index(model, 0, "column"), "99")
    assert "does not exist" in browser.tasks_page.message.text()
    assert model.record(0) == record
    assert not model.setData(_index(model, 0, "due_at"), "next tuesday")  # no date: not even shown
    assert get_task(record.id) == record


def test_finished_checkbox_and_due_date_edits(browser, qtbot):
    model = browser.task_model
    record = model.record(0)
    changed = []
    browser.taskChanged.connect(changed.append)
    assert model.setData(
        _index(model, 0, "is_finished"),
        (Qt.CheckState.Unchecked if record.is_finished else Qt.CheckState.Checked).value,
        Qt.ItemDataRole.CheckStateRole,
    )
    assert get_task(record.id).is_finished is (not record.is_finished)
    due_utc = datetime(2030, 5, 17, 13, 45)
    local = QDateTime.fromMSecsSinceEpoch(int(due_utc.replace(tzinfo=UTC).timestamp() * 1000))
    assert model.setData(_index(model, 0, "due_at"), local)
    assert get_task(record.id).due_at == due_utc
    assert changed == [record.id, record.id]


def test_edit_of_a_task_changed_elsewhere_is_refused_and_shows_the_stored_row(browser):
    model = browser.task_model
    record = model.record(0)
    update_task(record.id, replace(TaskDraft.from_record(record), status="Printed"))
    model.setData(_index(model, 0, "title"), "My title")
    assert "changed by someone else" in browser.tasks_page.message.text()
    stored = get_task(record.id)
    assert stored.title == record.title and stored.status == "Printed"
    assert model.record(0).status == "Printed"


def test_show_comments_of_this_task_and_edit_one(browser, qtbot):
    view = browser.tasks_page.view
    model = browser.task_model
    view.selectRow(0)
    task = model.record(0)
    mine = add_comment(task.id, "Client wants matte prints")
    assert browser.show_comments_button.isEnabled()
    qtbot.mouseClick(browser.show_comments_button, Qt.MouseButton.LeftButton)
    assert browser.tabs.currentWidget() is browser.comments_page
    comments = browser.comment_model
    assert f"Task #{task.id}" in browser.task_chip.text()
    rows = [comments.record(r) for r in range(comments.rowCount())]
    assert rows and all(c.task_id == task.id for c in rows)
    row = comments.row_of(mine.id)
    text_index = comments.index(row, comments.column_of("text"))
    comments.setData(text_index, "")
    assert "Comment is required" in browser.comments_page.message.text()
    assert get_comment(mine.id).text == "Client wants matte prints"
    assert comments.record(row).text == "Client wants matte prints"
    assert comments.setData(text_index, "Client wants glossy prints")
    assert get_comment(mine.id).text == "Client wants glossy prints"
    browser.show_all_button.click()
    assert comments.task_id is None and comments.total == browse.comment_count()


def test_comment_text_filter(browser, qtbot):
    task = browser.task_model.record(0)
    mine = add_comment(task.id, "Unique needle 4711")
    browser.show_comments(None)
    browser.comments_page.filter_edit.setText("needle 4711")
    qtbot.waitUntil(lambda: browser.comment_model.total == 1)
    assert browser.comment_model.record(0).id == mine.id
    QApplication.processEvents()


@pytest.fixture
def threaded_browser(qtbot, db):
    """The browser with the real thread pool, once its first rows arrived."""
    seed_board()
    jobs = JobRunner()
    widget = DataBrowser(jobs, page_size=PAGE)
    qtbot.addWidget(widget)
    model = widget.task_model
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() > 0)
    yield widget, jobs
    assert jobs.wait_all()


def test_pages_are_read_in_worker_threads(qtbot, threaded_browser):
    """With the real thread pool the rows arrive through signals; sorting and paging work."""
    widget, _jobs = threaded_browser
    model = widget.task_model
    widget.tasks_page.view.sortByColumn(model.column_of("title"), Qt.SortOrder.DescendingOrder)
    assert model.loading
    qtbot.waitUntil(lambda: not model.loading)
    every = browse.task_rows(limit=1000)
    assert model.record(0).title == max(r.title for r in every)
    while model.canFetchMore():
        rows = model.rowCount()
        model.fetchMore()
        assert not model.canFetchMore()  # one page at a time
        qtbot.waitUntil(lambda rows=rows: model.rowCount() > rows and not model.loading)
    assert model.rowCount() == len(every)
    assert "rows loaded" in widget.tasks_page.count_label.text()


def test_a_page_arriving_after_the_browser_closed_is_dropped(qtbot, db):
    """Closing the window while a page is being read: the late result is ignored, no error."""
    seed_board()
    jobs = JobRunner()
    widget = DataBrowser(jobs, page_size=PAGE)
    model = widget.task_model
    assert model.loading  # the first page is on its way
    widget.deleteLater()
    with qtbot.waitSignal(widget.destroyed):
        pass
    assert jobs.wait_all()
    QApplication.processEvents()  # delivers the job's result to the deleted model: ignored


def test_column_and_status_are_chosen_from_lists(browser, qtbot):
    """taskColumn offers the board's columns, status the known statuses (typing still works)."""
    view = browser.tasks_page.view
    model = browser.task_model
    record = model.record(0)
    target = next(key for key in ("1", "2", "3") if key != record.column)
    index = _index(model, 0, "column")
    view.setCurrentIndex(index)
    view.edit(index)
    combo = view.viewport().findChild(QComboBox)
    assert combo is not None and not combo.isEditable()
    assert [combo.itemData(i) for i in range(combo.count())] == ["1", "2", "3"]
    assert combo.currentData() == record.column
    combo.setCurrentIndex(combo.findData(target))
    _commit(view, combo)
    assert get_task(record.id).column == target
    qtbot.waitUntil(lambda: view.viewport().findChild(QComboBox) is None)  # editor closed

    index = _index(model, 0, "status")
    view.setCurrentIndex(index)
    view.edit(index)
    combo = view.viewport().findChild(QComboBox)
    assert combo.isEditable() and combo.findText("Retouched") >= 0
    combo.setEditText("Waiting for client")
    _commit(view, combo)
    assert get_task(record.id).status == "Waiting for client"


def test_an_edit_shows_at_once_and_is_stored_in_the_background(qtbot, threaded_browser):
    """The UI thread does not wait for the database: the cell shows the new text before the
    worker stored it, the row is not editable meanwhile, and the stored row replaces it."""
    widget, _jobs = threaded_browser
    model = widget.task_model
    record = model.record(0)
    index = _index(model, 0, "title")
    with qtbot.waitSignal(model.rowEdited, timeout=10_000) as edited:
        assert model.setData(index, "Hochzeit Schmidt, Standesamt")
        assert model.data(index) == "Hochzeit Schmidt, Standesamt"
        assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert edited.args == [record.id]
    assert get_task(record.id).title == "Hochzeit Schmidt, Standesamt"
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
