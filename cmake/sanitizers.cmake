# Sanitizer and fuzzing build trees (README, "Fuzzing and sanitizers"). Included by the top-level
# CMakeLists.txt before any target is made, so every library and program in the tree gets the flags.
#   -DGAPMAP_SANITIZE=ON  everything built with AddressSanitizer + UndefinedBehaviorSanitizer (gcc or clang);
#                         ctest then runs the whole suite, the spawned `gapmap` binary included, under them.
#   -DGAPMAP_FUZZ=ON      clang only: gapmap_core and gapmap_io instrumented for libFuzzer, and one fuzz
#                         target per tests/fuzz/fuzz_*.cpp; the render/ui layers and the Catch2 suite are skipped.
option(GAPMAP_SANITIZE "Build everything with -fsanitize=address,undefined" OFF)
option(GAPMAP_FUZZ "Build the libFuzzer targets in tests/fuzz (clang only)" OFF)

if(GAPMAP_SANITIZE AND GAPMAP_FUZZ)
  message(FATAL_ERROR "GAPMAP_SANITIZE and GAPMAP_FUZZ are separate build trees (build-asan, build-fuzz)")
endif()

if(GAPMAP_SANITIZE)
  set(GAPMAP_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_compile_options(${GAPMAP_SANITIZER_FLAGS})
  add_link_options(${GAPMAP_SANITIZER_FLAGS})
  # Runtime options (and the LeakSanitizer suppressions file) compiled into every program made after
  # this point, so the test runner, the `gapmap` processes the tests start and a hand run all use them.
  add_library(gapmap_sanitizer_options OBJECT ${CMAKE_CURRENT_SOURCE_DIR}/tests/sanitizer/sanitizer_options.cpp)
  target_compile_definitions(gapmap_sanitizer_options PRIVATE
    GAPMAP_LSAN_SUPPRESSIONS="${CMAKE_CURRENT_SOURCE_DIR}/tests/sanitizer/lsan.supp")
  link_libraries(gapmap_sanitizer_options)
endif()

if(GAPMAP_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "GAPMAP_FUZZ needs clang: cmake -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DGAPMAP_FUZZ=ON")
  endif()
  # The libraries get coverage instrumentation without libFuzzer's main(); the fuzz targets link it.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
