#pragma once
// A second, small test corpus made differently from the demo corpus (other fonts, sizes,
// colours, positions, caption styles, espeak voices, music with pink noise, a noise-only bed)
// so the extractor figures are not tuned to one generator. Built with the ffmpeg CLI and
// espeak-ng inside the test.

#include <filesystem>
#include <string>
#include <vector>

namespace ugc::test {

struct VariantClip {
  std::string id;
  std::filesystem::path media;
  std::vector<std::string> ocr;  // on-screen lines
  bool music = false;
  std::vector<std::string> genders;  // speakers, "male"/"female"
  std::vector<double> sceneChanges;
};

// Generates the clips into dir (once per dir) and returns their ground truth.
std::vector<VariantClip> variantCorpus(const std::filesystem::path& dir);

}  // namespace ugc::test
