"""Create or edit a task: title, due date (local time), status, column, description, finished."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QTime, QTimeZone
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.domain.datetime_field import utc_midnight
from photoflow_desktop.domain.errors import Phrase, ValidationError
from photoflow_desktop.domain.invoice_records import ClientRecord
from photoflow_desktop.domain.records import ColumnRecord, TaskDraft, TaskRecord
from photoflow_desktop.domain.statuses import status_key
from photoflow_desktop.domain.validation import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    MAX_STATUS_LENGTH,
    MAX_TEXT_LENGTH,
    MAX_TITLE_LENGTH,
    check_due_at,
    clean_text,
    validate_draft,
)
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import column_title, user_message
from photoflow_desktop.ui.board.due_edit import DueEdit, not_a_date_message
from photoflow_desktop.ui.common.dates import EDIT, EDIT_DATE, date_format
from photoflow_desktop.ui.common.status_text import status_text

_EPOCH = datetime(1970, 1, 1)


def utc_to_local_qdatetime(value: datetime) -> QDateTime:
    """A naive UTC datetime as a QDateTime in the local time zone."""
    millis = (value - _EPOCH) // timedelta(milliseconds=1)
    return QDateTime.fromMSecsSinceEpoch(millis, QTimeZone.systemTimeZone())


def qdatetime_to_utc(value: QDateTime) -> datetime:
    """A QDateTime (any zone) as a naive UTC datetime with millisecond precision."""
    return _EPOCH + timedelta(milliseconds=value.toMSecsSinceEpoch())


def default_due_at(now: datetime | None = None) -> datetime:
    """A new task's due date: tomorrow at the next full hour (naive UTC)."""
    now = now or datetime.now(UTC).replace(tzinfo=None)
    return now.replace(minute=0, second=0, microsecond=0) + timedelta(days=1, hours=1)


class _ErrorLabel(QLabel):
    """A red, word-wrapped line under a field; hidden while there is nothing to say."""

    def __init__(self, field: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"error_{field}")
        self.setWordWrap(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, "#c62828")
        self.setPalette(palette)
        self.hide()

    def show_message(self, message: str) -> None:
        """Show `message`, or hide the label when it is empty."""
        self.setText(message)
        self.setVisible(bool(message))


class TaskDialog(QDialog):
    """The task form; after Accepted, `draft()` is the validated TaskDraft (due_at naive UTC)."""

    def __init__(
        self,
        columns: list[ColumnRecord],
        statuses: list[str],
        record: TaskRecord | None = None,
        default_column: str | None = None,
        parent: QWidget | None = None,
        clients: tuple[list[ClientRecord], int | None] | None = ([], None),
    ):
        super().__init__(parent)
        self._columns = list(columns)
        self._record = record
        self.setWindowTitle(
            translate("TaskDialog", "Edit task #{id}").format(id=record.id)
            if record
            else translate("TaskDialog", "New task")
        )
        self.setMinimumWidth(460)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(
            translate("TaskDialog", "e.g. Wedding Photography - Smith Family")
        )
        self.due_edit = DueEdit()  # typed in German or ISO form, calendar button beside it
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat(date_format(EDIT))
        self.due_edit.setTimeZone(QTimeZone.systemTimeZone())
        self.due_edit.setMinimumDateTime(QDateTime(QDate(EARLIEST_YEAR, 1, 2), QTime(0, 0)))
        self.due_edit.setMaximumDateTime(QDateTime(QDate(LATEST_YEAR, 12, 30), QTime(23, 59)))
        self.status_combo = QComboBox()
        self.status_combo.setEditable(True)
        self.status_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for status in _unique(statuses):  # the label shows, the web app's key is stored
            self.status_combo.addItem(status_text(status), status)
        self.date_only_check = QCheckBox(
            QCoreApplication.translate(
                "TaskDialog", "Date only (no time), as the web app stores it"
            )
        )
        self.date_only_check.toggled.connect(self._show_date_only)
        self.column_combo = QComboBox()
        for column in self._columns:
            self.column_combo.addItem(column_title(column.key, column.title), column.key)
        self.info_edit = QPlainTextEdit()
        self.info_edit.setPlaceholderText(
            translate("TaskDialog", "Details for the studio: location, guests, wishes…")
        )
        self.info_edit.setTabChangesFocus(True)
        self.finished_check = QCheckBox(translate("TaskDialog", "Finished"))
        self.client_combo = QComboBox()
        self.stored_client_id: int | None = None  # the order's client as stored
        self.clients_known = False  # the picker holds the stored choices
        if clients is None:  # they arrive from the database worker: show_client_choices
            self.client_combo.addItem(translate("TaskDialog", "Loading clients…"), None)
            self.client_combo.setEnabled(False)
        else:
            self.show_client_choices(clients)
        self.errors = {
            name: _ErrorLabel(name)
            for name in ("title", "due_at", "status", "column", "info", "is_finished")
        }

        form = QFormLayout()
        form.addRow(
            translate("TaskDialog", "&Title:"), _stacked(self.title_edit, self.errors["title"])
        )
        zone = QTimeZone.systemTimeZone().displayName(QDateTime.currentDateTime())
        due_hint = QLabel(translate("TaskDialog", "Local time ({zone})").format(zone=zone))
        due_hint.setEnabled(False)
        form.addRow(
            translate("TaskDialog", "&Due:"),
            _stacked(self.due_edit, self.date_only_check, due_hint, self.errors["due_at"]),
        )
        form.addRow(
            translate("TaskDialog", "&Status:"), _stacked(self.status_combo, self.errors["status"])
        )
        form.addRow(
            translate("TaskDialog", "&Column:"), _stacked(self.column_combo, self.errors["column"])
        )
        form.addRow(translate("TaskDialog", "Clie&nt:"), self.client_combo)
        form.addRow(
            translate("TaskDialog", "D&escription:"), _stacked(self.info_edit, self.errors["info"])
        )
        form.addRow("", _stacked(self.finished_check, self.errors["is_finished"]))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # save from any field, as in the comments
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self._due_touched = False  # a damaged stored date must be replaced before saving
        self._fill(record, default_column)
        self.title_edit.textChanged.connect(self._revalidate)
        self.due_edit.dateTimeChanged.connect(self._touch_due)
        self.due_edit.textEdited.connect(self._revalidate)  # a non-date keeps Save disabled
        self.due_edit.editingFinished.connect(self._revalidate)  # the old date is shown again
        self.status_combo.currentTextChanged.connect(self._revalidate)
        self.column_combo.currentIndexChanged.connect(self._revalidate)
        self.info_edit.textChanged.connect(self._revalidate)
        self._revalidate()
        self.title_edit.setFocus()

    def _fill(self, record: TaskRecord | None, default_column: str | None) -> None:
        if record is None:
            self.due_edit.setDateTime(utc_to_local_qdatetime(default_due_at()))
            self._select_column(default_column or (self._columns[0].key if self._columns else ""))
            if self.status_combo.count():
                self.status_combo.setCurrentIndex(0)
            return
        self.title_edit.setText(record.title)
        due = default_due_at() if "due_at" in record.damaged else record.due_at
        self.due_edit.setDateTime(utc_to_local_qdatetime(due))
        if record.due_is_date_only:  # the calendar date itself, whatever the local zone
            self.date_only_check.setChecked(True)
            due = record.due_at
            self.due_edit.setDate(QDate(due.year, due.month, due.day))
        if self.status_combo.findData(record.status) < 0:
            self.status_combo.addItem(status_text(record.status), record.status)
        self.status_combo.setCurrentIndex(self.status_combo.findData(record.status))
        self._select_column(record.column)
        self.info_edit.setPlainText(record.info)
        self.finished_check.setChecked(record.is_finished)

    def _select_column(self, key: str) -> None:
        index = self.column_combo.findData(key)
        if index < 0 and key:
            # A task in a column the board no longer has: show it, validation will say so.
            self.column_combo.addItem(
                translate("TaskDialog", "(missing column {key})").format(key=key), key
            )
            index = self.column_combo.count() - 1
        self.column_combo.setCurrentIndex(index)

    def _touch_due(self) -> None:
        self._due_touched = True
        self._revalidate()

    def _show_date_only(self, date_only: bool) -> None:
        self.due_edit.setDisplayFormat(date_format(EDIT_DATE if date_only else EDIT))
        self._revalidate()

    def _due_at(self) -> datetime:
        """The chosen due date in naive UTC; date-only is UTC midnight, as the web app writes."""
        if self.date_only_check.isChecked():
            return utc_midnight(date.fromisoformat(self.due_edit.date().toString("yyyy-MM-dd")))
        return qdatetime_to_utc(self.due_edit.dateTime())

    def _status(self) -> str:
        """The key of the chosen status, or what the user typed (a known spelling as its key)."""
        index = self.status_combo.currentIndex()
        if index >= 0 and self.status_combo.itemText(index) == self.status_combo.currentText():
            return self.status_combo.itemData(index)
        return status_key(self.status_combo.currentText().strip())

    def _raw_draft(self) -> TaskDraft:
        return TaskDraft(
            title=self.title_edit.text(),
            due_at=self._due_at(),
            status=self._status(),
            info=self.info_edit.toPlainText(),
            column=self.column_combo.currentData() or "",
            is_finished=self.finished_check.isChecked(),
        )

    def _field_errors(self) -> dict[str, str]:
        """Every broken rule, one message per field (the domain's own messages)."""
        draft = self._raw_draft()
        checks = {
            "title": lambda: clean_text(
                draft.title, "title", Phrase("Title"), MAX_TITLE_LENGTH, True
            ),
            "status": lambda: clean_text(
                draft.status, "status", Phrase("Status"), MAX_STATUS_LENGTH, True
            ),
            "info": lambda: clean_text(
                draft.info, "info", Phrase("Description"), MAX_TEXT_LENGTH, False
            ),
            "due_at": lambda: check_due_at(draft.due_at),
        }
        damaged = self._record.damaged.get("due_at") if self._record else None
        if damaged is not None and not self._due_touched:
            checks["due_at"] = lambda: _refuse_damaged_due(damaged)
        errors = {}
        for name, check in checks.items():
            try:
                check()
            except ValidationError as exc:
                errors[name] = user_message(exc)
        if not self.due_edit.hasAcceptableInput():  # not the last valid date: what is typed
            errors["due_at"] = not_a_date_message()
        if not errors:
            try:
                validate_draft(draft, self._column_keys())
            except ValidationError as exc:
                errors[exc.field or "title"] = user_message(exc)
        return errors

    def _column_keys(self) -> list[str]:
        return [column.key for column in self._columns]

    def _revalidate(self) -> None:
        errors = self._field_errors()
        # An untouched empty title on a new task is not yet an error worth shouting about.
        quiet_title = self._record is None and not self.title_edit.isModified()
        for name, label in self.errors.items():
            message = errors.get(name, "")
            label.show_message("" if name == "title" and quiet_title else message)
        self.save_button.setEnabled(not errors)

    def accept(self) -> None:
        """Close only when the form is valid (the button is disabled otherwise)."""
        self.title_edit.setModified(True)
        self._revalidate()
        if self.save_button.isEnabled():
            super().accept()

    def show_client_choices(self, clients: tuple[list[ClientRecord], int | None]) -> None:
        """Fill the client picker: (every client, the order's stored client or None)."""
        choices, stored = clients
        self.stored_client_id = stored
        self.client_combo.clear()
        self.client_combo.addItem(translate("TaskDialog", "(no client)"), None)
        for client in choices:
            self.client_combo.addItem(client.name, client.id)
        self.client_combo.setCurrentIndex(max(self.client_combo.findData(stored), 0))
        self.client_combo.setEnabled(True)
        self.clients_known = True

    def client_choices_failed(self, _error: Exception) -> None:
        """The clients could not be read: the picker stays off and the order keeps its client."""
        self.client_combo.setItemText(0, translate("TaskDialog", "Clients could not be read"))

    def client_id(self) -> int | None:
        """The client picked for the order (None: no client; the stored one while loading)."""
        if not self.clients_known:
            return self.stored_client_id
        return self.client_combo.currentData()

    def draft(self) -> TaskDraft:
        """The validated draft: text trimmed, due_at in naive UTC (ValidationError if invalid)."""
        return validate_draft(self._raw_draft(), self._column_keys())


def _refuse_damaged_due(raw: str) -> None:
    text = QCoreApplication.translate(
        "TaskDialog", "The stored due date “{raw}” is no date: choose the due date"
    )
    raise ValidationError(text.format(raw=raw), "due_at")


def _stacked(*widgets: QWidget) -> QWidget:
    """Widgets one above the other (a field with its hint and error line)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for widget in widgets:
        layout.addWidget(widget)
    return box


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
