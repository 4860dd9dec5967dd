#include "annotation/metrics.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>
#include <unordered_map>

namespace ugc::annotation {
namespace {

bool isTokenByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80;
}

bool isSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string normalizedLabel(std::string_view label) {
  const std::size_t begin = label.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  const std::size_t end = label.find_last_not_of(" \t\r\n");
  std::string out(label.substr(begin, end - begin + 1));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::size_t lcsLength(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::size_t> previous(b.size() + 1, 0);
  std::vector<std::size_t> current(b.size() + 1, 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

using NgramCounts = std::map<std::vector<std::string>, int>;

NgramCounts countNgrams(const std::vector<std::string>& tokens, std::size_t n) {
  NgramCounts counts;
  for (std::size_t i = 0; i + n <= tokens.size(); ++i)
    ++counts[std::vector<std::string>(tokens.begin() + i, tokens.begin() + i + n)];
  return counts;
}

struct Word {
  std::string_view text;
  std::size_t begin = 0;
  std::size_t end = 0;
};

std::vector<Word> splitWords(std::string_view text) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && isSpace(text[i])) ++i;
    const std::size_t begin = i;
    while (i < text.size() && !isSpace(text[i])) ++i;
    if (i > begin) words.push_back({text.substr(begin, i - begin), begin, i});
  }
  return words;
}

// Appends one word's operation, merging it into the previous run of the same kind.
class DiffBuilder {
 public:
  DiffBuilder(const std::vector<Word>& draft, const std::vector<Word>& final) : draft_(draft), final_(final) {}

  void add(DiffOp op, std::size_t draftIndex, std::size_t finalIndex) {
    const std::size_t draftAt = positionIn(draft_, draftIndex);
    const std::size_t finalAt = positionIn(final_, finalIndex);
    DiffSpan span{op, draftAt, draftAt, finalAt, finalAt, 1};
    if (op != DiffOp::Insert) span.draftEnd = draft_[draftIndex].end;
    if (op != DiffOp::Delete) span.finalEnd = final_[finalIndex].end;
    if (!spans_.empty() && spans_.back().op == op) {
      DiffSpan& last = spans_.back();
      if (op != DiffOp::Insert) last.draftEnd = span.draftEnd;
      if (op != DiffOp::Delete) last.finalEnd = span.finalEnd;
      ++last.words;
      return;
    }
    spans_.push_back(span);
  }
  std::vector<DiffSpan> take() { return std::move(spans_); }

 private:
  // Where word `index` starts, or the end of the text's last word when past the end.
  static std::size_t positionIn(const std::vector<Word>& words, std::size_t index) {
    if (index < words.size()) return words[index].begin;
    return words.empty() ? 0 : words.back().end;
  }
  const std::vector<Word>& draft_;
  const std::vector<Word>& final_;
  std::vector<DiffSpan> spans_;
};

constexpr std::size_t kMaxDiffCells = 4'000'000;

}  // namespace

std::vector<std::string> metricTokens(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  for (char c : text) {
    if (isTokenByte(c)) {
      current += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

Result<double> cohenKappa(const std::vector<std::string>& first, const std::vector<std::string>& second) {
  if (first.size() != second.size())
    return makeError(ErrorCode::InvalidArgument, "kappa needs the same items from both annotators");
  if (first.empty()) return makeError(ErrorCode::InvalidArgument, "kappa needs at least one item");
  std::map<std::string, int> firstCounts;
  std::map<std::string, int> secondCounts;
  int agreements = 0;
  for (std::size_t i = 0; i < first.size(); ++i) {
    const std::string a = normalizedLabel(first[i]);
    const std::string b = normalizedLabel(second[i]);
    ++firstCounts[a];
    ++secondCounts[b];
    if (a == b) ++agreements;
  }
  const double n = static_cast<double>(first.size());
  const double observed = agreements / n;
  double chance = 0;
  for (const auto& [label, count] : firstCounts) {
    auto other = secondCounts.find(label);
    if (other != secondCounts.end()) chance += (count / n) * (other->second / n);
  }
  if (chance >= 1.0) return 1.0;
  return (observed - chance) / (1.0 - chance);
}

namespace {

template <typename Fields>
Result<std::map<std::string, double>> fieldKappas(
    const std::vector<Fields>& first, const std::vector<Fields>& second,
    const std::vector<std::pair<std::string, std::string (*)(const Fields&)>>& fields) {
  if (first.size() != second.size() || first.empty())
    return makeError(ErrorCode::InvalidArgument, "field agreement needs the same, non-empty list of videos");
  std::map<std::string, double> kappas;
  for (const auto& [name, label] : fields) {
    std::vector<std::string> a, b;
    for (std::size_t i = 0; i < first.size(); ++i) {
      a.push_back(label(first[i]));
      b.push_back(label(second[i]));
    }
    auto kappa = cohenKappa(a, b);
    if (!kappa) return tl::unexpected(kappa.error());
    kappas[name] = *kappa;
  }
  return kappas;
}

}  // namespace

Result<std::map<std::string, double>> audioFieldKappas(const std::vector<AudioFields>& first,
                                                       const std::vector<AudioFields>& second) {
  return fieldKappas<AudioFields>(first, second,
                                  {{"tone", [](const AudioFields& f) { return f.tone; }},
                                   {"background_music", [](const AudioFields& f) { return f.backgroundMusic; }},
                                   {"music_style", [](const AudioFields& f) { return f.musicStyle; }},
                                   {"voice_source", [](const AudioFields& f) { return f.voiceSource; }},
                                   {"speaker_count", [](const AudioFields& f) {
                                      return f.speakerCount ? std::to_string(*f.speakerCount) : std::string();
                                    }}});
}

Result<std::map<std::string, double>> visualFieldKappas(const std::vector<VisualFields>& first,
                                                        const std::vector<VisualFields>& second) {
  return fieldKappas<VisualFields>(first, second, {{"background_changes", [](const VisualFields& f) {
                                                      if (!f.backgroundChanges) return std::string();
                                                      return std::string(*f.backgroundChanges ? "yes" : "no");
                                                    }}});
}

double rougeLF1(std::string_view candidate, std::string_view reference) {
  const auto c = metricTokens(candidate);
  const auto r = metricTokens(reference);
  if (c.empty() || r.empty()) return 0.0;
  const double lcs = static_cast<double>(lcsLength(c, r));
  if (lcs == 0) return 0.0;
  const double precision = lcs / c.size();
  const double recall = lcs / r.size();
  return 2 * precision * recall / (precision + recall);
}

double tokenJaccard(std::string_view first, std::string_view second) {
  const auto a = metricTokens(first);
  const auto b = metricTokens(second);
  const std::set<std::string> setA(a.begin(), a.end());
  const std::set<std::string> setB(b.begin(), b.end());
  if (setA.empty() && setB.empty()) return 1.0;
  std::size_t shared = 0;
  for (const std::string& token : setA) shared += setB.count(token);
  return static_cast<double>(shared) / static_cast<double>(setA.size() + setB.size() - shared);
}

Result<BleuScore> corpusBleu4(const std::vector<std::string>& candidates,
                              const std::vector<std::vector<std::string>>& references) {
  if (candidates.size() != references.size())
    return makeError(ErrorCode::InvalidArgument, "BLEU needs one reference list per candidate");
  if (candidates.empty()) return makeError(ErrorCode::InvalidArgument, "BLEU needs at least one candidate");
  std::array<double, 4> matches{};
  std::array<double, 4> totals{};
  BleuScore score;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (references[i].empty())
      return makeError(ErrorCode::InvalidArgument, "candidate " + std::to_string(i) + " has no reference");
    const auto candidate = metricTokens(candidates[i]);
    std::vector<std::vector<std::string>> refs;
    for (const std::string& reference : references[i]) refs.push_back(metricTokens(reference));
    score.candidateLength += candidate.size();
    std::size_t closest = refs.front().size();
    for (const auto& ref : refs) {
      const auto distance = [&](std::size_t length) {
        return length > candidate.size() ? length - candidate.size() : candidate.size() - length;
      };
      if (distance(ref.size()) < distance(closest) ||
          (distance(ref.size()) == distance(closest) && ref.size() < closest))
        closest = ref.size();
    }
    score.referenceLength += closest;
    for (std::size_t n = 1; n <= 4; ++n) {
      NgramCounts maxRef;
      for (const auto& ref : refs) {
        for (const auto& [gram, count] : countNgrams(ref, n)) maxRef[gram] = std::max(maxRef[gram], count);
      }
      for (const auto& [gram, count] : countNgrams(candidate, n)) {
        auto it = maxRef.find(gram);
        matches[n - 1] += std::min(count, it == maxRef.end() ? 0 : it->second);
        totals[n - 1] += count;
      }
    }
  }
  double logSum = 0;
  bool zero = false;
  for (std::size_t n = 0; n < 4; ++n) {
    score.precisions[n] = totals[n] > 0 ? matches[n] / totals[n] : 0.0;
    if (score.precisions[n] == 0)
      zero = true;
    else
      logSum += std::log(score.precisions[n]) / 4.0;
  }
  const double c = static_cast<double>(score.candidateLength);
  const double r = static_cast<double>(score.referenceLength);
  score.brevityPenalty = c == 0 ? 0.0 : (c > r ? 1.0 : std::exp(1.0 - r / c));
  score.bleu = zero ? 0.0 : score.brevityPenalty * std::exp(logSum);
  return score;
}

std::vector<DiffSpan> wordDiff(std::string_view draft, std::string_view final) {
  const std::vector<Word> a = splitWords(draft);
  const std::vector<Word> b = splitWords(final);
  DiffBuilder builder(a, b);
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix].text == b[prefix].text) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix].text == b[b.size() - 1 - suffix].text)
    ++suffix;
  for (std::size_t i = 0; i < prefix; ++i) builder.add(DiffOp::Equal, i, i);

  const std::size_t n = a.size() - prefix - suffix;
  const std::size_t m = b.size() - prefix - suffix;
  if (n * m > kMaxDiffCells) {
    for (std::size_t i = 0; i < n; ++i) builder.add(DiffOp::Delete, prefix + i, prefix);
    for (std::size_t j = 0; j < m; ++j) builder.add(DiffOp::Insert, prefix + n, prefix + j);
  } else {
    // lcs[i][j] = LCS of the middles' suffixes from i and j; walk forward to emit in order.
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        at(i, j) =
            a[prefix + i].text == b[prefix + j].text ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i].text == b[prefix + j].text) {
        builder.add(DiffOp::Equal, prefix + i++, prefix + j++);
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        // On a tie the deletion comes first: "old -> new" reads naturally.
        builder.add(DiffOp::Delete, prefix + i++, prefix + j);
      } else {
        builder.add(DiffOp::Insert, prefix + i, prefix + j++);
      }
    }
  }
  for (std::size_t k = 0; k < suffix; ++k) builder.add(DiffOp::Equal, a.size() - suffix + k, b.size() - suffix + k);
  return builder.take();
}

int wordEditDistance(std::string_view first, std::string_view second) {
  const std::vector<Word> a = splitWords(first);
  const std::vector<Word> b = splitWords(second);
  std::vector<int> previous(b.size() + 1);
  std::vector<int> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int substitute = previous[j - 1] + (a[i - 1].text == b[j - 1].text ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::vector<AnnotatorStats> annotatorStatistics(const std::vector<WorkflowEvent>& events) {
  std::vector<const WorkflowEvent*> ordered;
  for (const WorkflowEvent& event : events) ordered.push_back(&event);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const WorkflowEvent* a, const WorkflowEvent* b) { return a->at < b->at; });

  using TaskKey = std::pair<std::string, Stage>;
  std::map<TaskKey, std::pair<std::string, TimestampMs>> openWork;  // who started, when
  std::map<TaskKey, std::string> submitter;
  std::map<std::string, AnnotatorStats> stats;
  auto statsFor = [&](const std::string& name) -> AnnotatorStats& {
    AnnotatorStats& entry = stats[name];
    entry.annotator = name;
    return entry;
  };
  for (const WorkflowEvent* event : ordered) {
    const TaskKey key{event->videoId, event->stage};
    switch (event->action) {
      case WorkflowAction::Start:
      case WorkflowAction::Withdraw:
      case WorkflowAction::Reopen:
        // Work (re)starts now; a withdrawn submission goes back to its author.
        if (event->action == WorkflowAction::Withdraw) ++statsFor(event->actor).withdrawn;
        openWork[key] = {event->action == WorkflowAction::Reopen ? std::string() : event->actor, event->at};
        break;
      case WorkflowAction::Submit: {
        StageWork& work = statsFor(event->actor).stages[event->stage];
        ++work.submissions;
        auto open = openWork.find(key);
        if (open != openWork.end()) {
          work.workMs += std::max<TimestampMs>(0, event->at - open->second.second);
          openWork.erase(open);
        }
        submitter[key] = event->actor;
        break;
      }
      case WorkflowAction::Approve:
      case WorkflowAction::Reject: {
        auto author = submitter.find(key);
        if (author == submitter.end()) break;
        AnnotatorStats& entry = statsFor(author->second);
        if (event->action == WorkflowAction::Approve)
          ++entry.approved;
        else
          ++entry.rejected;
        break;
      }
      case WorkflowAction::AttachDraft:
        break;
    }
  }
  std::vector<AnnotatorStats> result;
  for (auto& [name, entry] : stats) result.push_back(std::move(entry));
  return result;
}

}  // namespace ugc::annotation
