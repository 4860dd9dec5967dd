// Captioner: stage masking, tokenisation of the structured input, drafting and the model folder.
#include "model/captioner.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "model/captioner_network.h"
#include "model/captioner_training_access.h"
#include "annotation/caption_lint.h"
#include "model/decoding.h"
#include "model/quote_constraint.h"
#include "model/tokenizer.h"
#include "model/torchscript_captioner.h"

namespace ugc::model {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kAudioFieldKeys[] = {"speaker_count", "tone",          "background_music", "language",
                                           "music_style",   "voice_source",  "speaker_genders"};
constexpr const char* kVisualFieldKeys[] = {"background", "background_change", "motion", "objects"};
constexpr int kItemTokens = 64;  // per field, OCR line or signal: one long item cannot crowd out the rest

json toJson(const CaptionerConfig& c) {
  return json{{"format", 1},
              {"model_dim", c.modelDim},
              {"heads", c.heads},
              {"text_layers", c.textLayers},
              {"audio_layers", c.audioLayers},
              {"decoder_layers", c.decoderLayers},
              {"feed_forward_dim", c.feedForwardDim},
              {"dropout", c.dropout},
              {"mel_bins", c.melBins},
              {"max_audio_tokens", c.maxAudioTokens},
              {"frame_size", c.frameSize},
              {"max_frames", c.maxFrames},
              {"tokens_per_frame", c.tokensPerFrame},
              {"max_source_tokens", c.maxSourceTokens},
              {"max_target_tokens", c.maxTargetTokens}};
}

Result<CaptionerConfig> configFromJson(const json& j) {
  try {
    if (j.at("format").get<int>() != 1) return makeError(ErrorCode::Unsupported, "captioner config format");
    CaptionerConfig c;
    c.modelDim = j.at("model_dim").get<int>();
    c.heads = j.at("heads").get<int>();
    c.textLayers = j.at("text_layers").get<int>();
    c.audioLayers = j.at("audio_layers").get<int>();
    c.decoderLayers = j.at("decoder_layers").get<int>();
    c.feedForwardDim = j.at("feed_forward_dim").get<int>();
    c.dropout = j.at("dropout").get<float>();
    c.melBins = j.at("mel_bins").get<int>();
    c.maxAudioTokens = j.at("max_audio_tokens").get<int>();
    c.frameSize = j.at("frame_size").get<int>();
    c.maxFrames = j.at("max_frames").get<int>();
    c.tokensPerFrame = j.at("tokens_per_frame").get<int>();
    c.maxSourceTokens = j.at("max_source_tokens").get<int>();
    c.maxTargetTokens = j.at("max_target_tokens").get<int>();
    return c;
  } catch (const json::exception& e) {
    return makeError(ErrorCode::InvalidInput, std::string("captioner config: ") + e.what());
  }
}

std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string folderName(const fs::path& folder) {
  auto normal = fs::absolute(folder).lexically_normal();
  if (normal.filename().empty()) normal = normal.parent_path();  // "dir/" names "dir"
  return normal.filename().string();
}

std::string fieldLabel(const std::string& key) {
  std::string label = key;
  for (char& c : label)
    if (c == '_') c = ' ';
  return label;
}

// What the quotes of a stage's draft may copy (the view is already masked to the stage).
std::vector<QuoteSource> quoteSources(const CaptionerInput& view) {
  std::vector<QuoteSource> sources;
  for (const auto& line : view.ocrLines) sources.push_back({line, false});
  for (const auto& speech : view.quotableSpeech) sources.push_back({speech, true});
  // The joint stage fuses two captions: what they quote (already checked when they were
  // drafted, or written by a person) may be quoted again, word to word.
  for (const std::string* caption : {&view.audioCaption, &view.visualCaption})
    for (const auto& region : annotation::findQuotedRegions(*caption)) {
      const size_t open = (*caption)[region.begin] == '"' || (*caption)[region.begin] == '\'' ? 1 : 3;
      const size_t close = (*caption)[region.end - 1] == '"' || (*caption)[region.end - 1] == '\'' ? 1 : 3;
      if (region.end - region.begin > open + close)
        sources.push_back({caption->substr(region.begin + open, region.end - region.begin - open - close), true});
    }
  return sources;
}

}  // namespace


std::optional<Modality> fieldModality(const std::string& key) {
  for (const char* k : kAudioFieldKeys)
    if (key == k) return Modality::Audio;
  for (const char* k : kVisualFieldKeys)
    if (key == k) return Modality::Visual;
  return std::nullopt;
}

CaptionerConfig CaptionerConfig::tinyConfig() {
  CaptionerConfig c;
  c.modelDim = 64;
  c.heads = 2;
  c.textLayers = 1;
  c.audioLayers = 1;
  c.decoderLayers = 1;
  c.feedForwardDim = 128;
  c.dropout = 0.0f;
  c.maxAudioTokens = 32;
  c.frameSize = 32;
  c.maxFrames = 4;
  c.maxSourceTokens = 96;
  c.maxTargetTokens = 64;
  return c;
}

Result<CaptionerInput> buildStageView(const CaptionerInput& input) {
  CaptionerInput view;
  view.stage = input.stage;
  const bool hears = stageHears(input.stage), sees = stageSees(input.stage);
  for (const auto& [key, value] : input.fields) {
    auto modality = fieldModality(key);
    if (!modality) return makeError(ErrorCode::InvalidArgument, "captioner: unknown field '" + key + "'");
    if ((*modality == Modality::Audio && hears) || (*modality == Modality::Visual && sees)) view.fields[key] = value;
  }
  if (hears) {
    view.audioEvents = input.audioEvents;
    view.quotableSpeech = input.quotableSpeech;
    view.logMel = input.logMel;
  }
  if (sees) {
    view.ocrLines = input.ocrLines;
    view.sceneChanges = input.sceneChanges;
    view.frames = input.frames;
  }
  if (input.stage == annotation::Stage::Joint) {
    view.audioCaption = input.audioCaption;
    view.visualCaption = input.visualCaption;
  }
  return view;
}

struct Captioner::Impl {
  CaptionerConfig config;
  Tokenizer tokenizer;
  std::optional<CaptionerNetwork> network{};     // the built-in model
  std::optional<TorchScriptCaptioner> script{};  // or an external one (exactly one is set)
  std::string name = "untrained";
  std::string weightsHash = "unsaved";
  std::vector<std::string> surfaces{};  // tokenSurfaces(tokenizer), for constrained quotes (built-in model)
  json scriptConfig{};         // an external model's config.json, written back by save()
  fs::path scriptModelPath{};  // and the model.pt it was loaded from

  void append(EncodedSource& source, const std::string& text, Segment segment, size_t limit) const {
    if (text.empty()) return;
    auto ids = tokenizer.encode(text);
    if (ids.size() > limit) ids.resize(limit);
    ids.push_back(Tokenizer::kEosId);  // item separator
    source.tokens.insert(source.tokens.end(), ids.begin(), ids.end());
    source.segments.insert(source.segments.end(), ids.size(), int(segment));
  }

  Result<EncodedSource> encode(const CaptionerInput& input) const {
    auto view = buildStageView(input);
    if (!view) return tl::unexpected(view.error());
    EncodedSource source;
    source.stage = view->stage;
    const size_t captionLimit = size_t(std::max(8, config.maxSourceTokens / 2));
    // Captions first: in the joint stage they carry most of what the final caption says.
    append(source, view->audioCaption, Segment::AudioCaption, captionLimit);
    append(source, view->visualCaption, Segment::VisualCaption, captionLimit);
    for (const auto& line : view->ocrLines) append(source, line, Segment::Ocr, kItemTokens);
    for (const auto& [key, value] : view->fields) {
      if (value.empty()) continue;
      const auto segment = *fieldModality(key) == Modality::Audio ? Segment::AudioField : Segment::VisualField;
      append(source, fieldLabel(key) + ": " + value, segment, kItemTokens);
    }
    for (const auto& e : view->audioEvents) append(source, e, Segment::AudioEvent, kItemTokens);
    for (const auto& s : view->sceneChanges) append(source, s, Segment::SceneChange, kItemTokens);
    if (source.tokens.size() > size_t(config.maxSourceTokens)) {
      source.tokens.resize(size_t(config.maxSourceTokens));
      source.segments.resize(size_t(config.maxSourceTokens));
    }
    if (view->logMel) {
      const auto& mel = *view->logMel;
      if (mel.frames <= 0 || mel.values.size() != size_t(mel.frames) * size_t(config.melBins))
        return makeError(ErrorCode::InvalidArgument, "captioner: log-mel must be frames x " +
                                                         std::to_string(config.melBins) + " values");
      source.logMel = mel;
    }
    if (view->frames) {
      const auto& f = *view->frames;
      const size_t bytes = size_t(std::max(0, f.width)) * size_t(std::max(0, f.height)) * 3;
      bool valid = f.width > 0 && f.height > 0 && !f.rgb.empty();
      for (const auto& frame : f.rgb) valid = valid && frame.size() == bytes;
      if (!valid) return makeError(ErrorCode::InvalidArgument, "captioner: frames must be non-empty RGB24 width x height");
      source.frames = f;
    }
    return source;
  }

  static Result<std::unique_ptr<Impl>> loadTorchScript(const fs::path& folder, const json& j);
  Status saveTorchScript(const fs::path& folder) const;
  Result<DraftResult> draftWithScript(const EncodedSource& source, int maxTokens, const CancelToken& cancel) const;
};

// External models: docs/model.md, "External TorchScript models" (contract 1).
Result<std::unique_ptr<Captioner::Impl>> Captioner::Impl::loadTorchScript(const fs::path& folder, const json& j) {
  CaptionerConfig config;
  try {
    if (!j.contains("contract"))
      return makeError(ErrorCode::InvalidInput, "TorchScript captioner config.json lacks \"contract\": " +
                                                    std::to_string(TorchScriptCaptioner::kContract));
    const int contract = j.at("contract").get<int>();
    if (contract != TorchScriptCaptioner::kContract)
      return makeError(ErrorCode::Unsupported, "TorchScript captioner contract " + std::to_string(contract) +
                                                   "; this build follows contract " +
                                                   std::to_string(TorchScriptCaptioner::kContract));
    if (j.value("mel_bins", config.melBins) != config.melBins)
      return makeError(ErrorCode::Unsupported, "TorchScript captioner: log-mel has " + std::to_string(config.melBins) +
                                                   " bins, the model asks for " +
                                                   std::to_string(j.at("mel_bins").get<int>()));
    config.maxSourceTokens = j.value("max_source_tokens", config.maxSourceTokens);
    config.maxTargetTokens = j.value("max_target_tokens", config.maxTargetTokens);
    config.maxFrames = j.value("max_frames", config.maxFrames);
    config.frameSize = j.value("frame_size", config.frameSize);
    if (j.contains("name")) (void)j.at("name").get<std::string>();
  } catch (const json::exception& e) {
    return makeError(ErrorCode::InvalidInput, std::string("TorchScript captioner config.json: ") + e.what());
  }
  if (config.maxSourceTokens < 1 || config.maxTargetTokens < 1 || config.maxFrames < 1 || config.frameSize < 1)
    return makeError(ErrorCode::InvalidInput, "TorchScript captioner config.json: limits must be positive");
  std::error_code ec;
  for (const char* file : {"model.pt", "tokenizer.model"})
    if (!fs::is_regular_file(folder / file, ec))
      return makeError(ErrorCode::NotFound, "TorchScript captioner in " + folder.string() + " has no " + file);
  auto tokenizer = Tokenizer::load((folder / "tokenizer.model").string());
  if (!tokenizer) return tl::unexpected(tokenizer.error());
  // Sources are EOS-separated and drafts end at EOS: the ids must mean what this project's do.
  if (tokenizer->piece(Tokenizer::kBosId) != "<s>" || tokenizer->piece(Tokenizer::kEosId) != "</s>")
    return makeError(ErrorCode::InvalidInput, "TorchScript captioner tokenizer.model must have <s> at id " +
                                                  std::to_string(Tokenizer::kBosId) + " and </s> at id " +
                                                  std::to_string(Tokenizer::kEosId));
  auto script = TorchScriptCaptioner::load((folder / "model.pt").string());
  if (!script) return tl::unexpected(script.error());
  auto hash = sha256File(folder / "model.pt");
  if (!hash) return tl::unexpected(hash.error());
  auto impl = std::make_unique<Impl>(Impl{config, std::move(*tokenizer)});
  impl->script = std::move(*script);
  impl->name = j.value("name", folderName(folder));
  impl->weightsHash = hash->substr(0, 12);
  impl->scriptConfig = j;
  impl->scriptModelPath = fs::absolute(folder / "model.pt", ec);
  return impl;
}

Status Captioner::Impl::saveTorchScript(const fs::path& folder) const {
  std::error_code ec;
  if (fs::equivalent(folder / "model.pt", scriptModelPath, ec)) return {};  // saving onto itself
  {
    std::ofstream out(folder / "config.json", std::ios::trunc);
    out << scriptConfig.dump(2) << '\n';
    if (!out) return makeError(ErrorCode::Io, "cannot write " + (folder / "config.json").string());
  }
  if (auto s = tokenizer.save((folder / "tokenizer.model").string()); !s) return s;
  // The module's bytes, not a re-serialisation: the copy keeps the hash its drafts record.
  const auto temporary = folder / "model.pt.partial";
  fs::copy_file(scriptModelPath, temporary, fs::copy_options::overwrite_existing, ec);
  if (!ec) fs::rename(temporary, folder / "model.pt", ec);
  if (ec) return makeError(ErrorCode::Io, "cannot write " + (folder / "model.pt").string() + ": " + ec.message());
  return {};
}

Result<DraftResult> Captioner::Impl::draftWithScript(const EncodedSource& source, int maxTokens,
                                                     const CancelToken& cancel) const {
  if (cancel.isCancelled()) return cancelledError();
  auto answer = script->draft(source, config.melBins, config.maxFrames, maxTokens);
  if (!answer) return tl::unexpected(answer.error());
  if (cancel.isCancelled()) return cancelledError();
  DraftResult result;
  result.logProb = answer->score.value_or(0.0);
  const int64_t vocab = tokenizer.vocabSize();
  for (int64_t id : answer->tokens) {
    if (id == Tokenizer::kEosId || int(result.tokens.size()) >= maxTokens) break;
    if (id < 0 || id >= vocab)
      return makeError(ErrorCode::InvalidInput, "TorchScript captioner returned token id " + std::to_string(id) +
                                                    " outside its tokenizer's " + std::to_string(vocab) + " pieces");
    result.tokens.push_back(int(id));
  }
  result.text = tokenizer.decode(result.tokens);
  result.beams.push_back({result.text, result.tokens, result.logProb});
  return result;
}

Captioner::Captioner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Captioner::Captioner(Captioner&&) noexcept = default;
Captioner& Captioner::operator=(Captioner&&) noexcept = default;
Captioner::~Captioner() = default;

Result<Captioner> Captioner::create(const CaptionerConfig& config, const Tokenizer& tokenizer, uint64_t seed) {
  auto copy = Tokenizer::fromSerialized(tokenizer.serialized());
  if (!copy) return tl::unexpected(copy.error());
  auto network = CaptionerNetwork::create(config, copy->vocabSize(), seed);
  if (!network) return tl::unexpected(network.error());
  auto impl = std::make_unique<Impl>(Impl{config, std::move(*copy), std::move(*network)});
  impl->surfaces = tokenSurfaces(impl->tokenizer);
  return Captioner(std::move(impl));
}

Result<Captioner> Captioner::load(const std::string& dir) {
  const fs::path folder(dir);
  std::error_code ec;
  if (!fs::is_regular_file(folder / "config.json", ec))
    return makeError(ErrorCode::NotFound, "no captioner model in " + dir + " (config.json, weights.pt)");
  json j = json::parse(readText(folder / "config.json"), nullptr, false);
  if (j.is_discarded()) return makeError(ErrorCode::InvalidInput, "captioner config.json is not JSON");
  if (j.is_object() && j.contains("format") && j["format"].is_string()) {
    if (j["format"] != "torchscript")
      return makeError(ErrorCode::Unsupported, "captioner format '" + j["format"].get<std::string>() + "' in " + dir +
                                                   " (known: 1, \"torchscript\")");
    auto impl = Impl::loadTorchScript(folder, j);
    if (!impl) return tl::unexpected(impl.error());
    return Captioner(std::move(*impl));
  }
  if (!fs::is_regular_file(folder / "weights.pt", ec))
    return makeError(ErrorCode::NotFound, "no captioner model in " + dir + " (config.json, weights.pt)");
  auto config = configFromJson(j);
  if (!config) return tl::unexpected(config.error());
  auto tokenizer = Tokenizer::load((folder / "tokenizer.model").string());
  if (!tokenizer) return tl::unexpected(tokenizer.error());
  auto captioner = create(*config, *tokenizer, 0);
  if (!captioner) return tl::unexpected(captioner.error());
  if (auto loaded = captioner->impl_->network->loadWeights((folder / "weights.pt").string()); !loaded)
    return tl::unexpected(loaded.error());
  auto hash = sha256File(folder / "weights.pt");
  if (!hash) return tl::unexpected(hash.error());
  captioner->impl_->weightsHash = hash->substr(0, 12);
  captioner->impl_->name = j.value("name", folderName(folder));
  return captioner;
}

Status Captioner::save(const std::string& dir) const {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return makeError(ErrorCode::Io, "cannot create " + dir + ": " + ec.message());
  const fs::path folder(dir);
  if (impl_->script) return impl_->saveTorchScript(folder);
  {
    std::ofstream out(folder / "config.json", std::ios::trunc);
    out << toJson(impl_->config).dump(2) << '\n';
    if (!out) return makeError(ErrorCode::Io, "cannot write " + (folder / "config.json").string());
  }
  if (auto s = impl_->tokenizer.save((folder / "tokenizer.model").string()); !s) return s;
  // Write then rename, so an interrupted save never leaves half a weights file behind.
  const auto temporary = folder / "weights.pt.partial";
  if (auto s = impl_->network->saveWeights(temporary.string()); !s) return s;
  fs::rename(temporary, folder / "weights.pt", ec);
  if (ec) return makeError(ErrorCode::Io, "cannot write weights.pt: " + ec.message());
  return {};
}

Result<DraftResult> Captioner::draft(const CaptionerInput& input, const DraftParams& params,
                                     const CancelToken& cancel) const {
  auto source = impl_->encode(input);
  if (!source) return tl::unexpected(source.error());
  DraftParams resolved = params;
  if (resolved.maxTokens <= 0 || resolved.maxTokens > impl_->config.maxTargetTokens)
    resolved.maxTokens = impl_->config.maxTargetTokens;
  if (impl_->script) return impl_->draftWithScript(*source, resolved.maxTokens, cancel);
  auto session = impl_->network->beginDecoding(*source, std::max(1, resolved.beamSize));
  if (!session) return tl::unexpected(session.error());
  StepFunction step = [&](const std::vector<int>& tokens, const std::vector<int>& parents) -> Result<SearchStep> {
    auto out = session->step(tokens, parents);
    if (!out) return tl::unexpected(out.error());
    return SearchStep{std::move(out->logProbs)};
  };
  std::optional<QuoteConstraint> quotes;
  if (resolved.constrainQuotes) {
    auto view = buildStageView(input);
    if (!view) return tl::unexpected(view.error());
    quotes.emplace(impl_->surfaces, quoteSources(*view), Tokenizer::kEosId);
  }
  auto found = searchCaptions(step, Tokenizer::kBosId, Tokenizer::kEosId, resolved, cancel, quotes ? &*quotes : nullptr);
  if (!found) return tl::unexpected(found.error());
  DraftResult result;
  for (auto& hypothesis : *found) {
    std::string text = impl_->tokenizer.decode(hypothesis.tokens);
    if (quotes) text = tidyQuotes(text);
    result.beams.push_back({std::move(text), std::move(hypothesis.tokens), hypothesis.logProb});
  }
  result.text = result.beams.front().text;
  result.tokens = result.beams.front().tokens;
  result.logProb = result.beams.front().logProb;
  return result;
}

Result<Captioner::NextToken> Captioner::nextToken(const CaptionerInput& input, const std::vector<int>& prefix) const {
  if (impl_->script)
    return makeError(ErrorCode::Unsupported, "TorchScript captioner '" + impl_->name +
                                                 "' drafts whole captions; it has no next-token distribution");
  auto source = impl_->encode(input);
  if (!source) return tl::unexpected(source.error());
  if (int(prefix.size()) >= impl_->config.maxTargetTokens)
    return makeError(ErrorCode::InvalidArgument, "prefix longer than the caption limit");
  auto session = impl_->network->beginDecoding(*source, 1);
  if (!session) return tl::unexpected(session.error());
  std::vector<int> feed{Tokenizer::kBosId};
  feed.insert(feed.end(), prefix.begin(), prefix.end());
  Result<DecodeStep> last = makeError(ErrorCode::Internal, "no step");
  for (int token : feed) {
    last = session->step({token}, {0});
    if (!last) return tl::unexpected(last.error());
  }
  NextToken out;
  out.generationWeight = last->generationWeight.at(0);
  out.probabilities.reserve(last->logProbs[0].size());
  for (float lp : last->logProbs[0]) out.probabilities.push_back(std::exp(lp));
  return out;
}

CaptionerKind Captioner::kind() const { return impl_->script ? CaptionerKind::TorchScript : CaptionerKind::BuiltIn; }
const CaptionerConfig& Captioner::config() const { return impl_->config; }
const Tokenizer& Captioner::tokenizer() const { return impl_->tokenizer; }
const std::string& Captioner::name() const { return impl_->name; }
const std::string& Captioner::weightsHash() const { return impl_->weightsHash; }
int64_t Captioner::parameterCount() const {
  return impl_->script ? impl_->script->parameterCount() : impl_->network->parameterCount();
}

// The trainer only makes built-in captioners (create(), or load() of its own checkpoint folder).
CaptionerNetwork& CaptionerTrainingAccess::network(Captioner& captioner) { return *captioner.impl_->network; }

Result<EncodedExample> CaptionerTrainingAccess::encodeExample(const Captioner& captioner, const CaptionerInput& input,
                                                              const std::string& target) {
  auto source = captioner.impl_->encode(input);
  if (!source) return tl::unexpected(source.error());
  EncodedExample example{std::move(*source), captioner.impl_->tokenizer.encode(target)};
  if (example.target.empty()) return makeError(ErrorCode::InvalidInput, "empty target caption");
  if (example.target.size() < size_t(captioner.impl_->config.maxTargetTokens))
    example.target.push_back(Tokenizer::kEosId);  // a truncated caption must not learn to stop there
  else
    example.target.resize(size_t(captioner.impl_->config.maxTargetTokens));
  return example;
}

std::string CaptionerTrainingAccess::configJson(const CaptionerConfig& config) { return toJson(config).dump(); }

}  // namespace ugc::model
