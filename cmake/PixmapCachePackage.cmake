# `cpack -G DEB` in the build directory: one .deb with the clang-tidy plugin, pixmapcache-clangd,
# pixmapcache-scan, the pxc library (headers, static libraries, CMake package) and the
# documentation, so that a CI image or a developer installs one file (README: "Install").
include(GNUInstallDirs)

install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/"
  DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/pixmapcache-tidy" COMPONENT docs
  PATTERN "examples" EXCLUDE)
install(FILES "${PROJECT_SOURCE_DIR}/README.md" "${PROJECT_SOURCE_DIR}/.pre-commit-hooks.yaml"
  DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/pixmapcache-tidy" COMPONENT docs)

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "pixmapcache-tidy")
set(CPACK_PACKAGE_VENDOR "pixmapcache-tidy")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "clang-tidy checks, clangd and a whole-project scanner for Qt pixmap caches")
set(CPACK_PACKAGE_CONTACT "pixmapcache-tidy maintainers <maintainers@pixmapcache-tidy.invalid>")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
# The binaries are built with debug information for the tests; the package needs none.
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
# The shared libraries the binaries link (libclang-cpp19, gRPC, Qt for none), found by
# dpkg-shlibdeps; the plugin is loaded by clang-tidy 19, which the package needs besides.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "clang-tidy-19")
set(CPACK_DEBIAN_COMPRESSION_TYPE "gzip")
include(CPack)
