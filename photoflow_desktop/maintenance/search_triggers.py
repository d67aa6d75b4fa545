"""The triggers that keep photoflow.task_search level with "Tasks" (PostgreSQL).

Migration 008 installs them, `db detach` removes them (they are objects of ours on the web app's
table), `db migrate` puts them back and refills the table — all from the statements here. The
function reads rows as to_jsonb, never raises (a WARNING, and the write goes through) and runs as
its owner with a fixed search_path; see migrations/008_search_table.py.
"""

from __future__ import annotations

# The row of a task as the search table holds it, from a jsonb image of a "Tasks" row `r`.
ROW_FROM_JSON = r"""
    (r->>'id')::integer,
    coalesce(r->>'taskColumn', ''),
    (r->>'dueAt')::timestamp(3),
    coalesce((r->>'is_finished')::boolean, false),
    lower(coalesce(r->>'status', '')),
    lower(coalesce(r->>'task', '') || E'\x1f' || coalesce(r->>'additional_information', '')
          || E'\x1f' || coalesce(r->>'status', ''))
"""
UPSERT = f"""
    INSERT INTO photoflow.task_search AS s
        (task_id, column_key, due, finished, status, haystack)
    SELECT {ROW_FROM_JSON} FROM (SELECT %s AS r) AS source
    ON CONFLICT (task_id) DO UPDATE SET
        column_key = EXCLUDED.column_key, due = EXCLUDED.due, finished = EXCLUDED.finished,
        status = EXCLUDED.status, haystack = EXCLUDED.haystack
    WHERE (s.column_key, s.due, s.finished, s.status, s.haystack)
        IS DISTINCT FROM (EXCLUDED.column_key, EXCLUDED.due, EXCLUDED.finished,
                          EXCLUDED.status, EXCLUDED.haystack)
"""
FUNCTION = f"""
CREATE OR REPLACE FUNCTION photoflow.task_search_sync() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$
BEGIN
    IF TG_LEVEL = 'STATEMENT' THEN
        TRUNCATE photoflow.task_search;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        DELETE FROM photoflow.task_search
        WHERE task_id = (to_jsonb(OLD)->>'id')::integer
          AND (TG_OP = 'DELETE' OR (to_jsonb(OLD)->>'id') IS DISTINCT FROM (to_jsonb(NEW)->>'id'));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {UPSERT % "to_jsonb(NEW)"};
    END IF;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING USING MESSAGE = 'PhotoFlow search table not updated (the write went through): '
        || SQLERRM;
    RETURN NULL;
END
$body$
"""
TRIGGER_NAMES = ("photoflow_tasks_search", "photoflow_tasks_search_truncate")
TRIGGERS = [
    'DROP TRIGGER IF EXISTS photoflow_tasks_search ON "Tasks"',
    'DROP TRIGGER IF EXISTS photoflow_tasks_search_truncate ON "Tasks"',
    'CREATE TRIGGER photoflow_tasks_search AFTER INSERT OR UPDATE OR DELETE ON "Tasks"'
    " FOR EACH ROW EXECUTE FUNCTION photoflow.task_search_sync()",
    'CREATE TRIGGER photoflow_tasks_search_truncate AFTER TRUNCATE ON "Tasks"'
    " FOR EACH STATEMENT EXECUTE FUNCTION photoflow.task_search_sync()",
]


def detach_sql() -> list[str]:
    """Statements that take the search triggers off "Tasks" (the table and function stay)."""
    return [f'DROP TRIGGER IF EXISTS {name} ON "Tasks"' for name in TRIGGER_NAMES]


def attach_sql() -> list[str]:
    """Statements that put the function and the search triggers (back) in place."""
    return [FUNCTION, *TRIGGERS]
