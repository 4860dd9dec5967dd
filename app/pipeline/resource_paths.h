#pragma once
// Where the toolkit's read-only resources (captioner weights, tokenizer) are, whether it runs
// from the build tree, from an install prefix, or from anywhere with UGC_RESOURCES_DIR set.
// Nothing depends on the current directory.

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"

namespace ugc::pipeline {

inline constexpr const char* kDefaultCaptionerName = "models/captioner-default";
inline constexpr const char* kCaptionerSetting = "captioner.model";  // project setting: a model folder

// The folders searched, in order: $UGC_RESOURCES_DIR, <executable>/../share/ugc-videocap,
// the source tree's resources/ (compiled in), ./resources.
std::vector<std::filesystem::path> resourceSearchPath();

// The first existing <folder>/<relative> on the search path; NotFound lists where it looked.
Result<std::filesystem::path> findResource(const std::filesystem::path& relative);

// The built-in captioner's folder.
Result<std::filesystem::path> defaultCaptionerDir();

}  // namespace ugc::pipeline
