#include "model/extractors/objects_signal.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "model/extractors/frame_position.h"
#include "model/perception/faces.h"
#include "model/perception/objects.h"

namespace ugc::model {

namespace {
constexpr double kBackgroundAreaShare = 0.1;
}  // namespace

void ObjectTracker::beginStretch() { stretch_.clear(); }

bool ObjectTracker::repeatLast(double time) {
  if (stretch_.empty()) return false;
  ++signal_.framesSampled;
  // Per category, its detections in the latest frame of the stretch that had any: a weak object
  // one of the stretch's two detections missed is still in the picture, and no count is inflated.
  ObjectFrame again{time, {}};
  std::vector<std::string> done;
  for (auto frame = stretch_.rbegin(); frame != stretch_.rend(); ++frame)
    for (const auto& d : signal_.frames[*frame].detections)
      if (std::find(done.begin(), done.end(), d.category) == done.end()) {
        for (const auto& same : signal_.frames[*frame].detections)
          if (same.category == d.category) again.detections.push_back(same);
        done.push_back(d.category);
      }
  signal_.frames.push_back(std::move(again));
  return true;
}

Status ObjectTracker::observe(const media::RgbImage& frame, double time) {
  ++signal_.framesSampled;
  ++signal_.framesDetected;
  auto found = detector_.detect(frame);
  if (!found) return tl::unexpected(found.error());
  ObjectFrame out{time, {}};
  for (const auto& d : *found) {
    ObjectDetection detection;
    detection.category = d.category;
    detection.score = d.score;
    detection.box = {double(d.x) / frame.width, double(d.y) / frame.height, double(d.width) / frame.width,
                     double(d.height) / frame.height};
    detection.color = dominantColourName(frame, d.x, d.y, d.width, d.height);
    out.detections.push_back(std::move(detection));
  }
  stretch_.push_back(signal_.frames.size());
  signal_.frames.push_back(std::move(out));
  return {};
}

ObjectsSignal ObjectTracker::finish() const {
  ObjectsSignal out = signal_;
  out.ran = true;
  out.method = ObjectDetector::kModelName;
  out.summary = summariseObjects(out.frames);
  return out;
}

std::vector<ObjectSummary> summariseObjects(const std::vector<ObjectFrame>& frames) {
  struct Tally {
    std::vector<int> perFrame;  // counts in the frames it was seen in
    std::map<std::string, double> colourArea;
    double centreX = 0, centreY = 0, area = 0;  // area-weighted sums of box centres
    double scoreSum = 0;
    int detections = 0;
  };
  std::map<std::string, Tally> tallies;
  std::vector<std::string> order;  // first appearance
  for (const auto& frame : frames) {
    std::map<std::string, int> counts;
    std::map<std::string, double> largest;  // per category, its largest box in this frame
    for (const auto& d : frame.detections) largest[d.category] = std::max(largest[d.category], d.box.width * d.box.height);
    for (const auto& d : frame.detections) {
      auto [it, fresh] = tallies.try_emplace(d.category);
      if (fresh) order.push_back(d.category);
      Tally& t = it->second;
      // Instances under a tenth of the largest one's area are background (a crowd behind the
      // footballer, cars far down the street): they show the category but are not in clear view.
      if (d.box.width * d.box.height >= kBackgroundAreaShare * largest[d.category]) ++counts[d.category];
      if (!d.color.empty()) t.colourArea[d.color] += d.box.width * d.box.height;
      const double a = std::max(1e-6, d.box.width * d.box.height);
      t.centreX += a * (d.box.x + d.box.width / 2), t.centreY += a * (d.box.y + d.box.height / 2), t.area += a;
      t.scoreSum += d.score;
      ++t.detections;
    }
    for (const auto& [category, n] : counts) tallies[category].perFrame.push_back(n);
  }
  // A category seen in a single frame of three or more is flicker, not an object in the video.
  const size_t minFrames = frames.size() >= 3 ? 2 : 1;
  std::vector<ObjectSummary> out;
  for (const auto& category : order) {
    const Tally& t = tallies[category];
    if (t.perFrame.size() < minFrames) continue;
    std::vector<int> counts = t.perFrame;
    std::sort(counts.rbegin(), counts.rend());
    ObjectSummary s;
    s.category = category;
    // Most instances at once, confirmed by a second frame: one frame's extra false box does not count.
    s.count = counts.size() >= 2 ? counts[1] : counts[0];
    double bestArea = -1;
    for (const auto& [colour, area] : t.colourArea)
      if (area > bestArea) s.color = colour, bestArea = area;
    const double n = t.detections;
    // Where the big instances are: small background ones (a crowd) do not pull the position away.
    s.position = framePositionWords({t.centreX / t.area - 0.01, t.centreY / t.area - 0.01, 0.02, 0.02});
    s.confidence = t.scoreSum / n;
    s.frames = int(t.perFrame.size());
    out.push_back(s);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.frames != b.frames ? a.frames > b.frames : a.confidence > b.confidence;
  });
  return out;
}

bool FaceTracker::repeatLast(double time) {
  if (signal_.frames.empty()) return false;
  ++signal_.framesSampled;
  FaceFrame again = signal_.frames.back();
  again.time = time;
  signal_.frames.push_back(std::move(again));
  return true;
}

Status FaceTracker::observe(const media::RgbImage& frame, double time) {
  ++signal_.framesSampled;
  ++signal_.framesDetected;
  auto found = detector_.detect(frame);
  if (!found) return tl::unexpected(found.error());
  FaceFrame out{time, {}, {}};
  for (const auto& f : *found) {
    out.faces.push_back({double(f.x) / frame.width, double(f.y) / frame.height, double(f.width) / frame.width,
                         double(f.height) / frame.height});
    out.scores.push_back(f.score);
  }
  signal_.frames.push_back(std::move(out));
  return {};
}

FacesSignal FaceTracker::finish() const {
  FacesSignal out = signal_;
  out.ran = true;
  out.method = FaceDetector::kModelName;
  summariseFaces(out);
  return out;
}

void summariseFaces(FacesSignal& faces) {
  std::vector<int> counts;
  for (const auto& f : faces.frames) counts.push_back(int(f.faces.size()));
  std::sort(counts.rbegin(), counts.rend());
  faces.count = counts.empty() ? 0 : counts.size() >= 2 ? counts[1] : counts[0];
  faces.positions.clear();
  for (const auto& f : faces.frames)
    if (int(f.faces.size()) == faces.count && faces.count > 0) {
      for (const auto& box : f.faces) faces.positions.push_back(framePositionWords(box));
      break;
    }
}

std::string objectsAnswer(const ObjectsSignal& objects) {
  std::string out;
  for (const auto& s : objects.summary) {
    if (!out.empty()) out += "; ";
    out += s.category + " (count: " + std::to_string(s.count) + ", color: " + (s.color.empty() ? "N/A" : s.color) +
           ", position: " + (s.position.empty() ? "N/A" : s.position) + ")";
  }
  return out;
}

}  // namespace ugc::model
