"""Qt's headers laid out as Qt's own build includes them, for the suites' third mode.

Qt's own build includes <QtGui/qpixmap.h> from a generated include/QtGui/ whose q*.h headers
only include the real ones in src/gui/: those are neither system headers nor installed Qt
headers, and only that include directory says they are Qt's. make_tree() mirrors the installed module directories that
way (src/ holds copies of the installed files, so that no fix-it can reach the installed ones;
include/ the forwarding headers) and returns the compiler flags that use it in place of the
installed directories.
"""
import os
import re
import shutil
import tempfile


def module_source_dir(module):
    """src/ names a module's sources in lower case without Qt: QtGui -> gui."""
    return module[2:].lower()


def make_tree(qt_flags, root):
    """The flags `qt_flags` with each installed Qt include directory replaced by its mirror
    under `root`, made by the first caller. Runs that start together (one lit run per mode)
    each build a copy; the first to finish puts its copy in place."""
    args = qt_flags.replace("-isystem ", "-isystem\0").split()
    dirs = [a.split("\0", 1)[1] for a in args if a.startswith("-isystem\0")]
    top = min(dirs, key=len)  # .../qt6, the parent of the module directories
    if not os.path.isdir(root):
        building = tempfile.mkdtemp(prefix=os.path.basename(root) + ".",
                                    dir=os.path.dirname(root))
        # Every module, also those only reached through the parent (<QtWidgets/QLabel>).
        for module in os.listdir(top):
            if re.fullmatch(r"Qt[A-Z][A-Za-z0-9]*", module):
                mirror_module(os.path.join(top, module), os.path.join(building, "include", module),
                              os.path.join(building, "src", module_source_dir(module)), root,
                              building)
        try:
            os.rename(building, root)
        except OSError:
            shutil.rmtree(building)  # another run was faster
    flags = [a for a in args if not a.startswith("-isystem\0")]
    flags += ["-I" + os.path.normpath(os.path.join(root, "include", os.path.relpath(d, top)))
              for d in dirs]
    return " ".join(flags)


def mirror_module(installed, include, src, root, building):
    """Mirrors one module's directory into `building`, which becomes `root`."""
    for directory, _, files in os.walk(installed):
        relative = os.path.relpath(directory, installed)
        os.makedirs(os.path.join(include, relative), exist_ok=True)
        os.makedirs(os.path.join(src, relative), exist_ok=True)
        for name in files:
            if not name.endswith(".h"):
                # <QString> and the like include "qstring.h" from their own directory.
                shutil.copyfile(os.path.join(directory, name), os.path.join(include, relative, name))
                continue
            source = os.path.normpath(os.path.join(src, relative, name))
            shutil.copyfile(os.path.join(directory, name), source)
            final_source = os.path.join(root, os.path.relpath(source, building))
            with open(os.path.join(include, relative, name), "w") as out:
                out.write(f'#include "{final_source}"\n')
