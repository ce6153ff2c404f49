"""What the eventlake DAGs share: the settings they read from Airflow, the lake's tables as Assets, and the
command lines they hand to spark-submit.

Every setting comes from Airflow, never from this file:

* Connection ``eventlake_spark`` (type ``spark``): the cluster's master, e.g. host ``spark://10.0.0.5`` and port
  ``7077``, or host ``local[2]``; extras such as ``{"deploy-mode": "client"}``. ``spark-submit`` is the one on the
  worker's ``PATH`` (a Spark 3.5 distribution's ``bin``).
* Variable ``eventlake_jar``: the shaded jar (``eventlake-orchestration-<version>-spark.jar``).
* Variable ``eventlake_lake_root``: the lake, e.g. ``s3a://retail-lake/lake``.
* Variable ``eventlake_conf_file`` (optional): a HOCON file with this deployment's settings (Kafka, catalog, ...),
  passed as ``--conf-file``; it must be readable where the driver runs.
* Variable ``eventlake_spark_conf`` (optional, JSON object): extra Spark settings, e.g.
  ``{"spark.executor.memory": "4g"}``.

Secrets stay in the worker's environment, which spark-submit inherits: ``EVENTLAKE_PII_KEY`` (silver's
tokenization key), ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` for an s3a lake.

This module defines no DAG; ``eventlake_pipeline.py``, ``eventlake_backfill.py`` and ``eventlake_maintenance.py``
use it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import Asset, Variable

SPARK_CONN_ID = "eventlake_spark"
JAR_VARIABLE = "eventlake_jar"
LAKE_ROOT_VARIABLE = "eventlake_lake_root"
CONF_FILE_VARIABLE = "eventlake_conf_file"
SPARK_CONF_VARIABLE = "eventlake_spark_conf"
MAIN_CLASS = "io.eventlake.orchestration.cli.LakeCommand"

# The tables each command writes (the lake's default names; see the table specs of each layer).
BRONZE_TABLES = ("bronze.events", "bronze.quarantine")
SILVER_TABLES = ("silver.orders", "silver.order_lines", "silver.payments", "silver.returns",
                 "silver.inventory_movements", "silver.customers", "silver.customers_current", "silver.quarantine")
GOLD_TABLES = ("gold.daily_store_sales", "gold.customer_features", "gold.inventory_positions",
               "gold.inventory_alerts")
# What `lake backfill` rebuilds from bronze (the operational inventory tables are never backfilled).
BACKFILL_TABLES = SILVER_TABLES + ("gold.daily_store_sales", "gold.customer_features")

DEFAULT_ARGS = {
    "owner": "eventlake",
    "retries": 2,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=20),
}


def asset(table: str) -> Asset:
    """The Asset of one lake table (its events say which run changed it)."""
    return Asset(name=table, uri=f"eventlake://lake/{table}", group="eventlake")


def assets(tables) -> list[Asset]:
    return [asset(t) for t in tables]


def utc(moment: datetime) -> str:
    """An instant as the lake's CLI reads it: ISO-8601 in UTC, e.g. 2026-11-01T00:00:00Z."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def lake_args(command: list[str], run_id: str) -> list[str]:
    """The jar's arguments for one command: the command, the Airflow run's id, the lake root and the optional
    settings file. Called when the task runs (Variables are read then, not when the DAG file is parsed)."""
    args = [*command, "--run-id", run_id, "--set", f'lake-root="{Variable.get(LAKE_ROOT_VARIABLE)}"']
    conf_file = Variable.get(CONF_FILE_VARIABLE, default=None)
    if conf_file:
        args += ["--conf-file", conf_file]
    return args


def selection_options(params: dict) -> list[str]:
    """The options a run's params ``tables`` (a list; empty for every table) and ``dry_run`` give a command."""
    options = []
    tables = params.get("tables") or []
    if tables:
        options += ["--tables", ",".join(tables)]
    if params.get("dry_run"):
        options.append("--dry-run")
    return options


def backfill_command(params: dict, data_interval_start: datetime, data_interval_end: datetime) -> list[str]:
    """``lake backfill`` over the params' range, or the run's data interval when they are left empty (what
    ``airflow backfill create`` gives each run)."""
    start = params.get("from") or utc(data_interval_start)
    end = params.get("to") or utc(data_interval_end)
    return ["backfill", "--from", start, "--to", end, *selection_options(params)]


def maintain_command(params: dict) -> list[str]:
    """``lake maintain`` of the params' tables (default: every table of the lake), or only its plan with
    ``dry_run``."""
    return ["maintain", *selection_options(params)]


# Available to every template of the eventlake DAGs.
MACROS = {"lake_args": lake_args, "backfill_command": backfill_command, "maintain_command": maintain_command}

# What every eventlake DAG shares: one run at a time (the lake's tables have one writer each), no catch-up run
# per missed interval, the retries, and templates rendered as native objects (commands render to lists).
DAG_DEFAULTS = {
    "start_date": datetime(2026, 1, 1, tzinfo=timezone.utc),
    "catchup": False,
    "max_active_runs": 1,
    "default_args": DEFAULT_ARGS,
    "user_defined_macros": MACROS,
    "render_template_as_native_obj": True,
    "tags": ["eventlake"],
}


def lake_task(task_id: str, command: str, outlets: list[Asset], **kwargs) -> SparkSubmitOperator:
    """One SparkSubmitOperator running the jar's LakeCommand; ``command`` is a template rendering to the command
    and its options as a list (the DAG renders templates as native objects)."""
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=SPARK_CONN_ID,
        application="{{ var.value.%s }}" % JAR_VARIABLE,
        java_class=MAIN_CLASS,
        name=f"eventlake-{task_id}",
        application_args="{{ lake_args(%s, run_id) }}" % command,
        conf="{{ var.json.get('%s', {}) }}" % SPARK_CONF_VARIABLE,
        outlets=outlets,
        **kwargs,
    )
