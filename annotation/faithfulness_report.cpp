#include "annotation/faithfulness_report.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace ugc::annotation {
namespace {

void add(ClaimCounts& counts, ClaimVerdict verdict) {
  switch (verdict) {
    case ClaimVerdict::Supported: ++counts.supported; break;
    case ClaimVerdict::Contradicted: ++counts.contradicted; break;
    case ClaimVerdict::Unsupported: ++counts.unsupported; break;
  }
}

const std::string& captionOf(const ReleaseVideo& video, Stage stage) {
  switch (stage) {
    case Stage::Audio: return video.audioCaption;
    case Stage::Visual: return video.visualCaption;
    case Stage::Joint: return video.finalCaption;
  }
  return video.finalCaption;
}

std::string percent(int part, int whole) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", whole > 0 ? 100.0 * part / whole : 0.0);
  return buffer;
}

std::string countsRow(const std::string& label, const ClaimCounts& counts) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "%-16s %8d %10d %8s %12d %8s %11d %8s\n", label.c_str(), counts.total(),
                counts.supported, percent(counts.supported, counts.total()).c_str(), counts.contradicted,
                percent(counts.contradicted, counts.total()).c_str(), counts.unsupported,
                percent(counts.unsupported, counts.total()).c_str());
  return buffer;
}

nlohmann::json countsJson(const ClaimCounts& counts) {
  return {{"claims", counts.total()},
          {"supported", counts.supported},
          {"contradicted", counts.contradicted},
          {"unsupported", counts.unsupported}};
}

}  // namespace

FaithfulnessFacts releaseStageFacts(const ReleaseVideo& video, Stage stage) {
  FaithfulnessFacts facts;
  if (stage != Stage::Visual) facts.audio = video.audio;
  if (stage != Stage::Audio) facts.visual = video.visual;
  return facts;
}

FaithfulnessReport faithfulnessReport(const ReleaseDataset& dataset, std::size_t worstCount) {
  FaithfulnessReport report;
  std::vector<VideoFaithfulness> videos;
  for (const ReleaseVideo& video : dataset.videos) {
    ++report.videos;
    VideoFaithfulness checked;
    checked.videoId = video.videoId;
    for (Stage stage : kAllStages) {
      const std::string& caption = captionOf(video, stage);
      if (caption.empty()) continue;
      ++report.captions;
      for (Claim& claim : checkFaithfulness(caption, stage, releaseStageFacts(video, stage))) {
        add(report.total, claim.verdict);
        add(report.perStage[stage], claim.verdict);
        add(report.perKind[claim.kind], claim.verdict);
        add(checked.counts, claim.verdict);
        if (claim.verdict == ClaimVerdict::Supported) continue;
        std::string text = caption.substr(claim.span.begin, claim.span.end - claim.span.begin);
        checked.flagged.push_back({stage, std::move(claim), std::move(text)});
      }
    }
    videos.push_back(std::move(checked));
  }
  std::sort(videos.begin(), videos.end(), [](const VideoFaithfulness& a, const VideoFaithfulness& b) {
    if (a.counts.contradicted != b.counts.contradicted) return a.counts.contradicted > b.counts.contradicted;
    if (a.counts.unsupported != b.counts.unsupported) return a.counts.unsupported > b.counts.unsupported;
    return a.videoId < b.videoId;
  });
  if (videos.size() > worstCount) videos.resize(worstCount);
  report.worst = std::move(videos);
  return report;
}

std::string formatFaithfulnessReport(const FaithfulnessReport& report, std::size_t claimsPerVideo) {
  std::string out = "Faithfulness of " + std::to_string(report.captions) + " captions of " +
                    std::to_string(report.videos) + " videos to their own fields\n\n";
  char header[160];
  std::snprintf(header, sizeof header, "%-16s %8s %10s %8s %12s %8s %11s %8s\n", "claim kind", "claims", "supported",
                "", "contradicted", "", "unsupported", "");
  out += header;
  for (ClaimKind kind : kAllClaimKinds) {
    const auto found = report.perKind.find(kind);
    out += countsRow(claimKindName(kind), found == report.perKind.end() ? ClaimCounts{} : found->second);
  }
  out += countsRow("all", report.total);
  out += "\n";
  out += header;
  for (Stage stage : kAllStages) {
    const auto found = report.perStage.find(stage);
    out += countsRow(std::string(stageName(stage)) + " captions",
                     found == report.perStage.end() ? ClaimCounts{} : found->second);
  }
  out += "\nWorst videos (most contradicted, then unsupported claims):\n";
  for (const VideoFaithfulness& video : report.worst) {
    out += video.videoId + ": " + std::to_string(video.counts.contradicted) + " contradicted, " +
           std::to_string(video.counts.unsupported) + " unsupported of " + std::to_string(video.counts.total()) +
           " claims\n";
    std::size_t shown = 0;
    // Contradicted claims first: they are what a reviewer must look at.
    for (ClaimVerdict verdict : {ClaimVerdict::Contradicted, ClaimVerdict::Unsupported}) {
      for (const ReportedClaim& flagged : video.flagged) {
        if (flagged.claim.verdict != verdict || shown == claimsPerVideo) continue;
        ++shown;
        out += "  " + std::string(stageName(flagged.stage)) + " " + claimKindName(flagged.claim.kind) + " " +
               claimVerdictName(verdict) + ": \"" + flagged.text + "\" - " + flagged.claim.reason + "\n";
      }
    }
    if (video.flagged.size() > shown) out += "  ... " + std::to_string(video.flagged.size() - shown) + " more\n";
  }
  return out;
}

std::string faithfulnessReportJson(const FaithfulnessReport& report) {
  nlohmann::json json;
  json["videos"] = report.videos;
  json["captions"] = report.captions;
  json["total"] = countsJson(report.total);
  nlohmann::json stages = nlohmann::json::object();
  for (const auto& [stage, counts] : report.perStage) stages[std::string(stageName(stage))] = countsJson(counts);
  json["stages"] = stages;
  nlohmann::json kinds = nlohmann::json::object();
  for (const auto& [kind, counts] : report.perKind) kinds[claimKindName(kind)] = countsJson(counts);
  json["kinds"] = kinds;
  nlohmann::json worst = nlohmann::json::array();
  for (const VideoFaithfulness& video : report.worst) {
    nlohmann::json claims = nlohmann::json::array();
    for (const ReportedClaim& flagged : video.flagged) {
      claims.push_back({{"stage", std::string(stageName(flagged.stage))},
                        {"kind", claimKindName(flagged.claim.kind)},
                        {"verdict", claimVerdictName(flagged.claim.verdict)},
                        {"text", flagged.text},
                        {"begin", flagged.claim.span.begin},
                        {"end", flagged.claim.span.end},
                        {"value", flagged.claim.value},
                        {"reason", flagged.claim.reason}});
    }
    worst.push_back({{"video_id", video.videoId}, {"counts", countsJson(video.counts)}, {"flagged", claims}});
  }
  json["worst"] = worst;
  // Captions may hold bytes that are not UTF-8: replace them rather than fail.
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace ugc::annotation
