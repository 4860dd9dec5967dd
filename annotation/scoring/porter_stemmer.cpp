// A line-by-line port of NLTK 3.8's nltk/stem/porter.py, NLTK_EXTENSIONS mode only. The rule
// lists keep NLTK's order; _apply_rule_list's "first suffix that matches decides, even when its
// condition fails" is kept too (it is what makes the results NLTK's).
#include "annotation/scoring/porter_stemmer.h"

#include <functional>
#include <initializer_list>
#include <optional>
#include <utility>
#include <vector>

namespace ugc::annotation::scoring {
namespace {

using Word = std::string;
using Condition = std::function<bool(const Word&)>;

bool isVowelLetter(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool isConsonant(const Word& word, std::size_t i) {
  // Iterative form of NLTK's recursion: a 'y' is a consonant when it starts the word or follows
  // a vowel.
  if (isVowelLetter(word[i])) return false;
  if (word[i] != 'y') return true;
  if (i == 0) return true;
  return !isConsonant(word, i - 1);
}

int measure(const Word& stem) {
  int count = 0;
  bool previousVowel = false;
  for (std::size_t i = 0; i < stem.size(); ++i) {
    const bool consonant = isConsonant(stem, i);
    if (consonant && previousVowel) ++count;
    previousVowel = !consonant;
  }
  return count;
}

bool hasPositiveMeasure(const Word& stem) { return measure(stem) > 0; }

bool containsVowel(const Word& stem) {
  for (std::size_t i = 0; i < stem.size(); ++i)
    if (!isConsonant(stem, i)) return true;
  return false;
}

bool endsDoubleConsonant(const Word& word) {
  const std::size_t n = word.size();
  return n >= 2 && word[n - 1] == word[n - 2] && isConsonant(word, n - 1);
}

bool endsCvc(const Word& word) {
  const std::size_t n = word.size();
  if (n >= 3 && isConsonant(word, n - 3) && !isConsonant(word, n - 2) && isConsonant(word, n - 1) &&
      word[n - 1] != 'w' && word[n - 1] != 'x' && word[n - 1] != 'y')
    return true;
  return n == 2 && !isConsonant(word, 0) && isConsonant(word, 1);
}

bool endsWith(const Word& word, std::string_view suffix) {
  return word.size() >= suffix.size() && std::string_view(word).substr(word.size() - suffix.size()) == suffix;
}

Word withoutSuffix(const Word& word, std::size_t length) { return word.substr(0, word.size() - length); }

struct Rule {
  std::string_view suffix;  // "*d": the word ends in a double consonant
  std::string replacement;
  Condition condition;      // empty: unconditional
};

Word applyRuleList(const Word& word, const std::vector<Rule>& rules) {
  for (const auto& rule : rules) {
    if (rule.suffix == "*d" && endsDoubleConsonant(word)) {
      Word stem = withoutSuffix(word, 2);
      if (!rule.condition || rule.condition(stem)) return stem + rule.replacement;
      return word;
    }
    if (endsWith(word, rule.suffix)) {
      Word stem = withoutSuffix(word, rule.suffix.size());
      if (!rule.condition || rule.condition(stem)) return stem + rule.replacement;
      return word;
    }
  }
  return word;
}

Word step1a(const Word& word) {
  if (endsWith(word, "ies") && word.size() == 4) return withoutSuffix(word, 3) + "ie";
  return applyRuleList(word, {{"sses", "ss", {}}, {"ies", "i", {}}, {"ss", "ss", {}}, {"s", "", {}}});
}

Word step1b(const Word& word) {
  if (endsWith(word, "ied")) return withoutSuffix(word, 3) + (word.size() == 4 ? "ie" : "i");
  if (endsWith(word, "eed")) {
    Word stem = withoutSuffix(word, 3);
    return measure(stem) > 0 ? stem + "ee" : word;
  }
  std::optional<Word> intermediate;
  for (std::string_view suffix : {std::string_view("ed"), std::string_view("ing")}) {
    if (endsWith(word, suffix)) {
      Word stem = withoutSuffix(word, suffix.size());
      if (containsVowel(stem)) {
        intermediate = std::move(stem);
        break;
      }
    }
  }
  if (!intermediate) return word;
  const Word& stem = *intermediate;
  const char last = stem.empty() ? '\0' : stem.back();
  return applyRuleList(
      stem, {{"at", "ate", {}},
             {"bl", "ble", {}},
             {"iz", "ize", {}},
             {"*d", std::string(1, last), [last](const Word&) { return last != 'l' && last != 's' && last != 'z'; }},
             {"", "e", [](const Word& s) { return measure(s) == 1 && endsCvc(s); }}});
}

Word step1c(const Word& word) {
  return applyRuleList(word, {{"y", "i", [](const Word& s) { return s.size() > 1 && isConsonant(s, s.size() - 1); }}});
}

Word step2(const Word& word) {
  if (endsWith(word, "alli") && hasPositiveMeasure(withoutSuffix(word, 4))) return step2(withoutSuffix(word, 4) + "al");
  const Condition positive = hasPositiveMeasure;
  const std::vector<Rule> rules = {
      {"ational", "ate", positive}, {"tional", "tion", positive}, {"enci", "ence", positive},
      {"anci", "ance", positive},   {"izer", "ize", positive},    {"bli", "ble", positive},
      {"alli", "al", positive},     {"entli", "ent", positive},   {"eli", "e", positive},
      {"ousli", "ous", positive},   {"ization", "ize", positive}, {"ation", "ate", positive},
      {"ator", "ate", positive},    {"alism", "al", positive},    {"iveness", "ive", positive},
      {"fulness", "ful", positive}, {"ousness", "ous", positive}, {"aliti", "al", positive},
      {"iviti", "ive", positive},   {"biliti", "ble", positive},  {"fulli", "ful", positive},
      // NLTK tests the measure of the word less three letters ("-logi" less "ogi").
      {"logi", "log", [&word](const Word&) { return hasPositiveMeasure(withoutSuffix(word, 3)); }},
  };
  return applyRuleList(word, rules);
}

Word step3(const Word& word) {
  const Condition positive = hasPositiveMeasure;
  return applyRuleList(word, {{"icate", "ic", positive},
                              {"ative", "", positive},
                              {"alize", "al", positive},
                              {"iciti", "ic", positive},
                              {"ical", "ic", positive},
                              {"ful", "", positive},
                              {"ness", "", positive}});
}

Word step4(const Word& word) {
  const Condition above1 = [](const Word& s) { return measure(s) > 1; };
  return applyRuleList(word, {{"al", "", above1},
                              {"ance", "", above1},
                              {"ence", "", above1},
                              {"er", "", above1},
                              {"ic", "", above1},
                              {"able", "", above1},
                              {"ible", "", above1},
                              {"ant", "", above1},
                              {"ement", "", above1},
                              {"ment", "", above1},
                              {"ent", "", above1},
                              {"ion", "",
                               [](const Word& s) { return measure(s) > 1 && !s.empty() && (s.back() == 's' || s.back() == 't'); }},
                              {"ou", "", above1},
                              {"ism", "", above1},
                              {"ate", "", above1},
                              {"iti", "", above1},
                              {"ous", "", above1},
                              {"ive", "", above1},
                              {"ize", "", above1}});
}

Word step5a(const Word& word) {
  if (endsWith(word, "e")) {
    Word stem = withoutSuffix(word, 1);
    const int m = measure(stem);
    if (m > 1) return stem;
    if (m == 1 && !endsCvc(stem)) return stem;
  }
  return word;
}

Word step5b(const Word& word) {
  return applyRuleList(word, {{"ll", "l", [&word](const Word&) { return measure(withoutSuffix(word, 1)) > 1; }}});
}

std::optional<std::string_view> irregularForm(std::string_view word) {
  static constexpr std::pair<std::string_view, std::string_view> kPool[] = {
      {"sky", "sky"},         {"skies", "sky"},     {"dying", "die"},        {"lying", "lie"},
      {"tying", "tie"},       {"news", "news"},     {"innings", "inning"},   {"inning", "inning"},
      {"outings", "outing"},  {"outing", "outing"}, {"cannings", "canning"}, {"canning", "canning"},
      {"howe", "howe"},       {"proceed", "proceed"}, {"exceed", "exceed"},  {"succeed", "succeed"},
  };
  for (const auto& [form, stem] : kPool)
    if (form == word) return stem;
  return std::nullopt;
}

}  // namespace

std::string porterStem(std::string_view input) {
  Word word;
  word.reserve(input.size());
  for (char c : input) word += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  if (auto irregular = irregularForm(word)) return std::string(*irregular);
  if (word.size() <= 2) return word;
  word = step1a(word);
  word = step1b(word);
  word = step1c(word);
  word = step2(word);
  word = step3(word);
  word = step4(word);
  word = step5a(word);
  word = step5b(word);
  return word;
}

}  // namespace ugc::annotation::scoring
