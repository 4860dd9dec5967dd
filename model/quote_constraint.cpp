#include "model/quote_constraint.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "model/tokenizer.h"

namespace ugc::model {
namespace {

bool isWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

bool isWordStart(const std::string& text, size_t at) { return at == 0 || text[at - 1] == ' '; }

// A quote of speech may end after a word: at the text's end, before a space, or before the
// punctuation that ends the word ("hello" of "hello, world").
bool isWordEnd(const std::string& text, size_t at) {
  if (at == 0) return false;
  if (at == text.size() || text[at] == ' ') return true;
  const auto before = static_cast<unsigned char>(text[at - 1]), after = static_cast<unsigned char>(text[at]);
  return isWordByte(before) && !isWordByte(after) && after != '\'';
}

// The byte a piece "<0xAB>" stands for, or -1.
int bytePiece(const std::string& piece) {
  if (piece.size() != 6 || piece.compare(0, 3, "<0x") != 0 || piece[5] != '>') return -1;
  int value = 0;
  for (size_t i = 3; i < 5; ++i) {
    const char c = piece[i];
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

}  // namespace

QuoteConstraint::QuoteConstraint(const std::vector<std::string>& surfaces, std::vector<QuoteSource> sources,
                                 int eosId)
    : surfaces_(surfaces), eosId_(eosId) {
  for (auto& source : sources) {
    source.text = trimmed(source.text);
    if (!source.text.empty()) sources_.push_back(std::move(source));
  }
  byFirstByte_.resize(256);
  for (size_t id = 0; id < surfaces_.size(); ++id) {
    if (!surfaces_[id].empty()) byFirstByte_[static_cast<unsigned char>(surfaces_[id][0])].push_back(int(id));
    bool guarded = false;
    for (unsigned char c : surfaces_[id]) guarded = guarded || c == '"' || c == '\'' || c >= 0x80;
    if (guarded) guardedOutside_.push_back(int(id));
  }
}

bool wasQuoted(const QuoteState& state, std::string_view text) {
  return state.done && std::find(state.done->begin(), state.done->end(), text) != state.done->end();
}

bool QuoteConstraint::canOpen(const QuoteState& state) const {
  for (const auto& source : sources_)
    if (source.wordBounded || !wasQuoted(state, source.text)) return true;
  return false;
}

bool QuoteConstraint::isQuotablePrefix(std::string_view quoted, const QuoteState& state, bool relaxed) const {
  for (const auto& source : sources_) {
    const std::string& text = source.text;
    if (!source.wordBounded) {
      if (!relaxed && wasQuoted(state, text)) continue;  // a whole line is quoted once
      if (text.compare(0, quoted.size(), quoted) == 0 && quoted.size() <= text.size()) return true;
      continue;
    }
    for (size_t at = 0; at + quoted.size() <= text.size(); ++at)
      if (isWordStart(text, at) && text.compare(at, quoted.size(), quoted) == 0) return true;
  }
  return false;
}

bool QuoteConstraint::closesAt(std::string_view quoted, const QuoteState& state, bool relaxed) const {
  if (quoted.empty() || (!relaxed && wasQuoted(state, quoted))) return false;
  for (const auto& source : sources_) {
    const std::string& text = source.text;
    if (!source.wordBounded) {
      if (text == quoted) return true;
      continue;
    }
    for (size_t at = 0; at + quoted.size() <= text.size(); ++at)
      if (isWordStart(text, at) && text.compare(at, quoted.size(), quoted) == 0 &&
          isWordEnd(text, at + quoted.size()))
        return true;
  }
  return false;
}

std::vector<unsigned char> QuoteConstraint::nextBytes(const QuoteState& state, bool relaxed) const {
  std::vector<unsigned char> bytes;
  auto add = [&](unsigned char c) {
    if (std::find(bytes.begin(), bytes.end(), c) == bytes.end()) bytes.push_back(c);
  };
  const std::string& quoted = state.quoted;
  if (quoted.empty()) add(' ');
  if (closesAt(quoted, state, relaxed)) add('"');
  for (const auto& source : sources_) {
    const std::string& text = source.text;
    for (size_t at = 0; at + quoted.size() < text.size(); ++at) {
      if ((source.wordBounded ? isWordStart(text, at) : at == 0) && text.compare(at, quoted.size(), quoted) == 0)
        add(static_cast<unsigned char>(text[at + quoted.size()]));
      if (!source.wordBounded) break;
    }
  }
  return bytes;
}

bool QuoteConstraint::feed(QuoteState& state, std::string_view bytes, bool relaxed) const {
  for (char byte : bytes) {
    const auto c = static_cast<unsigned char>(byte);
    if (state.inQuote) {
      if (c == '"') {
        if (!closesAt(state.quoted, state, relaxed)) return false;
        auto done = state.done ? std::make_shared<std::vector<std::string>>(*state.done)
                               : std::make_shared<std::vector<std::string>>();
        done->push_back(state.quoted);
        state.done = std::move(done);
        state.inQuote = false;
        state.quoted.clear();
      } else if (state.quoted.empty() && c == ' ') {
        // The copy head's tokens carry SentencePiece's word-start space; tidyQuotes() drops it.
      } else {
        state.quoted.push_back(char(c));
        if (!isQuotablePrefix(state.quoted, state, relaxed)) return false;
      }
    } else if (c == '"') {
      if (!canOpen(state)) return false;  // nothing (left) to quote: a quote could only be invented
      state.inQuote = true;
      state.quoted.clear();
    } else if (c == '\'' && !isWordByte(state.last)) {
      return false;  // an opening single quote (not an apostrophe): quotes are "..." only
    } else if (state.beforeLast == 0xE2 && state.last == 0x80 && (c == 0x98 || c == 0x9C || c == 0x9D)) {
      return false;  // curly quotes (U+2018, U+201C, U+201D) would escape the constraint
    }
    state.beforeLast = state.last;
    state.last = c;
  }
  return true;
}

bool QuoteConstraint::allows(const QuoteState& state, int token, bool relaxed) const {
  if (token == eosId_) return !state.inQuote;
  if (token < 0 || size_t(token) >= surfaces_.size()) return false;
  const std::string& surface = surfaces_[size_t(token)];
  if (surface.empty()) return !state.inQuote;
  QuoteState next = state;
  return feed(next, surface, relaxed);
}

QuoteState QuoteConstraint::advance(const QuoteState& state, int token) const {
  QuoteState next = state;
  if (token >= 0 && size_t(token) < surfaces_.size() && !feed(next, surfaces_[size_t(token)], false)) {
    next = state;  // the token was only allowed relaxed (mask() found nothing else)
    (void)feed(next, surfaces_[size_t(token)], true);
  }
  return next;
}

bool QuoteConstraint::mask(const QuoteState& state, std::vector<float>& scores) const {
  const float banned = -std::numeric_limits<float>::infinity();
  if (!state.inQuote) {
    for (int id : guardedOutside_)
      if (size_t(id) < scores.size() && std::isfinite(scores[size_t(id)]) && !allows(state, id))
        scores[size_t(id)] = banned;
    return false;
  }
  float highest = banned;
  auto allowed = maskInside(state, scores, false, &highest);
  // Nothing but a repeat of an earlier quote can continue this one (a speech span quoted
  // before): the repeat is allowed rather than the hypothesis lost.
  if (!std::isfinite(highest)) allowed = maskInside(state, scores, true, &highest);
  scores.swap(allowed);
  // Renormalised over what the source allows: once the model has chosen to quote, the forced
  // copy costs the beam nothing, so a garbled free-text alternative cannot outscore it.
  if (!std::isfinite(highest)) return true;
  double sum = 0;
  for (float score : scores)
    if (std::isfinite(score)) sum += std::exp(double(score - highest));
  const float logSum = highest + float(std::log(sum));
  for (float& score : scores)
    if (std::isfinite(score)) score -= logSum;
  return true;
}

std::vector<float> QuoteConstraint::maskInside(const QuoteState& state, const std::vector<float>& scores,
                                               bool relaxed, float* highest) const {
  // Only tokens that start with a byte the sources allow next can pass: the rest of the
  // vocabulary is banned without a check.
  std::vector<float> allowed(scores.size(), -std::numeric_limits<float>::infinity());
  for (unsigned char byte : nextBytes(state, relaxed)) {
    for (int id : byFirstByte_[byte]) {
      if (size_t(id) >= scores.size() || !std::isfinite(scores[size_t(id)]) || !allows(state, id, relaxed)) continue;
      allowed[size_t(id)] = scores[size_t(id)];
      *highest = std::max(*highest, scores[size_t(id)]);
    }
  }
  return allowed;
}

std::vector<std::string> tokenSurfaces(const Tokenizer& tokenizer) {
  static const std::string kWordStart = "\xE2\x96\x81";  // SentencePiece's "▁"
  std::vector<std::string> surfaces(size_t(std::max(0, tokenizer.vocabSize())));
  for (int id = Tokenizer::kEosId + 1; id < tokenizer.vocabSize(); ++id) {
    const std::string piece = tokenizer.piece(id);
    if (const int byte = bytePiece(piece); byte >= 0) {
      surfaces[size_t(id)] = std::string(1, char(byte));
      continue;
    }
    std::string surface;
    for (size_t at = 0; at < piece.size();) {
      if (piece.compare(at, kWordStart.size(), kWordStart) == 0) {
        surface.push_back(' ');
        at += kWordStart.size();
      } else {
        surface.push_back(piece[at++]);
      }
    }
    surfaces[size_t(id)] = std::move(surface);
  }
  return surfaces;
}

std::string tidyQuotes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool inQuote = false;
  size_t openedAt = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    out.push_back(c);
    if (c != '"') continue;
    inQuote = !inQuote;
    if (inQuote) {
      openedAt = out.size() - 1;
      while (i + 1 < text.size() && text[i + 1] == ' ') ++i;
    }
  }
  if (inQuote) {
    // The length limit cut the caption inside a quote: the unfinished quote is dropped.
    out.resize(openedAt);
    while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ':')) out.pop_back();
  }
  return out;
}

}  // namespace ugc::model
