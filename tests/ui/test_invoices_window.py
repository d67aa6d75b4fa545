"""The invoices and clients windows against a real database (jobs run inline)."""

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QMessageBox

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.invoice_queries import list_invoices
from photoflow_desktop.studio import save_studio
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.invoices.clients_window import ClientsWindow
from photoflow_desktop.ui.invoices.invoices_window import InvoicesWindow
from tests.support.invoices import STUDIO, add_client, add_order
from tests.support.screenshots import save_screenshot


@pytest.fixture
def invoices(qtbot, session):
    save_studio(STUDIO)
    shown = InvoicesWindow(JobRunner(synchronous=True))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def finished_order():
    client = add_client()
    order = add_order("Wedding Schmidt", client_id=client.id)
    return client, tasks.set_finished(order.id, True)


def test_invoice_a_finished_order_issue_it_and_record_a_payment(invoices, session):
    client, order = finished_order()
    invoices.reload()
    editor = invoices.new_invoice(
        {"client_id": client.id, "task_id": order.id, "title": order.title}
    )
    assert editor.client_combo.currentText() == "Familie Schmidt"
    assert editor.lines.item(0, 0).text() == "Wedding Schmidt"  # the order's title, first line
    editor.lines.item(0, 3).setText("450.00")
    assert "535.50" in editor.totals_label.text().replace(",", ".")
    editor.accept()
    (draft,) = list_invoices()
    assert (draft.status, draft.task_id, draft.totals.gross) == (
        "draft",
        order.id,
        Decimal("535.50"),
    )
    assert invoices.selected().id == draft.id

    box = invoices.issue_selected()
    box.button(QMessageBox.StandardButton.Yes).click()
    (issued,) = list_invoices()
    assert issued.number == f"{date.today().year}-0001" and issued.status == "issued"
    assert invoices.model.record(0).number == issued.number

    dialog = invoices.record_payment()
    assert dialog.amount_edit.text() == "535.50"  # the open amount is offered
    dialog.amount_edit.setText("200.00")
    dialog.accept()
    (partly,) = list_invoices()
    assert (partly.status, partly.paid) == ("partly_paid", Decimal("200.00"))
    assert "335.50" in invoices.totals_label.text().replace(",", ".")
    invoices.undo_stack.undo()  # a payment booked by mistake is taken back
    assert list_invoices()[0].paid == Decimal("0.00")
    invoices.undo_stack.redo()
    assert list_invoices()[0].paid == Decimal("200.00")


def test_issuing_asks_first_and_no_means_nothing_happens(invoices, session):
    client, order = finished_order()
    invoices.reload()
    editor = invoices.new_invoice({"client_id": client.id, "task_id": order.id, "title": "Prints"})
    editor.lines.item(0, 3).setText("12.00")
    editor.accept()
    invoices.issue_selected().button(QMessageBox.StandardButton.No).click()
    assert list_invoices()[0].status == "draft"


def test_editor_refuses_bad_lines_and_keeps_the_dialog_open(invoices, session):
    client, _ = finished_order()
    invoices.reload()
    editor = invoices.new_invoice({"client_id": client.id, "title": "Prints"})
    editor.lines.item(0, 1).setText("-2")
    editor.accept()
    assert editor.isVisible() and "Quantity must not be below 0" in editor.error_label.text()
    editor.lines.item(0, 1).setText("2")
    editor.lines.item(0, 3).setText("3.333")
    editor.accept()
    assert editor.isVisible() and "more than 2 decimal places" in editor.error_label.text()
    assert list_invoices() == []


def test_screenshot_of_the_invoices_window(invoices, session):
    from photoflow_desktop.domain.seed import seed_board

    seed_board()
    invoices.resize(1180, 460)
    invoices.reload()
    invoices.table.selectRow(1)
    save_screenshot(invoices.grab(), "invoices-window")
    assert invoices.model.rowCount() == 7


def test_clients_window_adds_searches_and_shows_orders(qtbot, session):
    add_client("Anna Weber", address="Ring 2")
    shown = ClientsWindow(JobRunner(synchronous=True))
    qtbot.addWidget(shown)
    dialog = shown.add_client()
    dialog.accept()  # no name yet
    assert dialog.isVisible() and "Client name is required" in dialog.error_label.text()
    dialog.name_edit.setText("Zoë Müller")
    dialog.email_edit.setText("zoe@example.com")
    dialog.accept()
    assert [c.name for c in shown.model.records] == ["Anna Weber", "Zoë Müller"]
    assert shown.selected_client().name == "Zoë Müller"
    add_order("Portraits Zoë", client_id=shown.selected_client().id)
    shown.search_edit.setText("zoë")
    shown.select_client(shown.model.records[0].id)
    assert [c.name for c in shown.model.records] == ["Zoë Müller"]
    assert shown.orders_list.count() == 1 and "Portraits Zoë" in shown.orders_list.item(0).text()


def test_price_list_entries_become_invoice_lines(invoices, session):
    client, _ = finished_order()
    dialog = invoices.edit_prices()
    dialog.name_edit.setText("Fine art print 30x40")
    dialog.unit_edit.setText("piece")
    dialog.price_edit.setText("49,00")
    dialog.vat_edit.setText("7")
    dialog.add_entry()
    assert "decimal point" in dialog.error_label.text() and dialog.table.rowCount() == 0
    dialog.price_edit.setText("49.00")
    dialog.add_entry()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "49.00"
    dialog.reject()
    editor = invoices.new_invoice({"client_id": client.id})
    (entry,) = editor.price_button.menu().actions()
    entry.trigger()
    assert [editor.lines.item(0, c).text() for c in range(5)] == [
        "Fine art print 30x40", "1", "piece", "49.00", "7",
    ]  # fmt: skip
    assert "52.43" in editor.totals_label.text().replace(",", ".")


def test_a_deleted_draft_comes_back_with_undo(invoices, session):
    client, order = finished_order()
    invoices.reload()
    editor = invoices.new_invoice({"client_id": client.id, "task_id": order.id, "title": "Album"})
    editor.lines.item(0, 3).setText("250.00")
    editor.accept()
    invoices.buttons["delete"].click()
    assert list_invoices() == []
    invoices.undo_stack.undo()
    (back,) = list_invoices()
    assert (back.status, back.task_id, back.totals.gross) == ("draft", order.id, Decimal("297.50"))
    invoices.undo_stack.redo()
    assert list_invoices() == []
