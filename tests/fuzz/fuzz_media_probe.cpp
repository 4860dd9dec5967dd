// The media probe (FFmpeg demuxers, our stream selection, the content fingerprint) on arbitrary
// bytes written to a file.
#include "core/probe.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto file = ugc::fuzz::writeInput(ugc::fuzz::scratchDir() / "input.mp4", data, size);
  (void)ugc::media::probeMedia(file);
  return 0;
}
