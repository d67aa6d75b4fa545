"""Finding 7 (first start) and finding 8 (import with a mapping, in the UI) of issue 14: an empty
board offers sample orders in one click, an import, and says how to connect to the studio's
server; the import dialog previews a German Excel CSV and imports it with the chosen columns."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QApplication

from photoflow_desktop.domain.queries import column_page
from tests.integration.test_import_mapping import GERMAN_EXCEL


def test_an_empty_board_offers_samples_import_and_the_server(empty_window, qtbot):
    hint = empty_window.findChild(type(empty_window.empty_hint), "emptyBoardHint")
    assert hint is not None and hint.isVisible()
    texts = " ".join(label.text() for label in hint.findChildren(type(hint.message)))
    assert "Connect to studio server" in texts and "postgresql://" in texts
    hint.import_button.click()
    assert empty_window.dialog.objectName() == "importDialog"
    empty_window.dialog.reject()
    hint.sample_button.click()  # one click: the sample orders are on the board
    assert sum(empty_window.board.column_view(k).count for k in ("1", "2", "3")) > 0
    assert not hint.isVisible()
    assert empty_window.board.selected_task_id() is not None


def test_the_hint_stays_away_from_a_board_with_orders(window):
    assert not window.empty_hint.isVisible()


def test_import_dialog_maps_a_german_excel_file(empty_window, qtbot, tmp_path):
    path = tmp_path / "Aufträge.csv"
    path.write_bytes(
        GERMAN_EXCEL.replace("Titel", "Kunde / Auftrag").replace("×", "x").encode("cp1252")
    )
    empty_window.actions["import"].trigger()
    dialog = empty_window.dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.load(str(path))
    assert "Windows-1252" in dialog.file_label.text() and "“;”" in dialog.file_label.text()
    assert dialog.preview.rowCount() == 3
    assert dialog.preview.item(0, 0).text() == "Hochzeit Müller-Schmidt"
    # "Kunde / Auftrag" is no known header word: the title must be chosen by hand.
    assert not dialog.import_button.isEnabled() and dialog.error_label.isVisible()
    dialog.set_column("task", "Kunde / Auftrag")
    assert dialog.combos["dueAt"].currentData() == "Fällig"
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    assert not dialog.isVisible()
    titles = {r.title: r for r in column_page("1", include_finished=True)}
    assert titles["Hochzeit Müller-Schmidt"].due_at == datetime(2026, 12, 10)
    assert "Hochzeit Müller-Schmidt" in {
        r.title for r in empty_window.board.column_model("1").records()
    }
    assert not empty_window.empty_hint.isVisible()
