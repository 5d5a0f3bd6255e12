#!/usr/bin/env python3
"""Writes to DESTINATION a project whose names are no plain text: main.cpp includes a header
named caf\\xe9.h (Latin-1, not UTF-8) with an unchecked realloc, and col:on.cpp has one after
a comment with non-ASCII letters, so that its byte column and its code point column differ.
A compile_commands.json lists the two units."""
import json
import os
import shutil
import sys

REALLOC = (b"  Buffer = static_cast<char *>(realloc(Buffer, N));\n"
           b"  std::memset(Buffer, 0, N);\n  std::free(Buffer);\n}\n")


def main():
    destination = os.path.abspath(sys.argv[1])
    shutil.rmtree(destination, ignore_errors=True)
    os.makedirs(destination)

    def write(name, text):
        with open(os.path.join(os.fsencode(destination), name), "wb") as f:
            f.write(text)

    head = b"#include <cstdlib>\n#include <cstring>\n"
    write(b"caf\xe9.h", head + b"inline void grow(char *Buffer, std::size_t N) {\n" + REALLOC)
    write(b"main.cpp", b'#include "caf\xe9.h"\nint main() { grow(nullptr, 1); }\n')
    write(b"col:on.cpp", head + b"void grow(char *Buffer, std::size_t N) {\n"
          + REALLOC.replace(b"  Buffer =", "  /* \u00e9\u00e9 */ Buffer =".encode(), 1))
    entries = [{"directory": destination, "file": name,
                "arguments": ["c++", "-std=c++17", "-c", name]}
               for name in ("main.cpp", "col:on.cpp")]
    with open(os.path.join(destination, "compile_commands.json"), "w", encoding="utf-8") as f:
        json.dump(entries, f)


if __name__ == "__main__":
    main()
