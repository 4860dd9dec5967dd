#pragma once
// Internal to model/: decoding that cannot misquote. Inside a double-quoted region the search may
// only emit tokens that keep the quoted text a verbatim prefix of a source span (an OCR line, a
// confident transcript span, a quote of a caption the joint stage fuses), and the quote closes
// only where the span allows it. Plain C++ over the tokenizer's piece surfaces, so the rules are
// tested without a network. The rules are documented in docs/model.md ("Grounded decoding").

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ugc::model {

class Tokenizer;

// A text a quote may copy.
struct QuoteSource {
  std::string text;
  // OCR lines (false) are quoted whole: the quote starts at the line's first byte and closes
  // only at its end. Speech (true) may be quoted from any word start to any word end.
  bool wordBounded = false;
};

// Where one hypothesis stands: outside a quote, or inside one with the bytes quoted so far.
struct QuoteState {
  bool inQuote = false;
  std::string quoted;    // the bytes after the opening mark (a space right after it is not kept)
  unsigned char last = 0;       // the last byte emitted (an opening single quote follows no letter)
  unsigned char beforeLast = 0;  // and the one before (curly quotes are three bytes)
  // The quotes closed so far: the same text is not quoted twice (shared between the hypotheses
  // that extend one another; a new vector when a quote closes).
  std::shared_ptr<const std::vector<std::string>> done{};
};

class QuoteConstraint {
 public:
  // `surfaces[id]` is what token `id` adds to the text ("▁" as a space, byte pieces as bytes,
  // control tokens empty): see tokenSurfaces(). It is not copied and must outlive the constraint
  // (the captioner builds it once per tokenizer).
  QuoteConstraint(const std::vector<std::string>& surfaces, std::vector<QuoteSource> sources, int eosId);

  // Sets the scores of the tokens that may not follow `state` to -infinity (EOS inside a quote
  // included); inside a quote the allowed ones are renormalised to log-probabilities among
  // themselves. Returns whether `state` is inside a quote (the caller then lifts its repetition
  // rules: copying a span may repeat tokens).
  bool mask(const QuoteState& state, std::vector<float>& scores) const;
  // Whether `token` may follow `state`, and the state after it.
  // `relaxed`: a quote may repeat an earlier one (only when nothing else can continue it).
  bool allows(const QuoteState& state, int token, bool relaxed = false) const;
  QuoteState advance(const QuoteState& state, int token) const;

  const std::vector<QuoteSource>& sources() const { return sources_; }

 private:
  bool feed(QuoteState& state, std::string_view bytes, bool relaxed) const;  // false: not allowed
  bool isQuotablePrefix(std::string_view quoted, const QuoteState& state, bool relaxed) const;
  bool closesAt(std::string_view quoted, const QuoteState& state, bool relaxed) const;
  bool canOpen(const QuoteState& state) const;
  std::vector<float> maskInside(const QuoteState& state, const std::vector<float>& scores, bool relaxed,
                                float* highest) const;
  // The bytes that may come next inside a quote (a source's next byte, '"' where it may close,
  // the tolerated space right after the opening mark).
  std::vector<unsigned char> nextBytes(const QuoteState& state, bool relaxed) const;

  const std::vector<std::string>& surfaces_;
  std::vector<QuoteSource> sources_;
  int eosId_;
  // Tokens that can open or contain a quote mark outside a quote; every other token is allowed
  // there without a check.
  std::vector<int> guardedOutside_;
  // Token ids by the first byte of their surface: inside a quote only the groups of nextBytes()
  // are checked.
  std::vector<std::vector<int>> byFirstByte_;
};

// The surface of every token id of `tokenizer` (see QuoteConstraint).
std::vector<std::string> tokenSurfaces(const Tokenizer& tokenizer);

// The text after constrained decoding: the space a copy token brings right after an opening
// double quote is dropped ("reads \" MORNING\"" -> "reads \"MORNING\"").
std::string tidyQuotes(std::string_view text);

}  // namespace ugc::model
