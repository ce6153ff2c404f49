"""eventlake_backfill: rebuild silver and gold for an event-time range from what bronze holds.

One task, ``lake backfill --from <from> --to <to> [--tables ...] [--dry-run] --run-id {{ run_id }}``: per table,
the rows that differ from what bronze says they should be are merged in one commit; nothing is truncated, a
second run over the same range changes nothing, and the streaming pipeline may keep running beside it.

Two ways to run it:

* Trigger it with params ``from`` / ``to`` (a UTC date ``2026-11-01`` or an instant ``2026-11-01T06:00:00Z``),
  optionally ``tables`` and ``dry_run``.
* ``airflow backfill create --dag-id eventlake_backfill --from-date 2026-11-01 --to-date 2026-11-07``: one run
  per day, each rebuilding its own data interval (params left empty).
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DAG, Param
from airflow.timetables.interval import CronDataIntervalTimetable

from eventlake_airflow import BACKFILL_TABLES, DAG_DEFAULTS, assets, lake_task

with DAG(
    dag_id="eventlake_backfill",
    description="lake backfill over an event-time range (bronze is the source of truth)",
    # Never scheduled by itself: runs come from a trigger or from `airflow backfill create`, one per day.
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    is_paused_upon_creation=True,
    dagrun_timeout=timedelta(hours=6),
    params={
        "from": Param(None, type=["null", "string"], description="Start of the range (inclusive); default: the "
                      "run's data interval start"),
        "to": Param(None, type=["null", "string"], description="End of the range (exclusive); default: the run's "
                    "data interval end"),
        "tables": Param([], type="array", items={"type": "string", "enum": list(BACKFILL_TABLES)},
                        description="Tables to rebuild; default: every silver and gold table"),
        "dry_run": Param(False, type="boolean", description="Only print what would change"),
    },
    **DAG_DEFAULTS,
) as dag:
    lake_task("backfill", "backfill_command(params, data_interval_start, data_interval_end)",
              assets(BACKFILL_TABLES), execution_timeout=timedelta(hours=4))
