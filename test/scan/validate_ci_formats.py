#!/usr/bin/env python3
"""validate_ci_formats.py codeclimate|junit FILE: checks a report against what GitLab Code
Quality (an array of issues with check_name, description, severity, fingerprint and
location.path/lines.begin) or a JUnit consumer (well-formed XML, counts that add up) needs,
and prints one line per issue or test case for FileCheck. Exits 1 with the first violation."""
import json
import sys
import xml.etree.ElementTree as ET


def fail(message):
    print(f"invalid: {message}")
    sys.exit(1)


def codeclimate(path):
    issues = json.load(open(path, encoding="utf-8"))
    if not isinstance(issues, list):
        fail("not a JSON array")
    seen = set()
    for i, issue in enumerate(issues):
        for key in ("type", "check_name", "description", "severity", "fingerprint"):
            if not isinstance(issue.get(key), str) or not issue[key]:
                fail(f"issue {i}: {key} missing")
        if issue["severity"] not in ("info", "minor", "major", "critical", "blocker"):
            fail(f"issue {i}: severity {issue['severity']}")
        if issue["fingerprint"] in seen:
            fail(f"issue {i}: fingerprint not unique")
        seen.add(issue["fingerprint"])
        location = issue.get("location", {})
        begin = location.get("lines", {}).get("begin")
        if not isinstance(location.get("path"), str) or location["path"].startswith("/") \
                or not isinstance(begin, int) or begin < 1:
            fail(f"issue {i}: location needs a relative path and lines.begin >= 1")
        print(f"issue {issue['check_name']} {location['path']}:{begin} {issue['severity']}")
    print("valid codeclimate")


def junit(path):
    root = ET.parse(path).getroot()
    if root.tag != "testsuites":
        fail("root is not <testsuites>")
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        failures = [c for c in cases if c.find("failure") is not None]
        if int(suite.get("tests")) != len(cases) or int(suite.get("failures")) != len(failures):
            fail(f"testsuite {suite.get('name')}: counts do not add up")
        for case in cases:
            failure = case.find("failure")
            state = "failed" if failure is not None else "passed"
            print(f"testcase {case.get('classname')} {case.get('name')} {state}")
            if failure is not None:
                for line in failure.text.splitlines():
                    print(f"  {line}")
    print("valid junit")


if __name__ == "__main__":
    {"codeclimate": codeclimate, "junit": junit}[sys.argv[1]](sys.argv[2])
