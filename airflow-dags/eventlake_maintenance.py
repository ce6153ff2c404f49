"""eventlake_maintenance: every night, keep the lake's tables fast to read and within their retention.

One task, ``lake maintain``: table by table, it sets the retention and checkpoint properties of
``eventlake.maintenance``, compacts partitions of many small files (z-ordered by the columns readers filter on, as
each table's spec says) and VACUUMs files no version within the retention reads. Pinned versions (``lake pin``,
and the versions every training set read) stay readable: VACUUM refuses to delete their files and says so in the
task log. OPTIMIZE changes no row, so the task updates no Asset (no consumer reruns after it).

A table another run is writing (an hourly pipeline run still going) is skipped and the task fails; its retry
maintains what was skipped. Triggered by hand, params ``tables`` (default: every table) and ``dry_run`` (print the
plan, change nothing) narrow it. Settings: see ``eventlake_airflow``.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DAG, Param
from airflow.timetables.interval import CronDataIntervalTimetable

from eventlake_airflow import DAG_DEFAULTS, lake_task

with DAG(
    dag_id="eventlake_maintenance",
    description="OPTIMIZE (z-order), retention properties and VACUUM of every lake table, keeping pinned versions",
    # 03:30 UTC: between two hourly pipeline runs, when the fewest people read the lake.
    schedule=CronDataIntervalTimetable("30 3 * * *", timezone="UTC"),
    dagrun_timeout=timedelta(hours=4),
    params={
        "tables": Param([], type="array", items={"type": "string"},
                        description="Tables to maintain, e.g. silver.orders; default: every table of the lake"),
        "dry_run": Param(False, type="boolean", description="Only print what maintain would do"),
    },
    **DAG_DEFAULTS,
) as dag:
    lake_task("maintain", "maintain_command(params)", [], execution_timeout=timedelta(hours=3))
