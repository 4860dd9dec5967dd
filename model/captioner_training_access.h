#pragma once
// Internal to model/: what the trainer needs from a Captioner beyond its public API.

#include <string>

#include "model/captioner.h"
#include "model/captioner_network.h"

namespace ugc::model {

class CaptionerTrainingAccess {
 public:
  static CaptionerNetwork& network(Captioner& captioner);
  // Tokenises one training pair after the stage masking of buildStageView().
  static Result<EncodedExample> encodeExample(const Captioner& captioner, const CaptionerInput& input,
                                              const std::string& target);
  static std::string configJson(const CaptionerConfig& config);  // the same JSON save() writes
};

}  // namespace ugc::model
