#!/usr/bin/env python3
"""check_ci_recipes.py github|gitlab RECIPE SAMPLE WORK DEB: runs the shell commands of a CI
recipe of docs/ci/ as the runner would, in order, on a copy of the SAMPLE project, with
PIXMAPCACHE_DEB set to the .deb that cpack made (DEB), and prints each command's exit code.

Nothing is installed on this machine: `apt-get` is a stand-in that unpacks a .deb into
WORK/root (whose usr/bin comes first on PATH) and, for any other package, requires that it is
installed here already, so that a package the recipe names but Debian lacks is an error.
`uses:` steps (GitHub's actions) are listed, not run. The recipe files are read with a small
indentation-based reader: only the keys the recipes use."""
import os
import re
import shutil
import subprocess
import sys

APT_GET = r"""#!/bin/sh
# apt-get stand-in of check_ci_recipes.py.
set -eu
case "$1" in
  update) exit 0 ;;
  install) shift ;;
  *) echo "apt-get stand-in: unexpected: $*" >&2; exit 2 ;;
esac
for arg do
  case "$arg" in
    -*) ;;
    *.deb) dpkg-deb -x "$arg" "$PIXMAPCACHE_TEST_ROOT" ;;
    *) dpkg-query -W -f='${Status}' "$arg" 2>/dev/null | grep -q 'install ok installed' ||
         { echo "apt-get stand-in: package $arg is not installed here" >&2; exit 100; } ;;
  esac
done
"""


def github_steps(text):
    """The steps of the first job: ('run', command) or ('uses', action)."""
    steps = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        run = re.match(r"^(\s*)(?:- )?run: (.*)$", line)
        uses = re.match(r"^\s*(?:- )?uses: (.*)$", line)
        if run and run.group(2).strip() == "|":
            indent = None
            block = []
            i += 1
            while i < len(lines) and (not lines[i].strip() or indent is None or
                                      lines[i].startswith(" " * indent)):
                if lines[i].strip() and indent is None:
                    indent = len(lines[i]) - len(lines[i].lstrip())
                block.append(lines[i][indent or 0:])
                i += 1
            steps.append(("run", "\n".join(block).strip() + "\n"))
            continue
        if run:
            steps.append(("run", run.group(2).strip() + "\n"))
        elif uses:
            steps.append(("uses", uses.group(1).strip()))
        i += 1
    return steps


def gitlab_steps(text):
    """The script lines of the first job, one command each, as GitLab runs them."""
    lines = text.splitlines()
    start = next(i for i, l in enumerate(lines) if re.match(r"^\s+script:\s*$", l))
    steps = []
    for line in lines[start + 1:]:
        item = re.match(r"^\s+- (.*)$", line)
        if not item:
            break
        steps.append(("run", item.group(1) + "\n"))
    return steps


def main():
    kind, recipe, sample, work, deb = sys.argv[1:6]
    text = open(recipe, encoding="utf-8").read()
    steps = github_steps(text) if kind == "github" else gitlab_steps(text)
    shutil.rmtree(work, ignore_errors=True)
    project, root, shims = (os.path.join(work, d) for d in ("project", "root", "shims"))
    shutil.copytree(sample, project)
    os.makedirs(root)
    os.makedirs(shims)
    with open(os.path.join(shims, "apt-get"), "w") as f:
        f.write(APT_GET)
    os.chmod(os.path.join(shims, "apt-get"), 0o755)
    env = dict(os.environ, PIXMAPCACHE_DEB=deb, PIXMAPCACHE_TEST_ROOT=root,
               PATH=os.pathsep.join([os.path.join(root, "usr", "bin"), shims,
                                     os.environ["PATH"]]))
    # GitLab runs the script in one shell, so variables carry from one line to the next.
    script = "".join(command for what, command in steps if what == "run")
    for n, (what, command) in enumerate(steps, 1):
        if what == "uses":
            print(f"step {n}: uses {command}: not run here", flush=True)
            continue
        if kind == "gitlab":
            continue
        print(f"step {n}: run {command.splitlines()[0]}", flush=True)
        result = subprocess.run(["sh", "-e", "-c", command], cwd=project, env=env)
        print(f"step {n}: exit {result.returncode}", flush=True)
    if kind == "gitlab":
        # GitLab stops at the first failing line and reports its exit code.
        result = subprocess.run(["sh", "-e", "-c", script], cwd=project, env=env)
        print(f"script: exit {result.returncode}", flush=True)


if __name__ == "__main__":
    main()
