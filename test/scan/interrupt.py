#!/usr/bin/env python3
"""Runs a pixmapcache-scan command with stderr on a terminal, waits until its progress bar
shows --after units done, sends --signal (to the whole process group with --group, as a
terminal's Ctrl-C does, else to the scanner alone), and prints the scanner's stderr without
the progress bar, its exit status, and whether any of its processes outlived it."""
import argparse
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time

GIVE_UP_SECONDS = 600


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--after", type=int, required=True)
    parser.add_argument("--signal", choices=["INT", "TERM", "HUP"], required=True)
    parser.add_argument("--group", action="store_true")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    master, slave = pty.openpty()
    scanner = subprocess.Popen(command, stdin=subprocess.DEVNULL, stderr=slave,
                               start_new_session=True)
    os.close(slave)
    done = re.compile(rb"\] %d/\d+ files" % args.after)
    output, sent, deadline = b"", False, time.monotonic() + GIVE_UP_SECONDS
    while True:
        if time.monotonic() > deadline:
            os.killpg(scanner.pid, signal.SIGKILL)
            sys.exit("interrupt.py: the progress bar never showed the units done")
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal is gone: everyone has closed it
                chunk = b""
            if not chunk:
                break
            output += chunk
        if not sent and done.search(output):
            number = getattr(signal, "SIG" + args.signal)
            (os.killpg if args.group else os.kill)(scanner.pid, number)
            sent = True
    status = scanner.wait()
    try:
        os.killpg(scanner.pid, 0)
        left = "processes left behind"
    except ProcessLookupError:
        left = "no processes left"

    text = output.decode(errors="replace").replace("\r\n", "\n").replace("\033[K", "")
    for line in text.split("\n"):
        line = line.split("\r")[-1]
        if line.strip():
            print(line)
    print(f"exit={status}" if status >= 0 else f"killed by signal {-status}")
    print(left)


if __name__ == "__main__":
    main()
