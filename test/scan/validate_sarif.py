#!/usr/bin/env python3
"""Checks a SARIF log against the properties the SARIF 2.1.0 schema requires (and those GitHub
code scanning relies on), without network or the jsonschema package, and prints one line per
result (rule, uri, line:column, fingerprint) for FileCheck. Exits 1 with the first violation."""
import json
import re
import sys


def fail(message):
    print(f"invalid SARIF: {message}")
    sys.exit(1)


def require(obj, key, kind, where):
    if not isinstance(obj, dict) or key not in obj or not isinstance(obj[key], kind):
        fail(f"{where}.{key} missing or not {kind.__name__}")
    return obj[key]


def message(obj, where):
    text = require(obj, "message", dict, where)
    if "text" not in text and "id" not in text:
        fail(f"{where}.message has neither text nor id")


def physical(loc, where, base_ids):
    artifact = require(require(loc, "physicalLocation", dict, where), "artifactLocation", dict,
                       f"{where}.physicalLocation")
    uri = require(artifact, "uri", str, f"{where}.artifactLocation")
    if "uriBaseId" in artifact and artifact["uriBaseId"] not in base_ids:
        fail(f"{where}: unknown uriBaseId {artifact['uriBaseId']}")
    if " " in uri:
        fail(f"{where}: uri not percent-encoded: {uri}")
    region = loc["physicalLocation"].get("region")
    if region is not None:
        for key in ("startLine", "startColumn"):
            if not isinstance(region.get(key), int) or region[key] < 1:
                fail(f"{where}.region.{key} must be an integer >= 1")
    return uri, region


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        log = json.load(f)
    if require(log, "version", str, "log") != "2.1.0":
        fail("version is not 2.1.0")
    for r, run in enumerate(require(log, "runs", list, "log")):
        where = f"runs[{r}]"
        driver = require(require(run, "tool", dict, where), "driver", dict, f"{where}.tool")
        require(driver, "name", str, f"{where}.tool.driver")
        rules = require(driver, "rules", list, f"{where}.tool.driver")
        ids = []
        for i, rule in enumerate(rules):
            rw = f"{where}.tool.driver.rules[{i}]"
            ids.append(require(rule, "id", str, rw))
            require(require(rule, "shortDescription", dict, rw), "text", str, rw)
            help_uri = require(rule, "helpUri", str, rw)
            if not re.match(r"https?://", help_uri):
                fail(f"{rw}.helpUri must be a public http(s) URL, not {help_uri}")
            help_text = require(rule, "help", dict, rw)
            require(help_text, "text", str, f"{rw}.help")
            markdown = require(help_text, "markdown", str, f"{rw}.help")
            if not markdown.startswith(f"# {rule['id']}\n"):
                fail(f"{rw}.help.markdown must be the check's page")
            properties = require(rule, "properties", dict, rw)
            tags = require(properties, "tags", list, rw)
            severity = require(properties, "security-severity", str, rw)
            if not re.fullmatch(r"\d+(\.\d)?", severity) or not 0 <= float(severity) <= 10:
                fail(f"{rw}.properties.security-severity must be a number from 0 to 10")
            precision = require(properties, "precision", str, rw)
            if precision not in ("very-high", "high", "medium", "low"):
                fail(f"{rw}.properties.precision is not one of code scanning's")
            cwes = [t for t in tags if t.startswith("external/cwe/cwe-")]
            print(f"rule {rule['id']} cwe={','.join(t.rsplit('-', 1)[1] for t in cwes)} "
                  f"help={help_uri.rsplit('/', 1)[1]} severity={severity} "
                  f"precision={precision}")
        base_ids = require(run, "originalUriBaseIds", dict, where)
        for name, base in base_ids.items():
            if not require(base, "uri", str, f"{where}.originalUriBaseIds.{name}").endswith("/"):
                fail(f"{where}.originalUriBaseIds.{name}.uri must end with /")
        for i, result in enumerate(require(run, "results", list, where)):
            rw = f"{where}.results[{i}]"
            message(result, rw)
            rule = require(result, "ruleId", str, rw)
            if rule not in ids or ids[result.get("ruleIndex", -1)] != rule:
                fail(f"{rw}: ruleId/ruleIndex do not name a rule of the driver")
            if result.get("level") not in ("none", "note", "warning", "error"):
                fail(f"{rw}.level invalid")
            locations = require(result, "locations", list, rw)
            uri, region = physical(locations[0], f"{rw}.locations[0]", base_ids)
            fingerprints = require(result, "partialFingerprints", dict, rw)
            for j, related in enumerate(result.get("relatedLocations", [])):
                message(related, f"{rw}.relatedLocations[{j}]")
                physical(related, f"{rw}.relatedLocations[{j}]", base_ids)
            print(f"result {rule} {uri}:{region['startLine']}:{region['startColumn']} "
                  f"related={len(result.get('relatedLocations', []))} "
                  f"fingerprints={','.join(sorted(fingerprints))}")
        for invocation in run.get("invocations", []):
            if not isinstance(invocation.get("executionSuccessful"), bool):
                fail(f"{where}.invocations[].executionSuccessful must be a boolean")
            for note in invocation.get("toolExecutionNotifications", []):
                message(note, f"{where}.invocations[].toolExecutionNotifications[]")
                print(f"notification {note['message']['text']}")
    print("valid SARIF 2.1.0")


if __name__ == "__main__":
    main()
