"""Connect's "Direct connection" field: the unpooled URL for backups, restores and instant updates.

When the server address goes through a pooler (PgBouncer, Supabase, Neon), pg_dump, psql and
LISTEN need a direct connection to PostgreSQL. The field takes a pasted URL, keeps it, and
shows it masked; a URL without a password (or with the mask `***`) uses the password typed
above, so the password is typed once. Saved as the `direct_url` setting (0600), which the
environment (`PHOTOFLOW_DIRECT_URL`, `DIRECT_URL`) overrides.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import quote, urlsplit, urlunsplit

from PySide6.QtWidgets import QLineEdit, QWidget

from photoflow_desktop.config import (
    DIRECT_URL_ENV_VARS,
    DIRECT_URL_SETTING,
    load_settings,
    mask_url,
    save_setting,
)
from photoflow_desktop.domain.db import postgres_params
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import user_message

MASK = "***"


def _with_password(url: str, password: str) -> str:
    """`url` with `password` in place of its own (or of none)."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    user = parts.netloc.rpartition("@")[0].partition(":")[0] if "@" in parts.netloc else ""
    netloc = f"{user}:{quote(password, safe='')}@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def direct_override_note() -> str | None:
    """Names the environment variable that overrides the field, if one is set."""
    for name in DIRECT_URL_ENV_VARS:
        if os.environ.get(name, "").strip():
            return translate(
                "ConnectDialog", "{name} is set in the environment and is used instead."
            ).format(name=name)
    return None


class DirectUrlEdit(QLineEdit):
    """A line edit that keeps the real direct URL and shows it masked."""

    def __init__(self, password_above: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self._password_above = password_above
        self._url = ""
        self._typed = False  # the text is the user's, not the masked saved URL
        self.setObjectName("directUrl")
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(
            translate("ConnectDialog", "optional, e.g. postgresql://user@db-host:5432/photoflow")
        )
        self.setToolTip(
            direct_override_note()
            or translate(
                "ConnectDialog",
                "Only when the server above is a pooler (PgBouncer, Supabase, Neon): the direct "
                "address of PostgreSQL, for backups, restores and instant updates. Without a "
                "password, the one above is used.",
            )
        )
        saved = load_settings().get(DIRECT_URL_SETTING)
        if isinstance(saved, str) and saved:
            self._url = saved
            self.setText(mask_url(saved))
        self.textEdited.connect(self._typing)  # typing, pasting, the clear button

    def _typing(self, _text: str) -> None:
        self._typed = True

    def direct_url(self) -> str:
        """The direct URL with its password ("" when the field is empty); never show it."""
        if not self._typed:
            return self._with_known_password(self._url) if self._url else ""
        text = self.text().strip()
        return self._with_known_password(text) if text else ""

    def _with_known_password(self, url: str) -> str:
        try:
            password = postgres_params(url).password
        except PhotoflowError:
            return url  # problem() says why
        if password is None or password == MASK:
            kept = postgres_params(self._url).password if self._url else None
            replacement = kept if kept not in (None, MASK) else self._password_above()
            return _with_password(url, replacement) if replacement else url
        return url

    def problem(self) -> str | None:
        """Why the field's text is no usable direct URL, or None (empty is fine)."""
        url = self.direct_url()
        if not url:
            return None
        if not url.lower().startswith(("postgresql://", "postgres://")):
            return translate(
                "ConnectDialog",
                "The direct connection must start with postgresql:// (or stay empty).",
            )
        try:
            postgres_params(url)
        except PhotoflowError as exc:
            return translate("ConnectDialog", "Direct connection: {problem}").format(
                problem=user_message(exc)
            )
        return None

    def show_masked(self) -> None:
        """After editing: keep the URL and show it with its password masked."""
        if not self._typed:
            return
        self._url, self._typed = self.direct_url(), False
        self.setText(mask_url(self._url) if self._url else "")

    def store(self) -> None:
        """Save the field (0600 settings file); empty removes the setting."""
        self.show_masked()
        save_setting(DIRECT_URL_SETTING, self._url or None)
