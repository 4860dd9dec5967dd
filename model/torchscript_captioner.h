#pragma once
// Internal to model/: an external captioner saved as TorchScript (contract 1 of docs/model.md,
// "External TorchScript models") behind plain types, so only torchscript_captioner.cpp compiles
// the TorchScript headers. Captioner tokenises and masks the input; this class only moves the
// encoded source into tensors, calls the module's draft() method and reads its answer back.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "model/captioner_network.h"

namespace ugc::model {

struct ScriptDraft {
  std::vector<int64_t> tokens;  // as the module returned them (not yet checked against the vocabulary)
  std::optional<double> score;  // the optional second element of the module's answer
};

class TorchScriptCaptioner {
 public:
  static constexpr int kContract = 1;
  static constexpr const char* kMethod = "draft";

  // Loads model.pt and checks the draft() signature: a missing method, argument or a wrong type is
  // InvalidInput naming it; an unreadable archive is InvalidInput too.
  static Result<TorchScriptCaptioner> load(const std::string& path);

  TorchScriptCaptioner(TorchScriptCaptioner&&) noexcept;
  TorchScriptCaptioner& operator=(TorchScriptCaptioner&&) noexcept;
  ~TorchScriptCaptioner();

  // Runs draft() on one encoded source under InferenceMode. Media of a stage that may not see or
  // hear them are dropped here too (the masking is applied twice, as for the built-in network);
  // at most maxFrames frames, sampled uniformly as the built-in network samples them.
  Result<ScriptDraft> draft(const EncodedSource& source, int melBins, int maxFrames, int maxTokens) const;

  int64_t parameterCount() const;

 private:
  struct Impl;
  explicit TorchScriptCaptioner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ugc::model
