#!/usr/bin/env python3
"""Drives one real LSP session with a clangd over stdio and prints what an editor would show.

Usage (from a lit RUN line):
  lsp_session.py --clangd BIN --work DIR --source FILE [--flag F ...] [--hover LINE:COL]
                 [--break-line LINE]

The session: initialize; didOpen of FILE (copied into DIR, next to a .clang-tidy enabling
pixmapcache-* and a compile_flags.txt with the --flag values); the diagnostics clangd
publishes; the code actions offered for each pixmapcache-* diagnostic; the first quick fix
applied as an editor would and sent back with didChange; the diagnostics after the fix; then
didChange with LINE (of the fixed text) cut in half, as if half-typed, and the diagnostics of
that; shutdown and exit. The optional hover and the list of refactorings (clangd's tweaks)
are asked on the opened text. Positions are printed 1-based, as in compiler messages.
"""

import argparse
import json
import os
import queue
import shutil
import subprocess
import sys
import threading

TIMEOUT_SECONDS = 120


class Session:
    def __init__(self, command, cwd):
        self.process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        request_id = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == request_id and "method" not in m)["result"]

    def wait(self, wanted):
        while True:
            try:
                message = self.messages.get(timeout=TIMEOUT_SECONDS)
            except queue.Empty:
                sys.exit(f"lsp_session: no answer from clangd within {TIMEOUT_SECONDS}s")
            if message is None:
                sys.exit(f"lsp_session: clangd exited with {self.process.wait()}")
            if "method" in message and "id" in message:
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                continue
            if wanted(message):
                return message

    def diagnostics(self, uri, version):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri
                         and m["params"].get("version") == version)["params"]["diagnostics"]


def position(pos):
    return f"{pos['line'] + 1}:{pos['character'] + 1}"


def print_diagnostics(title, diagnostics):
    print(f"diagnostics {title}:")
    for d in diagnostics:
        if d.get("source") == "clang-tidy" or d.get("severity") == 1:
            message = d["message"].split("\n")[0]
            print(f"  {position(d['range']['start'])}-{position(d['range']['end'])} "
                  f"[{d.get('code', '')}] {message}")
    print("end")


def apply_edits(text, edits):
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def offset(pos):
        return offsets[pos["line"]] + pos["character"]

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--flag", action="append", default=[])
    parser.add_argument("--break-line", type=int)
    parser.add_argument("--hover")
    parser.add_argument("--refactor-at", help="LINE:COL where to list clangd's refactorings")
    args = parser.parse_args()

    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    path = os.path.join(args.work, os.path.basename(args.source))
    shutil.copyfile(args.source, path)
    with open(os.path.join(args.work, ".clang-tidy"), "w") as f:
        f.write("Checks: '-*,pixmapcache-*'\n")
    with open(os.path.join(args.work, "compile_flags.txt"), "w") as f:
        f.write("\n".join(args.flag) + "\n")
    with open(path) as f:
        text = f.read()
    uri = "file://" + os.path.abspath(path)

    session = Session([args.clangd, "--clang-tidy", "--log=error", "--background-index=false"],
                      args.work)
    session.request("initialize", {
        "processId": os.getpid(), "rootUri": "file://" + os.path.abspath(args.work),
        "capabilities": {"textDocument": {
            "publishDiagnostics": {"relatedInformation": True},
            "codeAction": {"codeActionLiteralSupport": {
                "codeActionKind": {"valueSet": ["quickfix", "refactor"]}}}}}})
    session.notify("initialized", {})
    version = 1
    session.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "cpp", "version": version, "text": text}})
    diagnostics = session.diagnostics(uri, version)
    print_diagnostics("after didOpen", diagnostics)

    if args.hover:
        line, column = (int(n) - 1 for n in args.hover.split(":"))
        hover = session.request("textDocument/hover", {
            "textDocument": {"uri": uri}, "position": {"line": line, "character": column}})
        print("hover:", (hover or {}).get("contents", {}).get("value", "").split("\n")[0])

    if args.refactor_at:
        line, column = (int(n) - 1 for n in args.refactor_at.split(":"))
        here = {"line": line, "character": column}
        actions = session.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": {"start": here, "end": here},
            "context": {"diagnostics": [], "only": ["refactor"]}})
        print(f"refactorings at {args.refactor_at}:")
        for action in actions or []:
            print(f"  {action.get('kind')}: {action['title']}")
        print("end")

    first_fix = None
    for d in diagnostics:
        if not str(d.get("code", "")).startswith("pixmapcache-"):
            continue
        actions = session.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": d["range"],
            "context": {"diagnostics": [d], "only": ["quickfix"]}})
        print(f"code actions at {position(d['range']['start'])}:")
        for action in actions or []:
            print(f"  {action.get('kind')}: {action['title']}")
            edits = action.get("edit", {}).get("changes", {}).get(uri)
            if edits and first_fix is None:
                first_fix = edits
        print("end")

    if first_fix:
        text = apply_edits(text, first_fix)
        version += 1
        session.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]})
        print("after applying the first quick fix:")
        for number, line in enumerate(text.split("\n"), 1):
            if "pxc" in line:
                print(f"  {number}: {line.strip()}")
        print_diagnostics("after the fix", session.diagnostics(uri, version))

    if args.break_line:
        lines = text.split("\n")
        broken = lines[args.break_line - 1]
        lines[args.break_line - 1] = broken[:len(broken) // 2]
        version += 1
        session.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": "\n".join(lines)}]})
        print_diagnostics(f"with line {args.break_line} half-typed",
                          session.diagnostics(uri, version))

    session.request("shutdown", None)
    session.notify("exit", None)
    print("exit code:", session.process.wait(timeout=TIMEOUT_SECONDS))


if __name__ == "__main__":
    main()
