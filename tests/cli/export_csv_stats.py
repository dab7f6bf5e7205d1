#!/usr/bin/env python3
"""The CSV export read by Python's csv module, checked against the stats JSON
of the same run: one header row with units in the names (time_us), rows with
increasing times, and a last row at the stats' end_time_us whose counters are
the stats' own.

    export_csv_stats.py KAFKASIM SCENARIO.yaml WORKDIR
"""
import csv
import json
import os
import subprocess
import sys

kafkasim, scenario, workdir = sys.argv[1:4]
os.makedirs(workdir, exist_ok=True)
stem = os.path.splitext(os.path.basename(scenario))[0]
csv_path = os.path.join(workdir, stem + ".export.csv")
stats_path = os.path.join(workdir, stem + ".export-stats.json")
subprocess.run([kafkasim, "run", "-q", scenario, "--export", "csv=" + csv_path, "--sample", "5ms",
                "--stats-json", stats_path], check=True)

with open(csv_path, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
with open(stats_path, encoding="utf-8") as f:
    stats = json.load(f)

header, body = rows[0], rows[1:]
assert header[0] == "time_us", header[:3]
assert body, "no rows"
times = [float(row[0]) for row in body]
assert all(a < b for a, b in zip(times, times[1:])), "time_us does not increase"
assert all(len(row) == len(header) for row in body), "a row with the wrong number of fields"
assert abs(times[-1] - float(stats["end_time_us"])) < 0.0005, (times[-1], stats["end_time_us"])

last = dict(zip(header, body[-1]))
compared = 0
for group in ("brokers", "producers", "consumers"):
    for actor, values in stats[group].items():
        for field, value in values.items():
            column = actor + "." + field
            if column not in last:
                continue
            if isinstance(value, bool):
                expected = "1" if value else "0"
            elif isinstance(value, int):
                expected = str(value)
            elif field == "topics":
                expected = str(len(value))
            elif field == "consumed":
                expected = str(len(value))
            else:
                continue
            assert last[column] == expected, (column, last[column], expected)
            compared += 1
assert compared >= 10, compared
print(f"{scenario}: {len(body)} rows, {compared} counters agree with the stats JSON")
