#!/usr/bin/env python3
"""run_pre_commit_hook.py HOOKS_YAML FILE...: runs the first hook of a .pre-commit-hooks.yaml
as pre-commit does (entry, then args, then the files that its `files` regex keeps), without
pre-commit itself. Reads the few keys it needs with a regex, so that no YAML module is needed."""
import re
import shlex
import subprocess
import sys


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    entry = re.search(r"^\s*entry:\s*(.+)$", text, re.M).group(1)
    args = re.search(r"^\s*args:\s*\[(.*)\]$", text, re.M).group(1)
    files = re.search(r"^\s*files:\s*'(.+)'$", text, re.M).group(1)
    pattern = re.compile(files)
    command = shlex.split(entry) + [a.strip() for a in args.split(",")]
    command += [f for f in sys.argv[2:] if pattern.search(f)]
    print("running: " + " ".join(command), flush=True)
    sys.exit(subprocess.run(command).returncode)


if __name__ == "__main__":
    main()
