"""Status keys: the web app's keys, earlier spellings and labels map to one status."""

from photoflow_desktop.domain.statuses import (
    WORKFLOW,
    offered_statuses,
    status_key,
    status_label,
)


def test_every_spelling_of_the_four_maps_to_the_web_apps_key_and_one_label():
    spellings = {
        "NichtBearbeitet": ["NichtBearbeitet", "RAW", "Nicht Bearbeitet", "raw", "Not processed"],
        "Entwickelt": ["Entwickelt", "Developed"],
        "Retuschiert": ["Retuschiert", "Retouched"],
        "Gedruckt": ["Gedruckt", "Printed", "gedruckt"],
    }
    for key, values in spellings.items():
        assert {status_key(v) for v in values} == {key}
        assert len({status_label(v) for v in values}) == 1
    assert [status_label(k) for k in WORKFLOW] == [
        "Not processed",
        "Developed",
        "Retouched",
        "Printed",
    ]


def test_other_values_stay_as_stored():
    assert status_key("Waiting for client") == "Waiting for client"
    assert status_label("Waiting for client") == "Waiting for client"


def test_offered_list_is_the_workflow_then_other_stored_values_once():
    stored = ["RAW", "Gedruckt", "Proofs sent", "Archived", "Proofs sent", "Retouched"]
    assert offered_statuses(stored) == [*WORKFLOW, "Archived", "Proofs sent"]
