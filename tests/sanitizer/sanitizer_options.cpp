// Default runtime options for the sanitized build (-DGAPMAP_SANITIZE=ON, cmake/sanitizers.cmake):
// linked into every program of that tree so that ctest, the `gapmap` processes tests spawn and hand
// runs behave alike. ASAN_OPTIONS / LSAN_OPTIONS / UBSAN_OPTIONS in the environment still override.
// No project code here: the sanitizer runtimes call these hooks before main().

extern "C" {

// Leaks are errors; the first UB report ends the process (with -fno-sanitize-recover=undefined).
const char* __asan_default_options() {
    return "detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:"
           "check_initialization_order=1:strict_init_order=1:detect_invalid_pointer_pairs=0";
}

// System libraries only (Mesa, LLVM, fontconfig …): see the comments in lsan.supp.
const char* __lsan_default_options() {
    return "suppressions=" GAPMAP_LSAN_SUPPRESSIONS ":print_suppressions=0";
}

const char* __ubsan_default_options() {
    return "print_stacktrace=1:halt_on_error=1";
}

}  // extern "C"
