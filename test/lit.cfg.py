# lit configuration for the pixmapcache-tidy suites (checks/, plugin/).
import os
import sys

import lit.formats

sys.path.insert(0, os.path.dirname(__file__))
import qt_source_tree  # noqa: E402

config.name = "pixmapcache-tidy"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "lib", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)

# How the inputs get Qt's headers (`--param qt_headers=...`): `system`, as CMake's imported Qt
# targets pass them (-isystem, the default); `I`, as qmake and many hand-written builds do; or
# `source`, as Qt's own build includes them (test/qt_source_tree.py). The checks must find the same in every mode; a test whose findings must differ says why
# and uses the feature qt-headers-<mode>.
qt_headers = lit_config.params.get("qt_headers", "system")
qt_tree = os.path.join(config.pixmapcache_binary_dir, "test-qt-source-tree")
qt_tree_flags = qt_source_tree.make_tree(config.qt_flags, qt_tree)
if qt_headers == "I":
    config.qt_flags = config.qt_flags.replace("-isystem ", "-I")
elif qt_headers == "source":
    config.qt_flags = qt_tree_flags
elif qt_headers != "system":
    lit_config.fatal(f"qt_headers={qt_headers}: say system, I or source")
config.available_features.add(f"qt-headers-{qt_headers}")
# Each mode writes its outputs apart, so that all can run at once.
config.test_exec_root = os.path.join(
    config.pixmapcache_binary_dir, "test" if qt_headers == "system" else f"test-qt-headers-{qt_headers}")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
# Diagnostics must not depend on the user's terminal or locale.
config.environment["LC_ALL"] = "C"

pxc_include = os.path.join(config.pixmapcache_source_dir, "lib", "include")
check_tidy = os.path.join(config.pixmapcache_source_dir, "test", "check_tidy.py")

config.substitutions += [
    ("%check_tidy", f"{config.python} {check_tidy} --clang-tidy={config.clang_tidy} "
                    f"--plugin={config.plugin} --filecheck={config.filecheck}"),
    ("%clang_tidy", config.clang_tidy),
    ("%clang_apply_replacements", config.clang_apply_replacements),
    ("%plugin", config.plugin),
    ("%pixmapcache_clangd", config.pixmapcache_clangd),
    ("%pixmapcache_scan", config.pixmapcache_scan),
    # A copy of a scanner test project with a compile_commands.json for this build.
    ("%make_scan_project", f"{config.python} "
                           f"{os.path.join(config.pixmapcache_source_dir, 'test', 'scan', 'make_project.py')} "
                           f"--cxx={config.cxx_compiler} --qt-flags='{config.qt_flags}'"),
    # The Qt flags as --flag arguments of lsp_session.py (one compile_flags.txt line each).
    ("%qt_lsp_flags", " ".join(f"--flag={flag}" for flag in
                               ["-std=c++17"] + config.qt_flags.replace("-isystem ", "-isystem").split())),
    ("%fake_host_18", config.fake_host_18),
    ("%clangxx", config.cxx_compiler),
    ("%clangc", config.c_compiler),
    ("%qt_flags", config.qt_flags),
    # Qt's headers as a source file of Qt's own includes its module's: %qt_source_tree/src/core.
    ("%qt_source_tree", qt_tree),
    ("%pxc_include", pxc_include),
    ("%llvm_major", config.llvm_version_major),
    ("%python", config.python),
    ("%llvm_lib_dir", os.path.join(config.llvm_tools_dir, "..", "lib")),
]
