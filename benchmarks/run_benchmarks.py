"""Benchmark the dbt build against the plain-DuckDB floor on generated data; write docs/benchmarks.md.

    python benchmarks/run_benchmarks.py [SCALE ...] [--only duckdb dbt hourly] [--seed 42]
        [--timeout 1800] [--max-memory-gib 16] [--repeat 1]

For each scale factor (default 1 10 100) it generates movies_metadata.csv once (cached in
.benchmarks/data/, git-ignored, regenerated when the generator changes), then measures
wall time and peak memory of:
  duckdb   benchmarks/baselines/run_duckdb_plain.py, plain DuckDB SQL with no dbt: the floor;
  dbt      `dbt build` of the committed project (HEAD, exported with git archive) into a
           scratch warehouse, models and tests together; run_results.json gives the split;
  hourly   the third hourly drop (1% new movies, 0.5% new versions) after the first hour
           and the second, hourly like it (an hourly schedule's steady state), three ways:
           the hourly floor (plain DuckDB updating its stored movies with the drop, then
           the nine answers), the bare `dbt build` in hourly mode, and the
           `movies-pipeline` command end to end;
  pandas   benchmarks/baselines/pandas_solution.py, a typical pandas solution: not a floor,
           so only with --only pandas.
Peak memory is the largest sum of resident memory over the process tree, polled every
50 ms with psutil. A run over --timeout or --max-memory-gib is stopped and reported so.
Every run's nine answers are compared with its floor's, row by row.

Results accumulate in the JSON block at the end of docs/benchmarks.md: a run replaces
the rows of the scales it measured and keeps the others.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import psutil
from baselines.answers import ANSWER_KEYS

from movies_pipeline import generate

REPOSITORY = Path(__file__).resolve().parents[1]
CACHE = REPOSITORY / ".benchmarks"
DOC = REPOSITORY / "docs" / "benchmarks.md"
BASELINES = REPOSITORY / "benchmarks" / "baselines"
BIN = Path(sys.executable).parent
CONTENDERS = ("duckdb", "dbt", "pandas")
DEFAULT_RUNS = ("duckdb", "dbt", "hourly")  # pandas is no floor: measured only when asked for
HOURLY = ("hourly floor", "hourly dbt", "hourly command")
FLOOR_OF = {"dbt": "duckdb", "pandas": "duckdb", "hourly dbt": "hourly floor", "hourly command": "hourly floor"}
RESULTS_MARK = "<!-- benchmark results (run_benchmarks.py reads and rewrites this block):"
POLL_SECONDS = 0.05
SLOWEST_MODELS = 5  # named in a dbt row's detail


@dataclass
class Measurement:
    scale: float
    contender: str
    status: str  # ok, failed (exit N), stopped after N s (--timeout), stopped above N GiB (--max-memory-gib)
    load_before: float  # 1-minute load average when the run started: other work on the machine
    runs: int  # the fastest of this many runs is reported
    wall_seconds: float
    peak_rss_bytes: int
    answers: str  # "same as duckdb", "differ: ...", or "" when not compared
    detail: str
    measured_at: str
    commit: str


@dataclass
class DataFile:
    scale: float
    path: Path
    records: int
    bytes: int
    generate_seconds: float


# --------------------------------------------------------------------------- measuring


def measure(command: list[str], env: dict[str, str], timeout: float, max_rss: int, log: Path) -> tuple[str, float, int]:
    """Run `command` with its output in `log`; return (status, wall seconds, peak resident
    bytes of its process tree)."""
    started = time.perf_counter()
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, env=env, cwd=REPOSITORY, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        root = psutil.Process(process.pid)
        peak, status = 0, ""
        try:
            while process.poll() is None:
                try:
                    rss = sum(member.memory_info().rss for member in [root, *root.children(recursive=True)])
                except psutil.NoSuchProcess:  # a member ended between listing and reading
                    rss = 0
                peak = max(peak, rss)
                elapsed = time.perf_counter() - started
                if elapsed > timeout or peak > max_rss:
                    over_time = elapsed > timeout
                    status = f"stopped after {timeout:g} s" if over_time else f"stopped above {max_rss / 2**30:g} GiB"
                    break
                time.sleep(POLL_SECONDS)
        finally:
            if process.poll() is None:  # stopped, or this script interrupted: end what we started
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    wall = time.perf_counter() - started
    if not status:
        status = "ok" if process.returncode == 0 else f"failed (exit {process.returncode})"
    if status != "ok":
        print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
    return status, wall, peak


def dbt_node_seconds(target_path: Path) -> str:
    """Summed node times by kind from run_results.json (threads overlap, so not wall time)."""
    results_file = target_path / "run_results.json"
    if not results_file.is_file():
        return ""
    totals: dict[str, float] = {}
    for result in json.loads(results_file.read_text())["results"]:
        kind = result["unique_id"].split(".")[0]
        totals[kind] = totals.get(kind, 0.0) + result["execution_time"]
    names = {"model": "models", "test": "data tests", "unit_test": "unit tests", "seed": "seed"}
    split = ", ".join(f"{names[kind]} {totals[kind]:.1f} s" for kind in names if kind in totals)
    models = sorted(
        ((result["execution_time"], result["unique_id"].split(".")[-1]) for result in json.loads(results_file.read_text())["results"]
         if result["unique_id"].startswith("model.")),
        reverse=True,
    )  # fmt: skip
    slowest = ", ".join(f"`{name}` {seconds:.1f} s" for seconds, name in models[:SLOWEST_MODELS])
    return f"{split} (slowest models: {slowest})" if slowest else split


def command_stage_seconds(output: Path) -> str:
    """The stages of the command's newest run, from its run folder's run_summary.json."""
    summaries = sorted(output.glob("*/run_summary.json"), key=lambda path: path.stat().st_mtime)
    if not summaries:
        return ""
    durations = json.loads(summaries[-1].read_text()).get("durations_seconds") or {}
    return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in durations.items())


# --------------------------------------------------------------------------- answers


def load_answer(source: Path, answer: str) -> pd.DataFrame:
    """An answer from a folder of Parquet files or from a DuckDB warehouse's marts schema."""
    if source.suffix == ".duckdb":
        with duckdb.connect(str(source), read_only=True) as connection:
            frame = connection.execute(f"select * from marts.{answer}").df()
    else:
        frame = pd.read_parquet(source / f"{answer}.parquet")
    return frame.sort_values(list(ANSWER_KEYS[answer])).reset_index(drop=True)


def compare_answers(reference: Path, candidate: Path, reference_name: str = "duckdb") -> str:
    """'same as REFERENCE_NAME' when all nine answers match row for row (money and averages within 0.005)."""
    differences = []
    for answer in ANSWER_KEYS:
        expected, actual = load_answer(reference, answer), load_answer(candidate, answer)
        missing = [name for name in expected.columns if name not in actual.columns]
        if missing or len(actual) != len(expected):
            lacking = f", no {', '.join(missing)}" if missing else ""
            differences.append(f"{answer} ({len(actual)} rows vs {len(expected)}{lacking})")
            continue
        for name in expected.columns:
            left, right = expected[name], actual[name]
            if name.startswith(("total_", "avg_")):
                left, right = left.astype("float64"), right.astype("float64")
                same = (left.isna() == right.isna()).all() and np.allclose(
                    left.fillna(0), right.fillna(0), rtol=1e-9, atol=0.005
                )
            else:
                same = left.astype(str).tolist() == right.astype(str).tolist()
            if not same:
                differences.append(f"{answer}.{name}")
    return f"same as {reference_name}" if not differences else "differ: " + "; ".join(differences)


# --------------------------------------------------------------------------- the contenders


def export_project(commit: str) -> Path:
    """The committed dbt project at `commit`, unpacked once into the cache."""
    target = CACHE / "projects" / commit[:12]
    if not (target / "dbt_project.yml").is_file():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=REPOSITORY, check=True, capture_output=True)
        archive_path = target.with_suffix(".tar")
        archive_path.write_bytes(archive.stdout)
        with tarfile.open(archive_path) as tar:
            tar.extractall(target, filter="data")
        archive_path.unlink()
    return target


def ensure_data(scale: float, seed: int) -> DataFile:
    """The generated file for this scale, regenerated when missing or made by another generator."""
    folder = CACHE / "data" / f"scale-{scale:g}-seed-{seed}"
    path = folder / "movies_metadata.csv"
    stamp_path = folder / "generated.json"
    digest = hashlib.sha256()
    for source in sorted(Path(generate.__file__).parent.glob("*.py")):  # every module of the generator package
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    generator_hash = digest.hexdigest()
    if stamp_path.is_file() and path.is_file():
        stamp = json.loads(stamp_path.read_text())
        if stamp.get("generator_sha256") == generator_hash:
            return DataFile(scale, path, stamp["records"], path.stat().st_size, stamp["seconds"])
    print(f"generating scale {scale:g} into {path} ...", flush=True)
    result = generate.generate_file(path, scale=scale, seed=seed)
    stamp = {
        "scale": scale,
        "seed": seed,
        "records": result.records,
        "seconds": result.seconds,
        "generator_sha256": generator_hash,
    }
    stamp_path.write_text(json.dumps(stamp, indent=2))
    return DataFile(scale, path, result.records, result.bytes, result.seconds)


def run_contender(contender: str, data: DataFile, project: Path, args: argparse.Namespace, commit: str) -> Measurement:
    work = CACHE / "work" / f"scale-{data.scale:g}" / contender
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    answers_at = work / "answers"
    if contender == "dbt":
        answers_at = work / "movies.duckdb"
        env.update(MOVIES_WAREHOUSE_PATH=str(answers_at), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
        command = [
            str(BIN / "dbt"), "build",
            "--project-dir", str(project), "--profiles-dir", str(project),
            "--target-path", str(work / "target"), "--log-path", str(work / "logs"),
            "--vars", json.dumps({"movies_metadata_path": str(data.path)}),
        ]  # fmt: skip
    elif contender == "pandas":
        command = [sys.executable, str(BASELINES / "pandas_solution.py"), str(data.path), str(answers_at)]
    else:
        command = [sys.executable, str(BASELINES / "run_duckdb_plain.py"), str(data.path), str(answers_at)]
    print(f"scale {data.scale:g}: {contender} ...", flush=True)
    runs = []  # (wall, status, peak, load before): the fastest run counts, its neighbours are noise
    for _ in range(args.repeat):
        if contender == "dbt":  # every build starts from an empty warehouse
            for leftover in (answers_at, answers_at.with_name(answers_at.name + ".wal")):
                leftover.unlink(missing_ok=True)
        load_before = os.getloadavg()[0]
        status, wall, peak = measure(command, env, args.timeout, int(args.max_memory_gib * 2**30), work / "output.log")
        runs.append((wall, status, peak, load_before))
        if status != "ok":
            break
    wall, status, peak, load_before = min(runs) if all(run[1] == "ok" for run in runs) else runs[-1]
    reference = CACHE / "work" / f"scale-{data.scale:g}" / "duckdb" / "answers"
    answers = ""
    fresh_reference = reference.is_dir() and reference.stat().st_mtime > data.path.stat().st_mtime
    if status == "ok" and contender != "duckdb" and fresh_reference:
        answers = compare_answers(reference, answers_at)
    detail = dbt_node_seconds(work / "target") if contender == "dbt" else ""
    measurement = Measurement(
        scale=data.scale,
        contender=contender,
        status=status,
        load_before=round(load_before, 2),
        runs=len(runs),
        wall_seconds=round(wall, 2),
        peak_rss_bytes=peak,
        answers=answers,
        detail=detail,
        measured_at=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        commit=commit[:12],
    )
    print(f"  {status} in {wall:.1f} s, peak {peak / 2**20:,.0f} MiB {answers}", flush=True)
    if contender == "dbt":
        answers_at.unlink(missing_ok=True)  # a scratch warehouse can be gigabytes
    return measurement


def measure_hourly_runs(data: DataFile, project: Path, args: argparse.Namespace, commit: str) -> list[Measurement]:
    """The hourly run: drops for the scale (the first hour is the full file, the second and
    third each 1% new movies and 0.5% new versions), the first two hours loaded by the
    command, untimed, then the third: the steady state of an hourly schedule, in which the run
    before was hourly too (the first hourly run after a full build parses the whole project).

    Three rows, each timed once from the same two hours:
    - "hourly floor": plain DuckDB's incremental update (run_duckdb_plain.py --state): the
      first two hours' parsed movies are stored beforehand, untimed; the timed run parses the
      third drop, replaces its movies in the store and computes the nine answers from it;
    - "hourly dbt": the bare `dbt build` of the third drop in hourly mode on a copy of the
      warehouse the command left after the second;
    - "hourly command": `movies-pipeline DROPS` end to end (build, test, export Parquet,
      publish, report).
    Both dbt rows' nine answers are compared with the hourly floor's.
    """
    root = CACHE / "drops" / f"scale-{data.scale:g}-seed-{args.seed}"
    generated = {"scale": data.scale, "seed": args.seed, "hours": 3}
    if not (root / "generated.json").is_file() or json.loads((root / "generated.json").read_text()) != generated:
        shutil.rmtree(root, ignore_errors=True)
        print(f"generating hourly drops for scale {data.scale:g} into {root} ...", flush=True)
        generate.generate_hourly_drops(root, scale=data.scale, seed=args.seed, hours=3, new_share=0.01, changed_share=0.005)
        (root / "generated.json").write_text(json.dumps(generated))
    hours = sorted((root / "raw" / "movies").iterdir())
    hour_files = [next(hour.glob("*.csv")) for hour in hours]
    work = CACHE / "work" / f"scale-{data.scale:g}" / "hourly"
    shutil.rmtree(work, ignore_errors=True)
    view = work / "drops" / "raw" / "movies"
    view.mkdir(parents=True)
    warehouse, output = work / "warehouse" / "movies.duckdb", work / "output"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "MOVIES_PROJECT_DIR": str(project)}
    command = [sys.executable, "-m", "movies_pipeline", str(work / "drops"), "--warehouse", str(warehouse),
               "--output-dir", str(output), "--progress", "plain"]  # fmt: skip
    for number, name in enumerate(("first", "second")):
        print(f"scale {data.scale:g}: {name} hour with the command (untimed) ...", flush=True)
        (view / hours[number].name).symlink_to(hours[number])
        load_before = os.getloadavg()[0]
        status, wall, peak = measure(command, env, args.timeout, int(args.max_memory_gib * 2**30), work / f"{name}.log")
        if status != "ok":  # no hourly run without the hours before it: say so in the table
            return [
                Measurement(data.scale, "hourly command", f"{name} hour {status}", round(load_before, 2), 1,
                            round(wall, 2), peak, "", "", dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                            commit[:12])
            ]  # fmt: skip
    (view / hours[2].name).symlink_to(hours[2])
    floor_script, floor_state = str(BASELINES / "run_duckdb_plain.py"), work / "floor" / "state.duckdb"
    floor_answers = work / "floor" / "answers"
    print(f"scale {data.scale:g}: first and second hour with the floor (untimed) ...", flush=True)
    for number, name in enumerate(("first", "second")):
        subprocess.run(
            [sys.executable, floor_script, str(hour_files[number]), str(work / "floor" / f"{name}-hour"),
             "--state", str(floor_state)],
            cwd=REPOSITORY, check=True, capture_output=True,
        )  # fmt: skip
    floor_command = [sys.executable, floor_script, str(hour_files[2]), str(floor_answers), "--state", str(floor_state)]
    rows = []
    copy = work / "hourly-dbt.duckdb"
    shutil.copyfile(warehouse, copy)
    dbt_env = {**env, "MOVIES_WAREHOUSE_PATH": str(copy), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    variables = {"movies_metadata_path": str(hour_files[2]), "load_mode": "hourly"}
    dbt_command = [
        str(BIN / "dbt"), "build", "--project-dir", str(project), "--profiles-dir", str(project),
        "--target-path", str(work / "target"), "--log-path", str(work / "logs"), "--vars", json.dumps(variables),
    ]  # fmt: skip
    floor_ok = False
    runs = (("hourly floor", floor_command, env, None), ("hourly dbt", dbt_command, dbt_env, copy),
            ("hourly command", command, env, warehouse))  # fmt: skip
    for contender, run_command, env_used, answers_at in runs:
        print(f"scale {data.scale:g}: {contender} ...", flush=True)
        load_before = os.getloadavg()[0]
        log = work / f"{contender.replace(' ', '-')}.log"
        status, wall, peak = measure(run_command, env_used, args.timeout, int(args.max_memory_gib * 2**30), log)
        answers = ""
        if contender == "hourly floor":
            floor_ok = status == "ok"
        elif status == "ok" and floor_ok and answers_at is not None:
            answers = compare_answers(floor_answers, answers_at, "hourly floor")
        print(f"  {status} in {wall:.1f} s, peak {peak / 2**20:,.0f} MiB {answers}", flush=True)
        rows.append(
            Measurement(
                scale=data.scale,
                contender=contender,
                status=status,
                load_before=round(load_before, 2),
                runs=1,
                wall_seconds=round(wall, 2),
                peak_rss_bytes=peak,
                answers=answers,
                detail=(
                    dbt_node_seconds(work / "target") if contender == "hourly dbt"
                    else command_stage_seconds(output) if contender == "hourly command" and status == "ok"
                    else ""
                ),  # fmt: skip
                measured_at=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                commit=commit[:12],
            )
        )
    copy.unlink(missing_ok=True)
    return rows


# --------------------------------------------------------------------------- the document


def machine_facts() -> dict[str, str]:
    cpu_lines = Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").is_file() else []
    model = next(
        (line.split(":", 1)[1].strip() for line in cpu_lines if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    return {
        "CPU": model,
        "cores": f"{psutil.cpu_count(logical=True)} logical ({psutil.cpu_count(logical=False)} physical)",
        "memory": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "system": platform.platform(),
        "Python": platform.python_version(),
        "versions": f"duckdb {duckdb.__version__}, dbt-core {_version('dbt-core')}, dbt-duckdb {_version('dbt-duckdb')}, "
        f"pandas {pd.__version__}, numpy {np.__version__}",
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d"),
    }


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def read_previous() -> tuple[list[dict], list[dict]]:
    if not DOC.is_file() or RESULTS_MARK not in DOC.read_text():
        return [], []
    block = DOC.read_text().split(RESULTS_MARK, 1)[1].rsplit("-->", 1)[0]
    stored = json.loads(block)
    return stored["measurements"], stored["data"]


def _size(amount: float) -> str:
    return f"{amount / 2**30:.2f} GiB" if amount >= 2**30 else f"{amount / 2**20:,.0f} MiB"


def hourly_across_scales(ok_rows: dict[tuple[float, str], dict]) -> list[str]:
    """The hourly runs of each scale beside the scale ten times smaller, and beside the full-build floor."""
    lines = []
    for (scale, contender), row in sorted(ok_rows.items()):
        if contender not in ("hourly dbt", "hourly command"):
            continue
        smaller, floor = ok_rows.get((scale / 10, contender)), ok_rows.get((scale, "duckdb"))
        parts = []
        if smaller:
            parts.append(
                f"{row['wall_seconds'] / smaller['wall_seconds']:.2f}x scale {scale / 10:g}'s "
                f"({row['wall_seconds']:,.1f} s against {smaller['wall_seconds']:,.1f} s)"
            )
        if floor:
            parts.append(
                f"{row['wall_seconds'] / floor['wall_seconds']:.2f}x the full-build floor at this scale "
                f"({floor['wall_seconds']:,.1f} s)"
            )
        if parts:
            lines.append(f"- scale {scale:g}, {contender}: " + "; ".join(parts))
    if not lines:
        return []
    return ["", "The hourly runs across scales (the drop grows with the scale: 1.5% of the movies):", "", *lines]


def render(measurements: list[dict], data_files: list[dict], facts: dict[str, str]) -> str:
    by_scale = {row["scale"]: row for row in data_files}
    lines = [
        "# Benchmarks",
        "",
        "Written by `python benchmarks/run_benchmarks.py` (see `--help`); edit that script, not this table.",
        "Each cell is the fastest of *runs* runs on a 2-core machine shared with other work (*load before* is",
        "the 1-minute load average when that run started; above 2 it shared the cores): treat small",
        "differences as noise.",
        "",
        "## Machine (latest run)",
        "",
        *(f"- {name}: {value}" for name, value in facts.items()),
        "",
        "## Results",
        "",
        "*floor* is the plain-DuckDB run the row is measured against (the floor itself for a full build,",
        "the hourly floor for an hourly run: see below), *over floor* the row's wall time over it.",
        "",
        "| scale | records | CSV | what | wall time | peak memory | floor | over floor | status | nine answers "
        "| runs | load before | measured |",
        "| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | --- |",
    ]
    order = {name: index for index, name in enumerate((*CONTENDERS, *HOURLY))}
    ok_rows = {(row["scale"], row["contender"]): row for row in measurements if row["status"] == "ok"}
    for row in sorted(measurements, key=lambda r: (r["scale"], order.get(r["contender"], 99))):
        data = by_scale.get(row["scale"], {})
        floor_name = FLOOR_OF.get(row["contender"])
        floor = ok_rows.get((row["scale"], floor_name)) if floor_name else None
        if floor_name is None:
            floor_cell, ratio_cell = "(the floor)", ""
        elif floor is None:
            floor_cell, ratio_cell = "not measured", ""
        else:
            floor_cell = f"{floor['wall_seconds']:,.1f} s, {_size(floor['peak_rss_bytes'])}"
            ratio_cell = f"{row['wall_seconds'] / floor['wall_seconds']:.1f}x" if row["status"] == "ok" else ""
        answers = row["answers"] or ("(the reference)" if floor_name is None else "not compared")
        lines.append(
            f"| {row['scale']:g} | {data.get('records', 0):,} | {_size(data.get('bytes', 0))} | {row['contender']} "
            f"| {row['wall_seconds']:,.1f} s | {_size(row['peak_rss_bytes'])} | {floor_cell} | {ratio_cell} "
            f"| {row['status']} | {answers} | {row.get('runs', 1)} | {row['load_before']:.1f} "
            f"| {row['measured_at']}, {row['commit']} |"
        )
    lines += ["", "Generating the input (`movies-pipeline generate`, single process):", ""]
    for data in sorted(data_files, key=lambda d: d["scale"]):
        size = _size(data["bytes"])
        lines.append(f"- scale {data['scale']:g}: {data['records']:,} records, {size} in {data['generate_seconds']:.1f} s")
    dbt_rows = [row for row in measurements if row["contender"] == "dbt" and row["detail"]]
    if dbt_rows:
        lines += ["", "Where the dbt build's time goes (node times summed over 2 threads, from run_results.json):", ""]
        lines += [f"- scale {row['scale']:g}: {row['detail']}" for row in sorted(dbt_rows, key=lambda r: r["scale"])]
    hourly_rows = [row for row in measurements if row["contender"] in ("hourly dbt", "hourly command") and row["detail"]]
    if hourly_rows:
        lines += ["", "Where the hourly run's time goes (the bare build's node times; the command's stages, from its",
                  "run_summary.json):", ""]  # fmt: skip
        lines += [
            f"- scale {row['scale']:g}, {row['contender']}: {row['detail']}"
            for row in sorted(hourly_rows, key=lambda r: (r["scale"], r["contender"]))
        ]
    lines += hourly_across_scales(ok_rows)
    lines += [
        "",
        "## What is measured",
        "",
        "- **duckdb**: `benchmarks/baselines/duckdb_plain.sql`, the nine answers in plain DuckDB SQL, no",
        "  dbt: the floor for this engine on this machine, made as fast as we could make it. One parallel",
        "  read of the eight columns the answers need; the latest record of each id picked before any",
        "  parsing; each distinct list cell parsed once, natively (a quote swap and `from_json` with a",
        "  struct schema) when it is in repr's plain form and by regular expressions otherwise; one table",
        "  of movies, then views. It follows the rules of docs/modeling.md for the nine answers.",
        "- **dbt**: `dbt build` of the committed project (exported from git at the commit shown) on the",
        "  generated file into a scratch warehouse: staging, parsing, star schema, audit, the nine marts",
        "  and every data and unit test. It does more than the floor: it keeps every field, records",
        "  rejects and field issues, and tests the result.",
        "- **pandas** (only with `--only pandas`; not a floor): `benchmarks/baselines/pandas_solution.py`,",
        "  a typical pandas solution (`read_csv`, `ast.literal_eval`, `explode`, `groupby`).",
        "- Wall time includes starting Python (and dbt's project parsing); peak memory is the largest",
        "  sum of resident memory over the process tree, polled every 50 ms with psutil.",
        "- *nine answers* compares each run's nine answers with its floor's, row by row (money and",
        "  averages within 0.005).",
        "- Where the baselines differ from the dbt build by design: neither computes the constant-dollar",
        "  `*_real` columns; names in list cells are unescaped for `\\'`, `\\\"` and `\\\\` only by the",
        "  plain DuckDB script (repr writes no other escape in company or genre names of this data). The",
        "  pandas one accepts the head of a record split by a line break (pandas cannot tell how many",
        "  fields a short record had; such a head has no release date, so no yearly answer changes), does",
        "  not bound amounts, popularity or dates, and gives a name tie to the most recent record.",
        "",
        "## Hourly runs",
        "",
        "The generator writes three hourly drops for the scale (the first is the whole file, the second",
        "and third each 1% new movies and 0.5% new versions of existing ones); the command loads the",
        "first two (untimed), then the third is timed three ways, each from the same two hours: the",
        "steady state of an hourly schedule, in which the run before was hourly too (the first hourly",
        "run after a full build also parses the whole dbt project: 4.4 s against 3.1 s at scale 1).",
        "",
        "- **hourly floor**: plain DuckDB's incremental update, `run_duckdb_plain.py DROP --state FILE`.",
        "  After the first two hours (untimed, as the command's are) FILE holds the latest movies",
        "  with their numbers typed and lists parsed; the timed run parses only the drop, replaces its",
        "  movies in FILE and recomputes the nine answers from FILE. It is the floor for the two rows",
        "  below, which are compared with its answers.",
        "- **hourly dbt**: `dbt build --vars '{load_mode: hourly, ...}'` of the third drop on a copy of",
        "  the warehouse after the second hour, every data and unit test included (a bare dbt run",
        "  whose `--vars` name new files parses the whole project each time).",
        "- **hourly command**: `movies-pipeline DROPS` end to end: the same build, export to Parquet,",
        "  publish, report.",
        "",
        RESULTS_MARK,
        json.dumps({"measurements": measurements, "data": data_files}, indent=1),
        "-->",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scales", nargs="*", type=float, default=[1, 10, 100], help="scale factors (default 1 10 100)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--only",
        nargs="+",
        choices=(*CONTENDERS, "hourly"),
        default=list(DEFAULT_RUNS),
        help="what to run (default: duckdb dbt hourly; pandas only when named)",
    )
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a run is stopped (default 1800)")
    parser.add_argument("--max-memory-gib", type=float, default=16, help="stop a run above this (default 16)")
    parser.add_argument("--repeat", type=int, default=1, help="run each this many times and keep the fastest (default 1)")
    args = parser.parse_args(argv)

    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPOSITORY, check=True, capture_output=True, text=True)
    commit = head.stdout.strip()
    project = export_project(commit)
    measurements, data_files = read_previous()
    for scale in args.scales:
        data = ensure_data(scale, args.seed)
        new = [run_contender(name, data, project, args, commit) for name in CONTENDERS if name in args.only]
        if "hourly" in args.only:
            new += measure_hourly_runs(data, project, args, commit)
        measured = {row.contender for row in new}
        measurements = [row for row in measurements if not (row["scale"] == scale and row["contender"] in measured)]
        measurements += [asdict(row) for row in new]
        data_files = [row for row in data_files if row["scale"] != scale]
        data_files.append(
            {"scale": scale, "records": data.records, "bytes": data.bytes, "generate_seconds": round(data.generate_seconds, 2)}
        )
        DOC.write_text(render(measurements, data_files, machine_facts()))  # after each scale: a long run keeps what it has
    print(f"wrote {DOC.relative_to(REPOSITORY)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
