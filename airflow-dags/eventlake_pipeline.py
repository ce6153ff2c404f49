"""eventlake_pipeline: every hour, bring the lake up to date from Kafka.

bronze (``lake bronze --available-now``: every record on the topics since the last run, exactly once) >>
silver (``lake silver --available-now``: typed, de-duplicated facts and customer history from bronze's new rows) >>
gold (``lake gold``: the aggregates and features the changed silver rows touch, then inventory positions and
low-stock alerts). Each task is one spark-submit of the shaded jar with ``--run-id {{ run_id }}``, so the lake's
runs table and every commit name the Airflow run that made them. The streams keep their own checkpoints: a run
processes what arrived since the previous one, whatever its data interval; a failed run's retry resumes there.

Settings (Spark connection, jar, lake root) are Airflow Connections and Variables: see ``eventlake_airflow``.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DAG
from airflow.timetables.interval import CronDataIntervalTimetable

from eventlake_airflow import BRONZE_TABLES, DAG_DEFAULTS, GOLD_TABLES, SILVER_TABLES, assets, lake_task

with DAG(
    dag_id="eventlake_pipeline",
    description="Kafka -> bronze -> silver -> gold, one spark-submit per layer",
    # Airflow 3: a plain cron schedule gives runs an empty data interval; this one gives [previous hour, hour).
    schedule=CronDataIntervalTimetable("0 * * * *", timezone="UTC"),
    # Missed hours need no run each (catchup off): one run catches up on everything the topics hold.
    dagrun_timeout=timedelta(hours=2),
    **DAG_DEFAULTS,
) as dag:
    bronze = lake_task("bronze", "['bronze', '--available-now']", assets(BRONZE_TABLES),
                       execution_timeout=timedelta(minutes=45))
    silver = lake_task("silver", "['silver', '--available-now']", assets(SILVER_TABLES),
                       execution_timeout=timedelta(minutes=45))
    gold = lake_task("gold", "['gold']", assets(GOLD_TABLES), execution_timeout=timedelta(minutes=30))
    bronze >> silver >> gold
