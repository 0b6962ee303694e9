"""Spark's round_to_cents_as_duckdb gives the cents DuckDB's cast(round(x, 2) as decimal(38, 2)) gives.

DuckDB computes the constant-dollar columns that way; the Spark build must get the same
cents on doubles that are hard to round: near-ties, exact ties, doubles just below a half
cent whose product by 100 is exactly a half (157132694.815), tiny and negative amounts,
and amounts past 2^53 and 2^63 cents. DuckDB computes the expected cents.
"""

from __future__ import annotations

import random

import duckdb
import jinja2
import pytest

from dbt_build import PROJECT_DIR
from spark_dbt_build import missing_spark_requirement

missing = missing_spark_requirement()
pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(missing is not None, reason=f"spark target cannot run: {missing}"),
]


def hard_doubles(count: int) -> list[float]:
    randomness = random.Random(20261125)
    values = [157132694.815, 157650160.105, 60253675133638.125, 2.675, 1.005, 0.125, 0.285, 0.005, 0.0]
    for _ in range(count):
        cents = randomness.randint(0, 10**13)
        nudge = randomness.choice([0.0, 0.0, 1e-9, -1e-9])
        values.append((cents + 0.5) / 100 + nudge)
        values.append(randomness.uniform(0, 2) * 10 ** randomness.uniform(-4, 21))
    return [value * sign for value in values for sign in (1, -1)]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.parser.escapedStringLiterals", "true")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_cents_equal_duckdb_cents(spark):
    macro_file = PROJECT_DIR / "macros" / "money" / "round_to_cents_as_duckdb.sql"
    expression = jinja2.Template(
        macro_file.read_text(encoding="utf-8") + "{{ round_to_cents_as_duckdb('amount') }}"
    ).render()
    values = hard_doubles(10_000)
    with duckdb.connect() as connection:
        expected = [
            cents for (cents,) in connection.execute(
                "select cast(round(amount, 2) as decimal(38, 2)) from unnest(?) as amounts (amount)",
                [values],
            ).fetchall()
        ]
    amounts = spark.createDataFrame(list(enumerate(values)), "position int, amount double")
    rows = amounts.selectExpr("position", f"{expression} as cents").collect()
    actual = [cents for _, cents in sorted(rows)]
    differing = [(value, want, got) for value, want, got in zip(values, expected, actual) if want != got]
    assert differing == []
    assert len(actual) == len(values) > 40_000
