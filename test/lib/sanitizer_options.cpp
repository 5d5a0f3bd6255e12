// Default options of the sanitizer runtimes for the sanitized test binaries, compiled in so
// that every way of running them (ctest, by hand, gtest discovery) behaves the same.
// The realloc tests ask for impossible sizes on purpose: they must see null, not an abort.
extern "C" const char *__asan_default_options() {
  return "allocator_may_return_null=1:detect_leaks=1:strict_string_checks=1";
}
extern "C" const char *__ubsan_default_options() { return "print_stacktrace=1"; }
extern "C" const char *__tsan_default_options() {
  return "halt_on_error=1:second_deadlock_stack=1";
}
