"""Pure logic of the change feed: payload parsing, burst folding, reconnect backoff."""

from photoflow_desktop.domain.changes import Backoff, Change, PendingChanges, parse_payload


def test_payloads_parse_and_garbage_means_reload():
    change = parse_payload(
        '{"table": "Tasks", "op": "UPDATE", "id": 7, "task_id": 7, "column": "2"}'
    )
    assert change == Change("Tasks", "update", 7, 7, "2")
    assert not change.whole_board and not change.task_removed
    assert parse_payload("not json").whole_board
    assert parse_payload("[1, 2]").whole_board
    assert parse_payload('{"table": "Tasks", "op": "delete", "id": true}').whole_board


def test_a_burst_folds_into_one_entry_per_task_and_the_task_row_has_the_last_word():
    pending = PendingChanges()
    pending.add(Change("Tasks", "update", 1, 1, "1"))
    pending.add(Change("Tasks", "update", 1, 1, "2"))
    pending.add(Change("Tasks", "delete", 2, 2, "1"))
    pending.add(Change("task_comments", "delete", 9, 2, None))  # cascade: still removed
    pending.add(Change("Tasks", "delete", 3, 3, "1"))
    pending.add(Change("Tasks", "insert", 3, 3, "1"))  # undo of a delete: back again
    assert pending.take() == (False, [1, 3], [2])
    assert not pending


def test_a_big_burst_or_a_truncate_becomes_one_board_reload():
    pending = PendingChanges(limit=10)
    for task_id in range(5000):
        pending.add(Change("Tasks", "insert", task_id, task_id, "1"))
    assert pending.take() == (True, [], [])
    pending.add(Change("Tasks", "update", 1, 1, "1"))
    pending.add(Change("task_comments", "truncate", None, None, None))
    assert pending.take() == (True, [], [])


def test_backoff_doubles_up_to_the_maximum_and_starts_over_after_success():
    backoff = Backoff(initial=0.5, maximum=4.0, jitter=0.0)
    assert [backoff.next_delay() for _ in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    backoff.reset()
    assert backoff.next_delay() == 0.5


def test_backoff_jitter_stays_within_its_spread():
    low = Backoff(initial=1.0, jitter=0.1, rng=lambda: 0.0)
    high = Backoff(initial=1.0, jitter=0.1, rng=lambda: 1.0)
    assert low.next_delay() == 0.9
    assert high.next_delay() == 1.1
