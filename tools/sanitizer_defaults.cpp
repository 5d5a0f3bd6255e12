// Default options of the sanitizer runtime for the sanitized front ends (built with
// -DPIXMAPCACHE_SANITIZE=address,...), compiled in so that the tests and a user running them
// by hand get the same behaviour.
//
// allow_user_poisoning=0: LLVM's BumpPtrAllocator poisons its slabs in instrumented code and
// unpoisons what it hands out, but the Debian LLVM archives linked into these binaries are
// not instrumented, so their inline copies of the allocator never unpoison. The linker keeps
// one copy of each inline function, mixing the two, and ASan then reports LLVM's own correct
// allocations as use-after-poison. Without user poisoning ASan still checks every heap
// allocation, stack and global of ours.
extern "C" const char *__asan_default_options() { return "allow_user_poisoning=0"; }
