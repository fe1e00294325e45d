"""Time ipplan as people run it: whole processes, on plans of growing size, beside the import floor.

    python benchmarks/run.py                 # shipped plan, 1,000 and 10,000 indicators, workspace
    python benchmarks/run.py --sizes 0,100   # 0 is the shipped plan; "workspace" the 32 plans
    python benchmarks/run.py --runs 11 --out benchmarks/out/results.json
    python benchmarks/run.py --workspace /tmp/ws   # only write a workspace of 32 plans

For each size it writes a plan directory (checked with `ipplan validate`): indicators with ten
recorded years each, two actions per indicator, and a work plan a year. Then it runs each command
several times as a new process, twice over: "repeated", the files unchanged since the last run
(what people do most), and "first", the plan's cache emptied before each run (the first command
after the files changed). `record again`, timed when asked for, is a record right after
another (the command that follows a write); each `record` follows an `ipplan undo` of the one
before. It reports the median wall time, its ratio to the floor
(`python -c "import typer, pydantic, yaml, rich.console, rich.table"`, run in turn with each run
of the command, so that a machine busy with other work slows both alike), and the peak memory
of the slowest run. The table goes to standard output, the figures to a
JSON file. Byte code is compiled first, as an installed package has it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from ipplan.data import Actual  # noqa: E402
from ipplan.files.cache.identity import RACY_SECONDS  # noqa: E402
from ipplan.files.layout import ACTUALS  # noqa: E402
from ipplan.files.record_text import dump_actual  # noqa: E402

BIN = Path(sys.executable).parent
IPPLAN = str(BIN / "ipplan")
FLOOR = [sys.executable, "-c", "import typer, pydantic, yaml, rich.console, rich.table"]
COMMANDS = ("--help", "status", "validate", "show", "record", "tasks", "workplan", "due")
# Timed only when asked for (--commands): a record right after another.
MORE = ("record again",)
WORKSPACE_COMMANDS = ("overview", "status --plan", "site")

# unit, baseline, target, direction: a value range each unit admits
KINDS = [
    ("人", 20000, 30000, "increase"),
    ("%", 40.5, 60.0, "increase"),
    ("亿元", 400.0, 630.0, "increase"),
    ("‰", 3.0, 2.0, "decrease"),
    ("家", 500, 800, "increase"),
]
BASELINE_YEAR, TARGET_YEAR, YEARS = 2014, 2030, 10


@dataclass
class Timing:
    size: str
    command: str
    cache: str  # "repeated": files unchanged since the last run; "first": cache emptied
    median_s: float
    ratio: float  # to floor_s
    peak_mb: float
    runs: int
    floor_s: float  # the floor's median over runs taken in turn with this command's


def synthetic_plan(
    directory: Path, count: int, *, rolls_up_to: str | None = None, title: str = "合成计划"
) -> str:
    """A valid plan of ``count`` indicators with ten recorded years each; returns a key.

    With ``rolls_up_to`` (a plan's name), each count of people or agencies adds up into the
    indicator of the same key in that plan, as a province's into the national plan's.
    """
    directory.mkdir(parents=True)
    lines = [
        "plan:",
        f"  title: {title}",
        "  title_en: Synthetic plan",
        "  issuer: 基准测试",
        "  issuer_en: Benchmark",
        f"  baseline_year: {BASELINE_YEAR}",
        f"  target_year: {TARGET_YEAR}",
        "indicators:",
    ]
    actuals: dict[str, tuple[Actual, ...]] = {}
    recorded = dt.datetime.fromisoformat("2025-01-15T09:00:00+08:00")
    for i in range(1, count + 1):
        unit, x0, target, direction = KINDS[i % len(KINDS)]
        key = f"ind_{i:05d}"
        lines += [
            f"  - key: {key}",
            f"    number: {i}",
            f"    name: 指标{i}",
            f"    name_en: Indicator {i}",
            f'    unit: "{unit}"',
            f"    direction: {direction}",
            f"    baseline: {{year: {BASELINE_YEAR}, value: {x0}}}",
            f"    target: {{year: {TARGET_YEAR}, value: {target}}}",
        ]
        if rolls_up_to is not None and unit in ("人", "家"):
            lines.append(f"    rolls_up_to: {{plan: {rolls_up_to}, indicator: {key}}}")
        series = []
        for step in range(1, YEARS + 1):
            value = x0 + (target - x0) * step / (TARGET_YEAR - BASELINE_YEAR) * 0.9
            value = round(value) if isinstance(x0, int) else round(value, 2)
            series.append(
                Actual(
                    year=BASELINE_YEAR + step,
                    value=value,
                    source=f"{BASELINE_YEAR + step}年度统计",
                    recorded=recorded,
                )
            )
        actuals[key] = tuple(series)
    (directory / "indicators.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    tasks = ["areas:"]
    for a in (1, 2, 3):
        tasks += [
            f"  - id: area-{a}",
            f"    number: {a}",
            f"    title: 领域{a}",
            f"    title_en: Area {a}",
        ]
    tasks.append("actions:")
    for j in range(1, 2 * count + 1):
        key = f"ind_{(j - 1) // 2 + 1:05d}"
        tasks += [
            f"  - id: action-{j}",
            f"    area: area-{j % 3 + 1}",
            f"    title: 行动{j}",
            f"    title_en: Action {j}",
            f"    measures: [举措{j}。]",
            f"    indicators: [{key}]",
            "    lead: null",
            "    due: null",
            "    status: not_started",
        ]
    (directory / "tasks.yaml").write_text("\n".join(tasks) + "\n", encoding="utf-8")
    for key, series_of_key in actuals.items():  # one record file per indicator-year
        (directory / ACTUALS.name / key).mkdir(parents=True)
        for actual in series_of_key:
            path = directory / ACTUALS.relative(key, str(actual.year))
            path.write_text(dump_actual(actual), encoding="utf-8")
    write_workplans(directory, count)
    return "ind_00005"  # counted in 人


def write_workplans(directory: Path, count: int) -> None:
    """A work plan a year, an item for every tenth action, each with four quarterly milestones."""
    (directory / "workplans").mkdir()
    for year in range(BASELINE_YEAR + 1, BASELINE_YEAR + YEARS + 1):
        lines = [
            "workplan:",
            f"  year: {year}",
            f"  title: {year}年工作计划",
            "  issuer: 基准测试",
            f"  issued: {year}-03-01",
            "items:",
        ]
        for j in range(1, 2 * count + 1, 10):
            lines += [
                f"  - id: y{year}-{j}",
                f"    actions: [action-{j}]",
                f"    measure: 措施{j}",
                "    content:",
                f"      - text: 开展培训{j % 7 + 1}次",
                f"        quantity: {{target: {j % 7 + 1}, unit: 次}}",
                "    schedule:",
                *(f"      - period: {year}Q{q}" for q in (1, 2, 3, 4)),
                f"    lead: 部门{j % 5 + 1}",
            ]
        path = directory / "workplans" / f"{year}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


PROVINCES = 31


def synthetic_workspace(directory: Path, members: int = PROVINCES, count: int = 36) -> Path:
    """A workspace of a national plan and ``members`` provincial plans (31: the country's),
    each of ``count`` indicators with ten recorded years and a work plan a year, the provinces'
    counts rolling up into the national ones; returns its ipplan.yaml.
    """
    entries = ["plans:", "  - name: national", "    directory: national"]
    synthetic_plan(directory / "national", count, title="全国计划")
    for i in range(1, members + 1):
        name = f"p{i:02d}"
        synthetic_plan(directory / "provinces" / name, count, rolls_up_to="national")
        entries += [f"  - name: {name}", f"    directory: provinces/{name}", "    parent: national"]
    workspace = directory / "ipplan.yaml"
    workspace.write_text("\n".join(entries) + "\n", encoding="utf-8")
    return workspace


def shipped_plan(directory: Path) -> str:
    """The shipped plan, with the figures published so far."""
    shutil.copytree(REPO / "data", directory)
    return "practitioners"


# The cache of the plans timed here, apart from the user's; made by ipplan, removed at the end.
CACHE = Path(tempfile.gettempdir()) / f"ipplan-bench-cache-{os.getpid()}"


def empty_cache() -> None:
    shutil.rmtree(CACHE, ignore_errors=True)


def run(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Run ``command`` once (in ``cwd``); its wall time in seconds and peak memory in MB."""
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "IPPLAN_CACHE_DIR": str(CACHE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("IPPLAN_CACHE", None)
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read() if process.stderr else b""
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def median_of(
    command: list[str],
    runs: int,
    before: Callable[[], None] | None = None,
    cwd: Path | None = None,
) -> tuple[float, float]:
    """The median of ``command`` over ``runs`` runs after an untimed one, and its peak memory."""
    median, _, peak = paired(command, runs, before, cwd, beside=None)
    return median, peak


def paired(
    command: list[str],
    runs: int,
    before: Callable[[], None] | None = None,
    cwd: Path | None = None,
    beside: list[str] | None = FLOOR,
) -> tuple[float, float, float]:
    """The median of ``command``, and of ``beside`` (the floor) run in turn with it, and the
    command's peak memory: a machine that slows down or speeds up during a benchmark (other
    work on it) then moves both alike, and the ratio stays true."""
    times, floors, peaks = [], [], []
    for i in range(runs + 1):
        floor = run(beside)[0] if beside is not None else 0.0
        if before is not None:
            before()
        elapsed, peak = run(command, cwd)
        if i:  # the first run warms the disk cache and is not counted
            times.append(elapsed)
            floors.append(floor)
            peaks.append(peak)
    return statistics.median(times), statistics.median(floors), max(peaks)


def available() -> set[str]:
    """The commands this ipplan has, so that one benchmark script serves every version."""
    listing = subprocess.run([IPPLAN, "--help"], capture_output=True, text=True, check=True)
    return {line.split()[0] for line in listing.stdout.splitlines() if line.startswith("  ")}


def bench(label: str, plan: Path, key: str, runs: int, only: set[str]) -> list[Timing]:
    # a year that has ended and holds no figure yet (a year not ended is refused)
    year = "2025" if label == "shipped" else str(BASELINE_YEAR + YEARS + 1)
    written = plan / ACTUALS.relative(key, year)

    def restore() -> None:  # every timed record writes a value not yet there
        written.unlink(missing_ok=True)

    data = ["--data", str(plan)]
    undo = [IPPLAN, "undo", *data]
    workplan_year = "2022" if label == "shipped" else str(BASELINE_YEAR + YEARS)
    commands = {
        "--help": [IPPLAN, "--help"],
        "status": [IPPLAN, "status", *data],
        "validate": [IPPLAN, "validate", *data],
        "show": [IPPLAN, "show", key, *data],
        "record": [IPPLAN, "record", year, key, "36000" if label == "shipped" else "29000", *data],
        # a record right after another: the files just written, the cache as that write left it
        "record again": [
            *[IPPLAN, "record", year, key, "36500" if label == "shipped" else "29500"],
            *["--force", *data],
        ],
        "tasks": [IPPLAN, "tasks", *data],
        "workplan": [IPPLAN, "workplan", workplan_year, *data],
        "due": [IPPLAN, "due", *data],
    }
    have = available()
    results = []
    for cache in ("repeated", "first"):
        for name, command in commands.items():
            if name not in only or (name.split()[0] not in have and not name.startswith("-")):
                continue

            def before(name: str = name, cache: str = cache) -> None:
                if name == "record" and written.exists():
                    run(undo)  # through ipplan, as people take a value back: no file edited
                elif name == "record again":
                    restore()
                    run(commands["record"])
                if cache == "first":
                    empty_cache()

            median, floor, peak = paired(command, runs, before)
            if name.startswith("record"):  # the files as they were, so that the next command's are
                restore()  # unchanged since the runs before it, not seconds old:
                time.sleep(RACY_SECONDS)  # files changed this recently are read, never cached
            results.append(Timing(label, name, cache, median, median / floor, peak, runs, floor))
            shown = f"{median * 1000:8.1f} ms  {median / floor:5.2f}x  {peak:6.1f} MB"
            print(f"  {label:>8} {cache:<8} {name:<9} {shown}", flush=True)
    restore()
    return results


def bench_workspace(directory: Path, runs: int) -> list[Timing]:
    """Time the workspace's commands from its directory, as people run them there."""
    out = directory.parent / f"{directory.name}-site"
    commands = {
        "overview": [IPPLAN, "overview"],
        "status --plan": [IPPLAN, "status", "--plan", "p01"],
        "site": [IPPLAN, "site", str(out)],
    }
    results = []
    for cache in ("repeated", "first"):
        for name, command in commands.items():
            if name not in WORKSPACE_COMMANDS:
                continue
            before = empty_cache if cache == "first" else None
            median, floor, peak = paired(command, runs, before, cwd=directory)
            timing = Timing("workspace", name, cache, median, median / floor, peak, runs, floor)
            results.append(timing)
            shown = f"{median * 1000:8.1f} ms  {median / floor:5.2f}x  {peak:6.1f} MB"
            print(f"  workspace {cache:<8} {name:<13} {shown}", flush=True)
    return results


def growth_of(results: list[Timing]) -> list[str]:
    """How much longer each command takes on 10,000 indicators than on 1,000."""
    by = {(r.size, r.command, r.cache): r.median_s for r in results}
    lines = []
    for (size, command, cache), seconds in by.items():
        small = by.get(("1,000", command, cache))
        if size == "10,000" and small:
            lines.append(f"1,000 -> 10,000: {command} ({cache}) x{seconds / small:.1f}")
    return lines


def machine() -> dict[str, str | int | None]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model or platform.processor(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def table(results: list[Timing], floor: float) -> str:
    lines = [
        f"floor (import typer, pydantic, yaml, rich): {floor * 1000:.1f} ms",
        "",
        "| plan | command | cache | median | floor beside it | × floor | peak memory |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.size} | `{r.command}` | {r.cache} | {r.median_s * 1000:,.0f} ms | "
            f"{r.floor_s * 1000:.0f} ms | {r.ratio:.2f} | {r.peak_mb:.0f} MB |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        default="0,1000,10000,workspace",
        help="0 is the shipped plan; workspace, the 32 plans",
    )
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command")
    parser.add_argument(
        "--commands",
        default=",".join(COMMANDS),
        help=f"the commands timed on each plan, by name; also {', '.join(MORE)} (a record "
        "right after another)",
    )
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "results.json")
    parser.add_argument("--generate", nargs=2, metavar=("DIR", "COUNT"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--workspace",
        type=Path,
        metavar="DIR",
        help="only write a workspace of 32 plans (national and 31 provinces) into DIR",
    )
    args = parser.parse_args()
    if args.generate:
        print(synthetic_plan(Path(args.generate[0]), int(args.generate[1])))
        return
    if args.workspace:
        print(synthetic_workspace(args.workspace))
        return
    words = args.sizes.split(",")
    sizes = [int(word) for word in words if word != "workspace"]
    # as an installed package has it: byte code compiled once, not on every run
    compile_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src")], env=compile_env)

    results: list[Timing] = []
    with tempfile.TemporaryDirectory(prefix="ipplan-bench-") as tmp:
        floor, floor_peak = median_of(FLOOR, args.runs)
        print(f"floor {floor * 1000:.1f} ms, {floor_peak:.1f} MB")
        for size in sizes:
            label = "shipped" if size == 0 else f"{size:,}"
            plan = Path(tmp) / f"plan-{size}"
            if size == 0:
                key = shipped_plan(plan)
            else:  # in a child process, so that this one stays small: a fork would count it
                generate = [sys.executable, __file__, "--generate", str(plan), str(size)]
                key = subprocess.run(generate, check=True, capture_output=True, text=True).stdout
                key = key.strip()
            run([IPPLAN, "validate", "--data", str(plan)])  # every plan must be valid
            # files this fresh are never cached (ipplan.files.cache.identity.RACY_SECONDS)
            time.sleep(2.1)
            runs = args.runs if size < 10_000 else 1  # a run of every command takes seconds
            results += bench(label, plan, key, runs, set(args.commands.split(",")))
        if "workspace" in words:
            top = Path(tmp) / "workspace"
            subprocess.run(
                [sys.executable, __file__, "--workspace", str(top)],
                check=True,
                capture_output=True,
            )
            time.sleep(2.1)
            results += bench_workspace(top, args.runs)
        # the floor again, to see that the machine stayed as it was
        floor_after, _ = median_of(FLOOR, args.runs)

    print()
    print(table(results, floor))
    print(f"\nfloor at the end: {floor_after * 1000:.1f} ms")
    growth = growth_of(results)
    for line in growth:
        print(line)
    report = {
        "machine": machine(),
        "floor_s": floor,
        "floor_after_s": floor_after,
        "floor_peak_mb": floor_peak,
        "results": [asdict(r) for r in results],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    empty_cache()


if __name__ == "__main__":
    main()
