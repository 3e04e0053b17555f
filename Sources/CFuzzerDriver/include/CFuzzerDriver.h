// libFuzzer's driver entry (compiler-rt FuzzerInterface.h), for the fuzz
// executables' own main: SwiftPM links executables with their module's main,
// so they call the driver rather than use libFuzzer's main. Resolved only in
// builds with -sanitize=fuzzer (scripts/fuzz/run.sh).
#ifndef ROO_CFUZZERDRIVER_H
#define ROO_CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
