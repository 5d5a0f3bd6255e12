#!/usr/bin/env python3
"""Prints the findings of a pixmapcache-scan SARIF file one a line, for triage:
file:line:column check message (sorted; compile errors included, as clang-diagnostic-error)."""

import json
import sys


def main():
    with open(sys.argv[1]) as f:
        sarif = json.load(f)
    lines = []
    for run in sarif["runs"]:
        for result in run.get("results", []):
            where = result["locations"][0]["physicalLocation"] if result.get("locations") else {}
            uri = where.get("artifactLocation", {}).get("uri", "?")
            region = where.get("region", {})
            lines.append((uri, region.get("startLine", 0), region.get("startColumn", 0),
                          result.get("ruleId", "?"), result["message"]["text"]))
    for uri, line, column, rule, message in sorted(lines):
        print(f"{uri}:{line}:{column} {rule} {message}")


if __name__ == "__main__":
    main()
