"""A progress bar, a status line and a Cancel button for one background job."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import phrase
from photoflow_desktop.ui.common.jobs import Job


class JobProgress(QWidget):
    """Shows how far the running job is and lets the user stop it; hidden while idle."""

    progressed = Signal(int, int, str)  # re-emitted after the bar was updated (tests hook in)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._job: Job | None = None
        self._stop = threading.Event()
        self._value_text: Callable[[int], str] | None = None
        self.title = QLabel()
        self.title.setObjectName("progressTitle")
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton(translate("Progress", "Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.setVisible(False)

    def begin(self, title: str, value_text: Callable[[int], str] | None = None) -> None:
        """Show the widget for a job about to start; `value_text` names amounts (e.g. bytes)."""
        self._job = None
        self._value_text = value_text
        self._stop.clear()
        self.title.setText(title)
        self.status.clear()
        self.bar.setRange(0, 0)  # busy indicator until the first report
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(translate("Progress", "Cancel"))
        self.setVisible(True)

    def attach(self, job: Job) -> None:
        """The job Cancel stops."""
        self._job = job

    def update_progress(self, done: int, total: int, text: str) -> None:
        """A report from the job: bytes/pages/steps done out of total (total 0 = unknown)."""
        if total > 0:
            scale = 1 if total < 2**31 else 1024
            self.bar.setRange(0, max(1, total // scale))
            self.bar.setValue(min(done, total) // scale)
            if self._value_text and total > 1:
                amounts = translate("Progress", "{done} of {total}").format(
                    done=self._value_text(min(done, total)), total=self._value_text(total)
                )
                self.bar.setFormat(f"{amounts} (%p%)")
            else:
                self.bar.setFormat("%p%")
        else:
            self.bar.setRange(0, 0)
        if text:
            self.status.setText(phrase(text))  # a Phrase/Message from maintenance/: translated
        self.progressed.emit(done, total, text)

    def cancel(self) -> None:
        """Ask the running job to stop."""
        self._stop.set()
        if self._job is not None:
            self._job.cancel()
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(translate("Progress", "Stopping…"))
        self.status.setText(translate("Progress", "Stopping…"))

    def stop_requested(self) -> bool:
        """True once Cancel was pressed for the current job (thread-safe)."""
        return self._stop.is_set()

    def finish(self) -> None:
        """The job ended: hide the bar."""
        self._job = None
        self.setVisible(False)
