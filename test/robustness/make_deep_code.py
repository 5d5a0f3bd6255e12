#!/usr/bin/env python3
"""Writes sources with very deep or very long constructs to DESTINATION, one per file:
  sum.cpp      a realloc whose size is a sum of 5000 terms (line 2)
  product.cpp  a cost that is a product of 5000 'int' factors (line 1)
  chain.cpp    a thread entry point that reaches QPixmapCache through 5000 calls
  nesting.cpp  a realloc'd pointer used 200 blocks deep (line 2)
  lambdas.cpp  QPixmapCache used 60 lambdas deep inside a thread's lambda (line 3)
  guards.cpp   one function of 2000 guarded products and reallocs (lines 4 to 2003)"""
import os
import sys


def main():
    destination = sys.argv[1]
    os.makedirs(destination, exist_ok=True)

    def write(name, text):
        with open(os.path.join(destination, name), "w", encoding="utf-8") as f:
            f.write(text)

    write("sum.cpp", "#include <cstdlib>\nvoid grow(char *p, int w) { p = static_cast<char *>(realloc(p, "
          + " + ".join(["w"] * 5000) + ")); p[0] = 0; }\n")
    write("product.cpp", "long long cost(int w) { return " + " * ".join(["w"] * 5000) + "; }\n")
    calls = 5000
    chain = "#include <QtGui/QPixmapCache>\n#include <thread>\n"
    chain += f"void f{calls}() {{ QPixmapCache::clear(); }}\n"
    chain += "".join(f"void f{i}() {{ f{i + 1}(); }}\n" for i in range(calls - 1, -1, -1))
    chain += "void start() { std::thread(f0).detach(); }\n"
    write("chain.cpp", chain)
    body = "p[0] = 1;"
    for depth in range(200):
        body = f"if (w > {depth}) {{ {body} }}"
    write("nesting.cpp", "#include <cstdlib>\nvoid grow(char *p, int w) { p = static_cast<char *>(realloc(p, w)); "
          + body + " }\n")
    body = "QPixmapCache::clear();"
    for _ in range(60):
        body = f"[&] {{ {body} }}();"
    write("guards.cpp", "#include <cstdlib>\nlong g(int w, int h, char *p) {\n  long total = 0;\n"
          + "".join(f"  if (w > {i}) {{ total += w * h + {i}; p = static_cast<char *>(realloc(p, w)); }}\n"
                    for i in range(2000))
          + "  return total;\n}\n")
    write("lambdas.cpp", "#include <QtGui/QPixmapCache>\n#include <thread>\n"
          f"void start() {{ std::thread([] {{ {body} }}).detach(); }}\n")


if __name__ == "__main__":
    main()
