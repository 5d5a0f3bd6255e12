// main() of the Qt adapter tests: the tests run inside a real QGuiApplication, on the platform
// that QT_QPA_PLATFORM names (ctest sets "offscreen").
#include <QGuiApplication>

#include <gtest/gtest.h>

int main(int argc, char **argv) {
  ::testing::InitGoogleTest(&argc, argv);
  // ctest lists the tests before it sets the environment of a test run; listing needs no GUI.
  if (::testing::GTEST_FLAG(list_tests))
    return RUN_ALL_TESTS();
  QGuiApplication application(argc, argv);
  return RUN_ALL_TESTS();
}
