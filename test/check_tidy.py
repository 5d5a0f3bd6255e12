#!/usr/bin/env python3
"""Runs one pixmapcache check on a test file and verifies its diagnostics and fix-its.

Usage (from a lit RUN line):
  %check_tidy [--check-suffixes=A,B] INPUT CHECK TEMP [clang-tidy args...] [-- compiler args...]

The input holds its own expectations as comments:
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: text [check-name]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: text
  // CHECK-FIXES: the line as it reads after the fix-it
With --check-suffixes=X, the prefixes are CHECK-MESSAGES-X and CHECK-FIXES-X instead, so one
file can be checked under several builds (say, with and without exceptions).

Steps: the input is copied to TEMP plus its extension with the CHECK comments blanked out
(line numbers stay), clang-tidy runs with --fix on the copy, FileCheck matches the output
against CHECK-MESSAGES, where every warning, error and note must be expected, and the fixed
copy against CHECK-FIXES. A file without CHECK-FIXES must come out of --fix unchanged. The
fixed copy stays at TEMP plus extension so later RUN lines can compile and run it.
"""

import argparse
import os
import re
import subprocess
import sys

CHECK_COMMENT = re.compile(r"//\s*CHECK-(?:MESSAGES|FIXES)[A-Z0-9-]*:[^\r\n]*")


def fail(message):
    sys.stderr.write(f"check_tidy: {message}\n")
    sys.exit(1)


def run(command, **kwargs):
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kwargs)


def file_check(filecheck, input_text, check_file, prefixes, extra):
    result = run([filecheck, check_file, f"--check-prefixes={','.join(prefixes)}",
                  "--dump-input=fail"] + extra,
                 input=input_text)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        fail(f"FileCheck failed for {','.join(prefixes)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--check-suffixes", default="")
    parser.add_argument("input")
    parser.add_argument("check")
    parser.add_argument("temp")
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    args, tidy_args = parser.parse_known_args(argv[:split])
    compiler_args = argv[split + 1:]

    suffixes = [s for s in args.check_suffixes.split(",") if s]
    message_prefixes = [f"CHECK-MESSAGES-{s}" for s in suffixes] or ["CHECK-MESSAGES"]
    fix_prefixes = [f"CHECK-FIXES-{s}" for s in suffixes] or ["CHECK-FIXES"]

    with open(args.input, encoding="utf-8") as f:
        original = f.read()

    def mentions(prefixes):
        return any(re.search(rf"//\s*{re.escape(p)}:", original) for p in prefixes)

    cleaned = CHECK_COMMENT.sub("//", original)
    temp_file = args.temp + os.path.splitext(args.input)[1]
    os.makedirs(os.path.dirname(os.path.abspath(temp_file)), exist_ok=True)
    with open(temp_file, "w", encoding="utf-8") as f:
        f.write(cleaned)

    command = [args.clang_tidy, f"--load={args.plugin}", f"--checks=-*,{args.check}",
               "--fix", "--header-filter=.*", "--system-headers=false", temp_file
               ] + tidy_args + ["--"] + compiler_args
    tidy = run(command)
    # clang-tidy's own bookkeeping, not a diagnostic of the check.
    output = re.sub(r"[^\n]*note: FIX-IT applied suggested code changes\n", "", tidy.stdout)
    sys.stdout.write(" ".join(command) + "\n" + output + tidy.stderr)
    if tidy.returncode != 0:
        fail(f"clang-tidy exited with {tidy.returncode}:\n{tidy.stderr}")

    # The check may report nothing at all: then nothing may appear in the output.
    if mentions(message_prefixes):
        file_check(args.filecheck, output, args.input, message_prefixes,
                   ["--implicit-check-not={{warning|error|note}}:"])
    elif re.search(r"\b(warning|error|note):", output):
        fail("unexpected diagnostics in a file with no " + "/".join(message_prefixes))

    with open(temp_file, encoding="utf-8") as f:
        fixed = f.read()
    if mentions(fix_prefixes):
        file_check(args.filecheck, fixed, args.input, fix_prefixes, ["--strict-whitespace"])
    elif fixed != cleaned:
        fail("fix-its were applied but the file has no " + "/".join(fix_prefixes))


if __name__ == "__main__":
    main()
