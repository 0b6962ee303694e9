"""Run the dbt project on the spark target from tests: dbt-spark in-process (pyspark, local)."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path

from dbt_build import DBT, PROJECT_DIR


def missing_spark_requirement() -> str | None:
    """Why the spark target cannot run here (no Java, no pyspark or dbt-spark); None when it can."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (pyspark needs Java 17+): install one, or set JAVA_HOME"
    for module, package in (("pyspark", "pyspark"), ("dbt.adapters.spark", "dbt-spark")):
        if importlib.util.find_spec(module) is None:
            return f"{package} is not installed: pip install -e '.[spark]'"
    return None


def spark_dbt_build(
    spark_dir: Path,
    work_dir: Path,
    variables: dict[str, object],
    resource_types: tuple[str, ...] = (),
) -> None:
    """`dbt build` on the spark target, tables and metastore in spark_dir; fails the test on a red build.

    resource_types limits the build (e.g. ("seed", "model")); all of it by default.
    """
    work_dir.mkdir(parents=True, exist_ok=True)
    selection = [arg for kind in resource_types for arg in ("--resource-type", kind)]
    result = subprocess.run(
        [
            str(DBT), "build",
            "--project-dir", str(PROJECT_DIR),
            "--profiles-dir", str(PROJECT_DIR),
            "--target-path", str(work_dir / "target"),
            "--log-path", str(work_dir / "logs"),
            "--vars", json.dumps(variables),
            *selection,
        ],
        # Spark resolves nothing against the working directory here (absolute paths
        # only), but keep whatever it might write out of the repository.
        cwd=work_dir,
        env={**os.environ, "MOVIES_DBT_TARGET": "spark", "MOVIES_SPARK_DIR": str(spark_dir)},
        capture_output=True,
        text=True,
        check=False,
    )
    # pyspark logs every failed query to stderr as JSON; the dbt summary is on stdout.
    assert result.returncode == 0, result.stdout[-6000:]
