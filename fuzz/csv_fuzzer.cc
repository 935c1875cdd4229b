// libFuzzer entry point; the target itself is fuzzCsv in csv_fuzz.h, shared
// with the regression replay in tests/io/fuzz_regression_test.cc.

#include "csv_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { return loch::fuzz::fuzzCsv(data, size); }
