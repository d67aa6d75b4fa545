"""How a status is shown: the translated label of a known status, other values as stored."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from photoflow_desktop.domain.statuses import status_label


def status_text(status: str) -> str:
    """The status as shown: the label of a known status (translated), other values as stored."""
    return QCoreApplication.translate("Status", status_label(status))
