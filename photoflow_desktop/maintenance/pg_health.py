"""PostgreSQL health report: version, sizes, tables, connections, indexes, pg_dump fit."""

from __future__ import annotations

from photoflow_desktop.maintenance import pg_runner
from photoflow_desktop.maintenance.backups import last_backup_at
from photoflow_desktop.maintenance.base import ConnectionInfo, HealthReport, IndexInfo, TableStat


def table_key(schema: str, table: str) -> str:
    """A table's name as reports show it: plain in public, schema-qualified elsewhere."""
    return table if schema == "public" else f"{schema}.{table}"


def postgres_health(backend, backup_dir=None) -> HealthReport:
    """Server version, sizes, tables, connections, indexes, last backup, pg_dump check."""
    connection = backend._connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('server_version'), "
                "current_setting('server_version_num')::int, "
                "pg_database_size(current_database())"
            )
            version, version_num, size = cursor.fetchone()
            cursor.execute(
                "SELECT schemaname, relname, pg_total_relation_size(relid), n_live_tup "
                "FROM pg_stat_user_tables ORDER BY pg_total_relation_size(relid) DESC, relname"
            )
            # n_live_tup lags until autovacuum/ANALYZE runs: show exact counts instead.
            exact = backend.row_counts()
            tables = [
                TableStat(
                    table_key(schema, name),
                    int(total),
                    exact.get(table_key(schema, name), int(estimate)),
                )
                for schema, name, total, estimate in cursor.fetchall()
            ]
            cursor.execute(
                "SELECT coalesce(application_name, ''), coalesce(state, ''), "
                "backend_start AT TIME ZONE 'UTC', coalesce(host(client_addr), 'local'), "
                "coalesce(usename, '') FROM pg_stat_activity "
                "WHERE datname = current_database() ORDER BY backend_start"
            )
            connections = [ConnectionInfo(*row) for row in cursor.fetchall()]
            cursor.execute(
                "SELECT i.schemaname, i.tablename, i.indexname, i.indexdef, "
                "pg_relation_size(format('%I.%I', i.schemaname, i.indexname)::regclass) "
                "FROM pg_indexes i "
                "WHERE i.schemaname NOT IN ('pg_catalog', 'information_schema') "
                "ORDER BY i.tablename, i.indexname"
            )
            indexes = [
                IndexInfo(table_key(schema, table), name, definition, int(index_size))
                for schema, table, name, definition, index_size in cursor.fetchall()
            ]
    finally:
        connection.close()
    server_major = version_num // 10000
    tool = pg_runner.find_tool("pg_dump", server_major)
    problem = pg_runner.tool_problem("pg_dump", tool, server_major)
    compatible = tool is not None and problem is None
    advice = [problem] if problem else []
    return HealthReport(
        backend=backend.name,
        database=backend.display_name,
        server_version=f"PostgreSQL {version}",
        database_size=int(size),
        tables=tables,
        connections=connections,
        indexes=indexes,
        last_backup_at=last_backup_at(backup_dir),  # None: the backup folder
        pg_dump_path=tool.path if tool else None,
        pg_dump_version=tool.version if tool else None,
        pg_dump_compatible=compatible,
        journal_mode=None,
        advice=advice,
    )
