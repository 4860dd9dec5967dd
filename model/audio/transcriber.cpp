// PocketSphinx behind a plain interface: one decoder per Transcriber, one utterance per speech range.
#include "model/audio/transcriber.h"

#include <pocketsphinx.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

namespace ugc::model {
namespace {

constexpr int kRate = 16000;
constexpr double kFrameSeconds = 0.01;  // PocketSphinx's default -frate 100

std::vector<std::string> normalisedWords(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'') {
      word += char(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      out.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(word);
  return out;
}

}  // namespace

struct Transcriber::Impl {
  TranscriberParams params;
  cmd_ln_t* config = nullptr;
  ps_decoder_t* decoder = nullptr;
  ~Impl() {
    if (decoder) ps_free(decoder);
    if (config) cmd_ln_free_r(config);
  }
};

Transcriber::Transcriber(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Transcriber::Transcriber(Transcriber&&) noexcept = default;
Transcriber& Transcriber::operator=(Transcriber&&) noexcept = default;
Transcriber::~Transcriber() = default;

Result<Transcriber> Transcriber::create(const TranscriberParams& params) {
  std::error_code ec;
  for (const auto& path : {params.acousticModel, params.languageModel, params.dictionary})
    if (!std::filesystem::exists(path, ec))
      return makeError(ErrorCode::NotFound,
                       "PocketSphinx model file missing: " + path.string() + " (install pocketsphinx-en-us)");
  auto impl = std::make_unique<Impl>();
  impl->params = params;
  impl->config = cmd_ln_init(nullptr, ps_args(), TRUE, "-hmm", params.acousticModel.c_str(), "-lm",
                             params.languageModel.c_str(), "-dict", params.dictionary.c_str(), "-logfn", "/dev/null",
                             "-bestpath", "yes", nullptr);
  if (!impl->config) return makeError(ErrorCode::Internal, "PocketSphinx rejected its configuration");
  impl->decoder = ps_init(impl->config);
  if (!impl->decoder) return makeError(ErrorCode::Internal, "PocketSphinx could not load its model");
  return Transcriber(std::move(impl));
}

Result<Transcript> Transcriber::transcribe(const std::vector<float>& samples, const std::vector<TimeRange>& speech,
                                           const CancelToken& cancel) {
  Transcript out;
  std::vector<TimeRange> ranges = speech;
  const double duration = double(samples.size()) / kRate;
  if (ranges.empty() && !samples.empty()) ranges.push_back({0, duration});
  // Padded and merged: PocketSphinx needs a little silence around words.
  std::vector<TimeRange> padded;
  for (auto r : ranges) {
    r.start = std::max(0.0, r.start - impl_->params.paddingSeconds);
    r.end = std::min(duration, r.end + impl_->params.paddingSeconds);
    if (!padded.empty() && r.start <= padded.back().end) padded.back().end = std::max(padded.back().end, r.end);
    else if (r.end > r.start) padded.push_back(r);
  }
  logmath_t* logmath = ps_get_logmath(impl_->decoder);
  std::vector<int16_t> pcm;
  double confidenceSum = 0;
  for (const auto& r : padded) {
    if (cancel.isCancelled()) return cancelledError();
    const size_t first = size_t(r.start * kRate), last = std::min(samples.size(), size_t(r.end * kRate));
    if (last <= first + 1600) continue;  // under 0.1 s
    pcm.resize(last - first);
    for (size_t i = first; i < last; ++i)
      pcm[i - first] = int16_t(std::lround(std::clamp(samples[i], -1.0f, 1.0f) * 32767.0f));
    if (ps_start_utt(impl_->decoder) < 0) return makeError(ErrorCode::Internal, "PocketSphinx: cannot start an utterance");
    // In pieces of 1 s so a cancel is seen within a second of audio.
    for (size_t at = 0; at < pcm.size(); at += kRate) {
      if (cancel.isCancelled()) {
        ps_end_utt(impl_->decoder);
        return cancelledError();
      }
      ps_process_raw(impl_->decoder, pcm.data() + at, std::min<size_t>(kRate, pcm.size() - at), FALSE, FALSE);
    }
    ps_end_utt(impl_->decoder);
    out.decodedSeconds += double(pcm.size()) / kRate;
    int32 score = 0;
    if (!ps_get_hyp(impl_->decoder, &score)) continue;
    for (ps_seg_t* seg = ps_seg_iter(impl_->decoder); seg; seg = ps_seg_next(seg)) {
      std::string word = ps_seg_word(seg);
      if (word.empty() || word[0] == '<' || word[0] == '[' || word == "(NULL)") continue;  // <s>, </s>, <sil>, [NOISE]
      if (auto paren = word.find('('); paren != std::string::npos) word.resize(paren);  // alternative pronunciations
      int sf = 0, ef = 0;
      ps_seg_frames(seg, &sf, &ef);
      int32 ascr = 0, lscr = 0, lback = 0;
      const int32 posterior = ps_seg_prob(seg, &ascr, &lscr, &lback);
      TranscribedWord w;
      w.text = word;
      w.start = double(first) / kRate + sf * kFrameSeconds;
      w.end = double(first) / kRate + (ef + 1) * kFrameSeconds;
      w.confidence = std::clamp(logmath_exp(logmath, posterior), 0.0, 1.0);
      w.quotable = w.confidence >= impl_->params.quotableConfidence;
      confidenceSum += w.confidence;
      out.text += (out.text.empty() ? "" : " ") + w.text;
      out.words.push_back(std::move(w));
    }
  }
  out.meanConfidence = out.words.empty() ? 0 : confidenceSum / double(out.words.size());
  return out;
}

Result<TranscriptSignal> transcribeSpeech(const std::vector<float>& samples, const std::vector<TimeRange>& speech,
                                          const CancelToken& cancel, const TranscriberParams& params) {
  auto transcriber = Transcriber::create(params);
  if (!transcriber) return tl::unexpected(transcriber.error());
  auto transcript = transcriber->transcribe(samples, speech, cancel);
  if (!transcript) return tl::unexpected(transcript.error());
  TranscriptSignal out;
  out.ran = true;
  out.text = transcript->text;
  out.meanConfidence = transcript->meanConfidence;
  out.quotableThreshold = params.quotableConfidence;
  out.method = "PocketSphinx 5prealpha, en-us acoustic and language model, on the speech ranges";
  for (const auto& w : transcript->words) out.words.push_back({w.text, {w.start, w.end}, w.confidence, w.quotable});
  if (int(out.words.size()) >= kLanguageMinWords && out.meanConfidence >= kEnglishFitConfidence) {
    out.language = "en";
    out.languageConfidence = std::min(0.95, out.meanConfidence);
  } else {
    out.language = "unknown";
    out.languageConfidence = 0;
  }
  return out;
}

double wordErrorRate(const std::string& reference, const std::string& hypothesis) {
  const auto ref = normalisedWords(reference), hyp = normalisedWords(hypothesis);
  if (ref.empty()) return hyp.empty() ? 0.0 : 1.0;
  std::vector<size_t> prev(hyp.size() + 1), cur(hyp.size() + 1);
  for (size_t j = 0; j <= hyp.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= ref.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= hyp.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ref[i - 1] == hyp[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return double(prev[hyp.size()]) / double(ref.size());
}

}  // namespace ugc::model
