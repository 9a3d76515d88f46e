#!/usr/bin/env python3
"""Compare two builds of pba on one command (issue 8's way of measuring a change).

The virtual machines pba is measured on drift by 5-10 % from one hour to the
next, more than most single changes gain. Two builds are therefore run
alternately, A B A B ..., on the same command and dataset, and the medians of
their user, system and wall times are compared; each round's outputs are
compared byte for byte with A's first ones (a change must not alter any).

Usage:
  python3 bench/ab.py OLD_BINARY NEW_BINARY [--rounds 8] [--size 100000]
                      [--command score|allocate|allocate-district|dli]

Binaries are paths, e.g. a copy of $CARGO_TARGET_DIR/release/pba made before a
change and the one built after it. The dataset is bench/data/<size>/ (make it
with bench/run.py first).
"""

import argparse
import filecmp
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))
import run  # noqa: E402  (bench/run.py: the datasets and policies)


def command(name: str, binary: str, data: pathlib.Path, out: pathlib.Path) -> list:
    scorecards = ["--scorecards", str(BENCH / "scorecards")]
    if name == "score":
        return [binary, "score", "--data", str(data), "--year", str(run.FISCAL_YEAR),
                "--out", str(out)] + scorecards
    if name in ("allocate", "allocate-district"):
        policy = (BENCH / "policies" / "national.toml" if name == "allocate"
                  else run.per_district_policy(data / "districts.csv"))
        return [binary, "allocate", "--data", str(data), "--policy", str(policy),
                "--out", str(out)] + scorecards
    if name == "dli":
        lists = out.parent / "lists"
        if not (lists / "pba-list.csv").exists():
            subprocess.run(command("allocate", binary, data, lists), check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return [binary, "dli", "--data", str(data), "--year", str(run.PBA_YEAR),
                "--pba-list", str(lists / "pba-list.csv"), "--out", str(out)] + scorecards
    raise SystemExit(f"unknown command `{name}`")


def timed(argv: list) -> tuple:
    """(wall s, user s, system s, peak MB) of one run under /usr/bin/time."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] + argv,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(argv)}\n{result.stderr}")
    wall, user, system, peak = result.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user), float(system), int(peak) / 1024


def same_outputs(left: pathlib.Path, right: pathlib.Path) -> bool:
    comparison = filecmp.dircmp(left, right)
    names = comparison.common_files
    _, mismatch, errors = filecmp.cmpfiles(left, right, names, shallow=False)
    return not (comparison.left_only or comparison.right_only or mismatch or errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--command", default="allocate",
                        choices=["score", "allocate", "allocate-district", "dli"])
    arguments = parser.parse_args()
    data = BENCH / "data" / str(arguments.size)
    if not (data / "assessment_values.csv").exists():
        raise SystemExit(f"no dataset in {data}: run `python3 bench/run.py --sizes {arguments.size}` first")

    work = pathlib.Path(tempfile.mkdtemp(prefix="pba-ab-"))
    try:
        # Copies, both made the same way: a binary as the linker wrote it
        # runs slower than a copy of it (see `copy_binary` in run.py).
        binaries = {label: run.copy_binary(getattr(arguments, label), work / f"pba-{label}")
                    for label in ("old", "new")}
        reference = work / "reference"
        times = {"old": [], "new": []}
        identical = True
        for _ in range(arguments.rounds):
            for label, binary in binaries.items():
                out = work / label / "out"
                shutil.rmtree(out, ignore_errors=True)
                times[label].append(timed(command(arguments.command, binary, data, out)))
                if not reference.exists():
                    shutil.copytree(out, reference)
                elif not same_outputs(reference, out):
                    identical = False
        print(f"{arguments.command} at {arguments.size:,} facilities, {arguments.rounds} rounds, medians:")
        print(f"{'':5} {'wall s':>8} {'user s':>8} {'sys s':>8} {'peak MB':>8}")
        medians = {}
        for label in ("old", "new"):
            columns = list(zip(*times[label]))
            medians[label] = [statistics.median(column) for column in columns]
            wall, user, system, peak = medians[label]
            print(f"{label:5} {wall:8.3f} {user:8.2f} {system:8.2f} {max(columns[3]):8.0f}")
        change = [100 * (new / old - 1) for old, new in zip(medians["old"], medians["new"]) if old]
        print(f"{'new':5} {change[0]:+7.1f}% {change[1]:+7.1f}% {change[2]:+7.1f}%")
        print("user times, sorted:")
        for label in ("old", "new"):
            print(f"  {label}: " + " ".join(f"{run[1]:.2f}" for run in sorted(times[label], key=lambda run: run[1])))
        print("outputs: " + ("byte-identical in every round" if identical else "DIFFERENT"))
        if not identical:
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
