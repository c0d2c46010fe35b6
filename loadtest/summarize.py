#!/usr/bin/env python3
"""Prints the per-request statistics of a Gatling HTML report as a Markdown table.

Usage: summarize.py <report folder> [--all]
Frame sends ("...: send ...") and socket closes are left out unless --all is given: Gatling logs each
as a request of about 0 ms, which says nothing about the service.
"""
import html
import re
import sys

ROW = re.compile(r'<tr id="[^"]*"[^>]*>(.*?)</tr>', re.S)
NAME = re.compile(r'class="ellipsed-name">(.*?)</span>', re.S)
CELL = re.compile(r'<td class="value [a-z]+ col-(\d+)">([^<]*)</td>')
COLUMNS = [("requests", 2), ("KO", 4), ("per s", 6), ("p50 ms", 8), ("p95 ms", 10), ("p99 ms", 11), ("max ms", 12)]


def rows(report_html):
    for match in ROW.finditer(report_html):
        body = match.group(1)
        name = NAME.search(body)
        cells = dict((int(col), value.strip()) for col, value in CELL.findall(body))
        if name and cells:
            yield html.unescape(name.group(1).strip()), cells


def noise(name):
    return ": send " in name or name.endswith(": close")


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1].rstrip("/") + "/index.html", encoding="utf-8") as f:
        report = f.read()
    keep_all = "--all" in argv[2:]
    print("| request | " + " | ".join(c for c, _ in COLUMNS) + " |")
    print("|---|" + "---:|" * len(COLUMNS))
    for name, cells in rows(report):
        if keep_all or not noise(name):
            print("| " + name + " | " + " | ".join(cells.get(i, "") for _, i in COLUMNS) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
