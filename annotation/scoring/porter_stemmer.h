#pragma once
// The Porter stemmer exactly as NLTK's PorterStemmer in its default NLTK_EXTENSIONS mode
// (nltk/stem/porter.py, unchanged since NLTK 3.4): Google's rouge_score 0.1.2 stems with it, and
// the OCR column's ROUGE values depend on its deviations from the 1980 paper ("dying" -> "die",
// "happy" -> "happi" but "enjoy" -> "enjoy", "-ies" of four letters -> "-ie", ...).

#include <string>
#include <string_view>

namespace ugc::annotation::scoring {

// The stem of a lowercase word. Bytes other than ASCII letters are treated as consonants, as
// NLTK does; rouge_score only passes [a-z0-9]+ tokens longer than 3 characters.
std::string porterStem(std::string_view word);

}  // namespace ugc::annotation::scoring
