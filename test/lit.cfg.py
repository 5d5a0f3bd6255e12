# lit configuration for the pixmapcache-tidy suites (checks/, plugin/).
import os
import lit.formats

config.name = "pixmapcache-tidy"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "lib", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.pixmapcache_binary_dir, "test")

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
    ("%pxc_include", pxc_include),
    ("%llvm_major", config.llvm_version_major),
    ("%python", config.python),
    ("%llvm_lib_dir", os.path.join(config.llvm_tools_dir, "..", "lib")),
]
