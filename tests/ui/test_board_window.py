"""The board window against a real database: columns, cards, create/edit/finish/delete, search,
columns, live refresh of one task, lazy pages, remembered geometry."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from photoflow_desktop.domain import columns, comments, tasks
from photoflow_desktop.domain.errors import NotFoundError
from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.queries import counts_per_column
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.ui.board.task_model import TaskListModel, TaskRole


def _fail_on_reset(model):
    model.modelReset.connect(lambda: pytest.fail("a single-card change reset the model"))


def test_columns_show_open_tasks_earliest_due_first(window):
    board = window.board
    assert [c.title for c in board.columns] == ["To do", "In progress", "Done"]
    counts = counts_per_column(include_finished=False)
    for key in board.column_keys():
        model = board.column_model(key)
        records = model.records()
        assert records, f"column {key} is empty"
        assert [r.sort_key for r in records] == sorted(r.sort_key for r in records)
        assert all(r.column == key and not r.is_finished for r in records)
        view = board.column_view(key)
        assert view.count_label.text() == str(counts[key])
        assert view.header_text().startswith(f"{view.column.title} {counts[key]}")
    if window.session.backend == "sqlite":
        path = window.session.url.removeprefix("sqlite:///")
        assert window.database_label.text() == f"Database: {path} (SQLite)"
    else:
        assert window.database_label.text() == f"Database: {window.session.display_url}"


def test_show_finished_reveals_finished_cards(window, qtbot):
    done = window.board.column_model("3")
    hidden = {r.id for r in done.records()}
    window.actions["show_finished"].trigger()
    shown = done.records()
    finished = [r for r in shown if r.is_finished]
    assert finished and {r.id for r in shown} > hidden
    assert window.board.column_view("3").count_label.text() == str(len(shown))
    window.actions["show_finished"].trigger()
    assert not any(r.is_finished for r in done.records())


def test_ctrl_n_creates_a_task_in_the_database_and_on_the_board(window, qtbot):
    qtbot.keyClick(
        window.board.column_view("2").view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
    )
    dialog = window.dialog
    assert dialog is not None and dialog.windowTitle() == "New task"
    dialog.title_edit.setText("Studio test - Keller")
    dialog.column_combo.setCurrentIndex(dialog.column_combo.findData("1"))
    dialog.save_button.click()

    todo = window.board.column_model("1")
    created = [r for r in todo.records() if r.title == "Studio test - Keller"]
    assert len(created) == 1
    stored = tasks.get_task(created[0].id)
    assert stored.column == "1" and stored.status == "NichtBearbeitet"
    assert window.board.selected_task_id() == stored.id
    assert window.actions["undo"].text() == "&Undo New task “Studio test - Keller”"


def test_plus_in_a_column_header_preselects_that_column(window):
    window.board.column_view("3").add_button.click()
    assert window.dialog.column_combo.currentData() == "3"
    window.dialog.reject()


def test_enter_edits_the_selected_task(window, qtbot):
    model = window.board.column_model("1")
    _fail_on_reset(model)
    record = model.record(0)
    view = window.board.column_view("1").view
    view.setFocus()
    view.setCurrentIndex(model.index(0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = window.dialog
    assert dialog.windowTitle() == f"Edit task #{record.id}"
    dialog.title_edit.setText("Renamed order")
    dialog.save_button.click()

    assert model.record(model.row_of(record.id)).title == "Renamed order"
    assert model.index(model.row_of(record.id)).data(Qt.ItemDataRole.DisplayRole) == "Renamed order"
    assert tasks.get_task(record.id).title == "Renamed order"


def test_double_click_on_a_card_opens_the_editor(window, qtbot):
    view = window.board.column_view("2").view
    rect = view.visualRect(view.model().index(1))
    qtbot.mouseDClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=rect.center(),
    )
    record = view.model().record(1)
    assert window.dialog.windowTitle() == f"Edit task #{record.id}"
    window.dialog.reject()


def test_ctrl_enter_finishes_and_hides_the_card(window, qtbot):
    model = window.board.column_model("2")
    _fail_on_reset(model)
    record = model.record(0)
    before = window.board.column_view("2").count
    view = window.board.column_view("2").view
    view.setFocus()
    view.setCurrentIndex(model.index(0))
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert model.row_of(record.id) == -1
    assert window.board.column_view("2").count == before - 1
    assert tasks.get_task(record.id).is_finished


def test_delete_asks_naming_the_task_and_its_comments(window, qtbot):
    model = window.board.column_model("2")
    record = next(r for r in model.records() if r.comment_count == 2)
    window.board.select_task(record.id, focus=True)
    qtbot.keyClick(window.board.column_view("2").view, Qt.Key.Key_Delete)
    box = window.dialog
    assert isinstance(box, QMessageBox)
    assert f"“{record.title}” and its 2 comments" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert model.row_of(record.id) >= 0 and tasks.get_task(record.id)

    box = window.delete_task(record.id)
    box.button(QMessageBox.StandardButton.Yes).click()
    assert model.row_of(record.id) == -1
    with pytest.raises(NotFoundError):
        tasks.get_task(record.id)


def test_search_filters_every_column_in_the_database(window, qtbot):
    window.actions["find"].trigger()
    assert window.search_edit.hasFocus()
    qtbot.keyClicks(window.search_edit, "status:Retouched")
    assert window.board.where is None  # debounced: nothing queried while typing
    qtbot.waitUntil(lambda: window.board.where is not None, timeout=2000)
    shown = [
        r for key in window.board.column_keys() for r in window.board.column_model(key).records()
    ]
    assert shown and all(r.status == "Retuschiert" for r in shown)  # the label finds the key
    assert window.board.column_view("1").count_label.text() == "0"

    window.search_edit.setText("wedding")
    window.apply_search()
    shown = [
        r for key in window.board.column_keys() for r in window.board.column_model(key).records()
    ]
    assert shown and all("wedding" in (r.title + r.info + r.status).lower() for r in shown)

    window.search_edit.setText("colour:blue")
    assert not window.apply_search()
    assert "Unknown filter 'colour:'" in window.search_message.text()

    window.search_edit.setText("status:Retouched")
    window.apply_search()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.search_edit.text() == ""
    assert window.board.where is None
    assert window.search_message.text() == ""
    assert window.board.column_view("1").count == counts_per_column()["1"]


def test_finished_token_shows_finished_tasks(window):
    window.search_edit.setText("finished:yes")
    assert window.apply_search()
    shown = [
        r for key in window.board.column_keys() for r in window.board.column_model(key).records()
    ]
    assert shown and all(r.is_finished for r in shown)


def test_column_add_rename_and_wip_limit(window, qtbot):
    dialog = window.column_commands.add_column()
    dialog.title_edit.setText("Retouching")
    dialog.wip_spin.setValue(1)
    dialog.ok_button.click()
    added = columns.list_columns()[-1]
    assert (added.title, added.wip_limit) == ("Retouching", 1)
    view = window.board.column_view(added.key)
    assert view.header_text() == "Retouching 0 WIP 1"
    assert not view.over_limit

    window.board.column_view(added.key).view.setFocus()
    dialog = window.column_commands.rename_column()
    dialog.title_edit.setText("Retouch")
    dialog.ok_button.click()
    assert columns.get_column(added.key).title == "Retouch"
    assert window.board.column_view(added.key).title_label.text() == "Retouch"

    window.board.select_task(window.board.column_model("2").record(0).id, focus=True)
    dialog = window.column_commands.set_wip_limit()
    dialog.wip_spin.setValue(2)
    dialog.ok_button.click()
    assert columns.get_column("2").wip_limit == 2
    header = window.board.column_view("2")
    assert header.over_limit and header.header.toolTip().startswith("Over the WIP limit")
    assert header.header.palette().color(header.header.backgroundRole()) != (
        window.board.column_view("1").header.palette().color(header.header.backgroundRole())
    )


def test_move_column_and_delete_an_empty_one(window):
    added = columns.add_column("Proofing")
    window.board.reload_columns()
    window.board.column_view(added.key).view.setFocus()
    assert window.column_commands.move_column(-1)
    assert [c.key for c in columns.list_columns()] == ["1", "2", added.key, "3"]
    assert window.board.column_keys() == ["1", "2", added.key, "3"]
    dialog = window.column_commands.delete_column()
    dialog.ok_button.click()
    assert window.board.column_keys() == ["1", "2", "3"]
    assert [c.key for c in columns.list_columns()] == ["1", "2", "3"]


def test_deleting_a_column_with_cards_moves_them_on_the_board(window):
    moved = [r.id for r in window.board.column_model("3").records()]
    window.board.column_view("3").view.setFocus()
    dialog = window.column_commands.delete_column()
    assert dialog.message_label.text().startswith("“Done” holds")
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("2"))
    dialog.ok_button.click()
    assert window.board.column_keys() == ["1", "2"]
    assert all(tasks.get_task(task_id).column == "2" for task_id in moved)
    assert all(window.board.column_model("2").row_of(task_id) >= 0 for task_id in moved)
    assert window.board.column_view("2").count == counts_per_column()["2"]


def test_refresh_task_applies_a_change_made_elsewhere_incrementally(window, qtbot):
    board = window.board
    todo, doing = board.column_model("1"), board.column_model("2")
    for model in (todo, doing):
        _fail_on_reset(model)
    record = todo.record(2)
    board.select_task(record.id)

    # edited elsewhere: the card updates in place (dataChanged), selection kept
    tasks.update_task(
        record.id,
        TaskDraft(**{**TaskDraft.from_record(record).__dict__, "title": "Changed elsewhere"}),
    )
    with qtbot.waitSignal(todo.dataChanged, timeout=1000):
        board.refresh_task(record.id)
    assert todo.record(todo.row_of(record.id)).title == "Changed elsewhere"
    assert board.selected_task_id() == record.id

    # moved elsewhere to the top of "In progress": removed here, inserted at the sorted row
    earliest = doing.record(0).due_at - timedelta(hours=1)
    tasks.update_task(
        record.id, TaskDraft("Changed elsewhere", earliest, record.status, record.info, "2")
    )
    with qtbot.waitSignals([todo.rowsRemoved, doing.rowsInserted], timeout=1000):
        board.refresh_task(record.id)
    assert todo.row_of(record.id) == -1 and doing.row_of(record.id) == 0
    assert board.selected_task_id() == record.id
    assert board.column_view("2").count == counts_per_column()["2"]

    # a comment added elsewhere updates the badge count
    comments.add_comment(record.id, "from the web app")
    board.refresh_task(record.id)
    assert doing.index(0).data(TaskRole.Record).comment_count == record.comment_count + 1

    # created elsewhere: appears at its sorted place; deleted elsewhere: disappears
    new = tasks.create_task(
        TaskDraft("Walk-in portrait", utc_now() + timedelta(hours=2), "RAW", column="1")
    )
    board.refresh_task(new.id)
    assert todo.row_of(new.id) == [r.id for r in todo.records()].index(new.id)
    assert [r.sort_key for r in todo.records()] == sorted(r.sort_key for r in todo.records())
    tasks.delete_task(new.id)
    board.refresh_task(new.id)
    assert todo.row_of(new.id) == -1
    assert board.column_view("1").count == counts_per_column()["1"]


def test_column_pages_load_lazily_keyset_on_due_date(session, qtbot):
    start = utc_now()
    made = [
        tasks.create_task(
            TaskDraft(f"Order {i:02}", start + timedelta(hours=i % 7), "RAW", column="1")
        )
        for i in range(25)
    ]
    model = TaskListModel("1", page_size=10)
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 10
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 25
    expected = [r.id for r in sorted(made, key=lambda r: r.sort_key)]
    assert [r.id for r in model.records()] == expected


def test_window_restores_geometry_and_column_widths(window, qtbot, seeded_session):
    from photoflow_desktop.paths import user_config_dir
    from photoflow_desktop.ui.board.main_window import MainWindow
    from photoflow_desktop.ui.common.db_worker import SynchronousWorker
    from photoflow_desktop.ui.common.jobs import JobRunner

    window.resize(780, 560)  # within the offscreen screen (restoreGeometry keeps it on screen)
    window.board.splitter.setSizes([320, 200, 220])
    widths = [window.board.column_view(k).width() for k in window.board.column_keys()]
    window.close()
    assert (user_config_dir() / "window.ini").is_file()  # next to the saved settings

    again = MainWindow(seeded_session, JobRunner(synchronous=True), worker=SynchronousWorker())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (780, 560)
    restored = [again.board.column_view(k).width() for k in again.board.column_keys()]
    assert all(abs(a - b) <= 2 for a, b in zip(restored, widths, strict=True))


def test_help_tools_and_file_menus_open_their_windows(window):
    from photoflow_desktop.ui.common.about_dialog import AboutDialog
    from photoflow_desktop.ui.common.shortcuts_dialog import ShortcutsDialog
    from photoflow_desktop.ui.connection.connect_dialog import ConnectDialog
    from photoflow_desktop.ui.maintenance.panel import MaintenanceDialog

    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert list(menus) == ["File", "Edit", "View", "Board", "Invoices", "Tools", "Help"]

    window.actions["shortcuts"].trigger()
    assert isinstance(window.dialog, ShortcutsDialog)
    window.dialog.reject()
    window.actions["about"].trigger()
    assert isinstance(window.dialog, AboutDialog)
    window.dialog.reject()
    window.actions["connect"].trigger()
    assert isinstance(window.dialog, ConnectDialog)
    window.dialog.reject()
    window.actions["maintenance"].trigger()
    assert isinstance(window.dialog, MaintenanceDialog)
    window.dialog.reject()


def test_status_bar_never_shows_the_password(qtbot, seeded_session):
    from dataclasses import replace as dc_replace

    from photoflow_desktop.config import ResolvedUrl
    from photoflow_desktop.ui.board.main_window import MainWindow
    from photoflow_desktop.ui.common.db_worker import SynchronousWorker
    from photoflow_desktop.ui.common.jobs import JobRunner

    url = "postgresql://studio:s3cret-pw@db.example:5432/photoflow"
    shown = dc_replace(seeded_session, resolved=ResolvedUrl(url, "test"))
    window = MainWindow(shown, JobRunner(synchronous=True), worker=SynchronousWorker())
    qtbot.addWidget(window)
    assert "s3cret-pw" not in window.database_label.text()
    assert (
        window.database_label.text()
        == "Database: postgresql://studio:***@db.example:5432/photoflow"
    )


def test_card_urgency_and_relative_hint_follow_the_web_apps_rule(session):
    from photoflow_desktop.ui.board.card_delegate import Urgency, relative_hint, urgency

    now = utc_now()
    task = tasks.create_task(TaskDraft("Hint", now + timedelta(hours=23), "RAW"))
    assert urgency(task, now) is Urgency.URGENT  # less than a day left
    assert relative_hint(task.due_at, now) == "in 23 hours"
    later = replace(task, due_at=now + timedelta(days=2, hours=3))
    assert urgency(later, now) is Urgency.SOON and relative_hint(later.due_at, now) == "in 2 days"
    calm = replace(task, due_at=now + timedelta(days=9))
    assert urgency(calm, now) is Urgency.CALM
    overdue = replace(task, due_at=now - timedelta(days=3, hours=2))
    assert urgency(overdue, now) is Urgency.URGENT
    assert relative_hint(overdue.due_at, now) == "3 days overdue"
    assert relative_hint(now - timedelta(minutes=90), now) == "1 hour overdue"
    assert urgency(replace(overdue, is_finished=True), now) is Urgency.FINISHED


def test_an_empty_column_says_how_to_fill_it_and_a_search_says_nothing_matched(window):
    lane = window.board.column_view("1").view
    blank = lane.viewport().grab().toImage()  # cards drawn: no hint
    window.search_edit.setText("no order is called this")
    window.apply_search()
    assert lane.model().rowCount() == 0 and lane.empty_text == lane.EMPTY_SEARCH_TEXT
    with_hint = lane.viewport().grab().toImage()
    lane.empty_text = ""
    without_hint = lane.viewport().grab().toImage()
    assert with_hint != without_hint != blank  # the hint is painted
    window.search_edit.clear()
    window.apply_search()
    assert lane.empty_text == lane.EMPTY_TEXT
