# Installs the pxc component of the build into a fresh prefix, then configures, builds and runs
# the consumer project in consumer/ against that prefix only.
#   cmake -DBUILD_DIR=... -DWORK_DIR=... -DCONSUMER_DIR=... -DCXX_COMPILER=... -DGENERATOR=...
#         -DQT_PREFIX=... -DEXPECT_QT=ON|OFF -P InstallConsumerTest.cmake
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}")
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --component pxc --prefix "${prefix}")
# Only the installed prefix (and Qt's own) is searched: the consumer cannot see the source tree.
run("${CMAKE_COMMAND}" -S "${CONSUMER_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
  "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_PREFIX_PATH=${prefix};${QT_PREFIX}")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/pxc_consumer_core")
if(EXPECT_QT)
  run("${WORK_DIR}/build/pxc_consumer_qt")
endif()
