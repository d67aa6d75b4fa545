"""Set the address of the web app's socket.io server (opened from the status bar's link button)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.config import (
    SOCKETIO_URL_ENV_VAR,
    SOCKETIO_URL_SETTING,
    load_settings,
    resolve_socketio_url,
    save_setting,
)
from photoflow_desktop.i18n import translate
from photoflow_desktop.sync.link_settings import LinkUrlError, link_url


class WebAppLinkDialog(QDialog):
    """One field: the web app's live-refresh address (empty: off); saved in the settings."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("WebAppLinkDialog", "Web app link"))
        self.setMinimumWidth(460)
        explanation = QLabel(
            translate(
                "WebAppLinkDialog",
                "The PhotoFlow web app refreshes its open pages through its socket.io server "
                "(port 3000 on the PC that runs it). With its address here, the web app's "
                "pages show the board's changes at once and the board follows theirs.",
            )
        )
        explanation.setWordWrap(True)
        self.url_edit = QLineEdit(saved_link_address())
        self.url_edit.setPlaceholderText("http://studio-pc:3000")
        self.url_edit.setClearButtonEnabled(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setText(link_override_note())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(translate("WebAppLinkDialog", "&Address:"), self.url_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        """Store the address (empty turns the link off) and close; a wrong one is explained."""
        problem = link_address_problem(self.url_edit.text())
        if problem:
            self.message.setText(problem)
            return
        store_link_address(self.url_edit.text())
        self.accept()


def saved_link_address() -> str:
    """The saved live-refresh address (empty: off)."""
    return load_settings().get(SOCKETIO_URL_SETTING) or ""


def link_override_note() -> str:
    """A line saying PHOTOFLOW_SOCKETIO_URL overrides the setting, or empty when it does not."""
    resolved = resolve_socketio_url()
    if resolved is None or resolved.source != SOCKETIO_URL_ENV_VAR:
        return ""
    return translate(
        "WebAppLinkDialog", "{variable} is set ({url}) and is used instead of this setting."
    ).format(variable=SOCKETIO_URL_ENV_VAR, url=resolved.url)


def link_address_problem(text: str) -> str | None:
    """What is wrong with a typed live-refresh address, or None (empty is fine: off)."""
    text = text.strip()
    if not text:
        return None
    try:
        link_url(text)
    except LinkUrlError:
        return translate(
            "WebAppLinkDialog", "Enter a web address like http://studio-pc:3000 (or nothing: off)."
        )
    return None


def store_link_address(text: str) -> None:
    """Save a checked live-refresh address (link_address_problem gave None); empty: off."""
    text = text.strip()
    save_setting(SOCKETIO_URL_SETTING, link_url(text) if text else "")
