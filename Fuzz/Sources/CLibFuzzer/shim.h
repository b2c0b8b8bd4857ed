// libFuzzer's driver, linked by `-sanitize=fuzzer` (compiler-rt's libclang_rt.fuzzer). The harnesses call it
// from their own entry point, because SwiftPM links an executable's `main` to `<Module>_main` and so never
// uses the `main` in libFuzzer's archive.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
