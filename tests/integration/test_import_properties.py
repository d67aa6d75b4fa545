"""Property tests of import and text input (issue 13 row 5): whatever the bytes, never a
traceback; a refused file changes nothing; any text round-trips or is a ValidationError."""

from __future__ import annotations

import json
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from photoflow_desktop.cli import main
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.tasks import create_task, get_task
from tests.support.database import task_count

PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADER = ["ID", "task", "dueAt", "status", "additional_information", "is_finished", "taskColumn"]
# Any code point, lone surrogates included, plus the marks that upset text handling.
ANY_CHAR = st.characters() | st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
HOSTILE_CHARS = st.sampled_from(["\x00", "\u202e", "\u200f", "\u0301", "\ufeff", "\ud800", '"'])
ANY_TEXT = st.text(st.one_of(ANY_CHAR, HOSTILE_CHARS), max_size=40)


def _csv_field(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


csv_files = st.lists(st.lists(ANY_TEXT, min_size=0, max_size=9), min_size=0, max_size=4).map(
    lambda rows: "\r\n".join(",".join(_csv_field(v) for v in row) for row in [HEADER, *rows])
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=12,
)
json_files = st.one_of(
    json_values.map(json.dumps),
    st.fixed_dictionaries(
        {"tasks": st.lists(st.dictionaries(st.sampled_from([*HEADER, "id"]), json_values))}
    ).map(json.dumps),
)


def _check_import(database_url, tmp_path, capsys, data: bytes) -> None:
    before = task_count(database_url)
    path = tmp_path / "input"
    path.write_bytes(data)
    code = main(["--database-url", database_url, "import", str(path)])  # no other exception
    err = capsys.readouterr().err
    assert code in (0, 1)
    assert "Traceback" not in err
    if code == 1:
        assert err.count("\n") == 1
        assert task_count(database_url) == before, "a refused file changed the database"


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=300))
def test_any_bytes(database_url, tmp_path, capsys, data):
    _check_import(database_url, tmp_path, capsys, data)


@PROPERTY_SETTINGS
@given(text=csv_files)
def test_any_csv_in_the_web_apps_shape(database_url, tmp_path, capsys, text):
    _check_import(database_url, tmp_path, capsys, text.encode("utf-8", "surrogatepass"))


@PROPERTY_SETTINGS
@given(text=json_files)
def test_any_json(database_url, tmp_path, capsys, text):
    _check_import(database_url, tmp_path, capsys, text.encode("utf-8"))


@PROPERTY_SETTINGS
@given(title=ANY_TEXT.filter(lambda t: t.strip()), info=ANY_TEXT, status=ANY_TEXT)
def test_any_text_round_trips_or_is_a_validation_error(db, title, info, status):
    before = Task.select().count()
    try:
        record = create_task(TaskDraft(title, datetime(2026, 1, 1), status or "Entwickelt", info))
    except ValidationError:
        assert Task.select().count() == before
        return
    stored = get_task(record.id)
    assert (stored.title, stored.info) == (title.strip(), info.strip())
