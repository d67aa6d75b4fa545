"""The board's side of invoicing: the task dialog picks a client, the card shows it, and
"Create invoice" on a finished order opens a prefilled draft."""

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from photoflow_desktop.domain.clients import client_of_task, delete_client
from photoflow_desktop.domain.invoice_queries import list_invoices
from photoflow_desktop.domain.tasks import get_task, set_finished
from photoflow_desktop.studio import save_studio
from photoflow_desktop.ui.board.task_model import TaskRole
from tests.support.invoices import STUDIO, add_client, add_order
from tests.support.screenshots import save_screenshot

WAIT = 10_000


def card_client(window, task_id):
    record = window.board.find_record(task_id)
    model = window.board.column_model(record.column)
    return model.index(model.row_of(task_id)).data(TaskRole.ClientName)


def records(window, key):
    return window.board.column_model(key).records()


def test_task_dialog_picks_a_client_and_the_card_shows_it(empty_window):
    client = add_client("Familie Schmidt")
    order = add_order("Wedding Schmidt")
    empty_window.refresh()
    dialog = empty_window.edit_task(order.id)
    assert dialog.client_combo.currentText() == "(no client)"
    dialog.client_combo.setCurrentIndex(dialog.client_combo.findData(client.id))
    dialog.accept()
    assert client_of_task(order.id).id == client.id
    assert card_client(empty_window, order.id) == "Familie Schmidt"
    dialog = empty_window.edit_task(order.id)
    assert dialog.client_combo.currentData() == client.id  # the dialog shows the stored client
    dialog.client_combo.setCurrentIndex(0)
    dialog.accept()
    assert client_of_task(order.id) is None and card_client(empty_window, order.id) == ""


def test_create_invoice_from_a_finished_order_issue_and_pay(empty_window):
    save_studio(STUDIO)
    client = add_client()
    order = add_order("Wedding Schmidt", client_id=client.id)
    set_finished(order.id, True)
    empty_window.actions["show_finished"].setChecked(True)
    empty_window.refresh()
    empty_window.board.select_task(order.id)
    assert card_client(empty_window, order.id) == "Familie Schmidt"
    save_screenshot(empty_window.grab(), "board-with-client", for_docs=False)

    empty_window.actions["create_invoice"].trigger()
    invoices = empty_window.invoicing.invoices_window
    editor = invoices.dialog
    assert editor.client_combo.currentData() == client.id
    assert editor.lines.item(0, 0).text() == "Wedding Schmidt"
    editor.lines.item(0, 3).setText("1200.00")
    editor.accept()
    (draft,) = list_invoices()
    assert (draft.task_id, draft.totals.gross) == (order.id, Decimal("1428.00"))

    invoices.select_invoice(draft.id)
    invoices.issue_selected().button(QMessageBox.StandardButton.Yes).click()
    payment = invoices.record_payment()
    payment.accept()  # the whole open amount
    (paid,) = list_invoices()
    assert paid.status == "paid" and paid.paid == Decimal("1428.00")


def test_the_task_form_opens_at_once_and_its_client_picker_fills_when_the_clients_arrive(
    threaded_window, qtbot
):
    client = add_client("Familie Schmidt")
    order = add_order("Wedding Schmidt", client_id=client.id)
    threaded_window.refresh()
    qtbot.waitUntil(lambda: threaded_window.board.find_record(order.id) is not None, timeout=WAIT)

    dialog = threaded_window.edit_task(order.id)
    assert dialog.isVisible()  # before the worker answered
    assert not dialog.client_combo.isEnabled()
    assert dialog.client_combo.currentText() == "Loading clients…"
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_End)  # typing starts at once
    qtbot.keyClicks(dialog.title_edit, " (album)")

    qtbot.waitUntil(lambda: dialog.clients_known, timeout=WAIT)
    assert dialog.client_combo.isEnabled() and dialog.client_combo.currentData() == client.id
    assert dialog.title_edit.text() == "Wedding Schmidt (album)"  # nothing typed was lost
    dialog.client_combo.setCurrentIndex(0)  # no client any more
    dialog.accept()
    qtbot.waitUntil(lambda: card_client(threaded_window, order.id) == "", timeout=WAIT)
    assert client_of_task(order.id) is None


def test_a_task_saved_before_the_clients_arrive_keeps_its_client(threaded_window, qtbot):
    client = add_client("Familie Schmidt")
    order = add_order("Wedding Schmidt", client_id=client.id)
    threaded_window.refresh()
    qtbot.waitUntil(lambda: threaded_window.board.find_record(order.id) is not None, timeout=WAIT)

    dialog = threaded_window.edit_task(order.id)
    dialog.title_edit.setText("Wedding Schmidt, album")
    assert not dialog.clients_known
    dialog.accept()  # before the picker filled: the client is left as stored
    qtbot.waitUntil(
        lambda: not threaded_window.worker.busy and not threaded_window.commands.busy,
        timeout=WAIT,
    )
    assert get_task(order.id).title == "Wedding Schmidt, album"
    assert client_of_task(order.id).id == client.id
    assert card_client(threaded_window, order.id) == "Familie Schmidt"


def test_a_client_deleted_meanwhile_is_not_linked_and_the_board_says_why(empty_window):
    client = add_client("Familie Schmidt")
    dialog = empty_window.new_task()
    dialog.title_edit.setText("Passport photos")
    dialog.client_combo.setCurrentIndex(dialog.client_combo.findData(client.id))
    delete_client(client.id)  # at another workstation, while the form is open

    dialog.accept()

    (order,) = [r for k in empty_window.board.column_keys() for r in records(empty_window, k)]
    assert order.title == "Passport photos"  # the order is kept
    assert client_of_task(order.id) is None and card_client(empty_window, order.id) == ""
    box = empty_window.findChild(QMessageBox, "boardActionFailed")
    assert box is not None and box.windowTitle() == "Client of the order"
    assert box.text() == (
        f"The order was saved, but its client was not set (Client #{client.id} does not "
        "exist). Choose the client again in the order's form."
    )
