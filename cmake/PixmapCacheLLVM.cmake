# Finds LLVM/Clang and defines `pixmapcache_llvm`, an interface target that carries LLVM's
# include paths, definitions and RTTI/exception settings. Only code that includes clang
# headers links it; `lib/` keeps the normal flags.

set(PIXMAPCACHE_SUPPORTED_LLVM_MAJORS 19)

# LLVMConfigVersion.cmake only accepts "19.1"-style requests, so find without a version and
# check the major ourselves to give a message that says what to do.
find_package(LLVM CONFIG REQUIRED HINTS /usr/lib/llvm-19/lib/cmake/llvm)
if(NOT LLVM_VERSION_MAJOR IN_LIST PIXMAPCACHE_SUPPORTED_LLVM_MAJORS)
  message(FATAL_ERROR
    "pixmapcache-tidy supports LLVM ${PIXMAPCACHE_SUPPORTED_LLVM_MAJORS}, but LLVM_DIR=${LLVM_DIR} "
    "is LLVM ${LLVM_PACKAGE_VERSION}. Install clang-19 and libclang-19-dev, or point -DLLVM_DIR at "
    "<prefix>/lib/cmake/llvm of a supported LLVM.")
endif()
find_package(Clang CONFIG REQUIRED HINTS "${LLVM_DIR}/../clang")
message(STATUS "Using LLVM ${LLVM_PACKAGE_VERSION} from ${LLVM_DIR}")

if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR
    "The checks must be built with clang++ (found ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER}): "
    "clang-tidy-${LLVM_VERSION_MAJOR} does not load plugins built by g++. Install clang-${LLVM_VERSION_MAJOR} "
    "or configure with -DCMAKE_CXX_COMPILER=clang++-${LLVM_VERSION_MAJOR}.")
endif()

set(PIXMAPCACHE_LLVM_TOOLS_DIR "${LLVM_TOOLS_BINARY_DIR}")

add_library(pixmapcache_llvm INTERFACE)
target_include_directories(pixmapcache_llvm SYSTEM INTERFACE ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
separate_arguments(PIXMAPCACHE_LLVM_DEFINITIONS NATIVE_COMMAND "${LLVM_DEFINITIONS}")
target_compile_options(pixmapcache_llvm INTERFACE
  ${PIXMAPCACHE_LLVM_DEFINITIONS}
  $<$<NOT:$<BOOL:${LLVM_ENABLE_EH}>>:-fno-exceptions>
  $<$<NOT:$<BOOL:${LLVM_ENABLE_RTTI}>>:-fno-rtti>
  # Nothing of ours needs to be visible to the host: registration happens in static
  # initialisers, and hidden symbols cannot interpose on the host's clang symbols.
  -fvisibility=hidden -fvisibility-inlines-hidden)
