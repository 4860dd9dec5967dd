// Sampling 32 frames at 224 px from 60 s 1080x1920 clips: the media engine against the
// ffmpeg CLI (decode everything, keep 32) and against the unavoidable minimum (decode,
// on one core, only the reference frames up to the last target of each GOP holding one).
//   bench_frame_sampling [runs]
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>

#include "bench_media_support.h"
#include "core/frame_sampler.h"
#include "core/subprocess.h"

namespace fs = std::filesystem;
using namespace ugc;
using namespace ugc::bench;

namespace {

constexpr int kFrames = 32;
constexpr int kSize = 224;

// CPU seconds (user + system) of this process (all threads) or of its waited-for children:
// the work done, which other load on the machine does not inflate the way it does wall time.
double cpuSeconds(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Timing {
  double wall = 0;
  double cpu = 0;
};

struct DemuxedPacket {
  std::shared_ptr<AVPacket> packet;
  bool key = false;
  bool reference = false;  // some NAL unit has nal_ref_idc != 0
};

// H.264 in mp4: 4-byte big-endian NAL lengths, nal_ref_idc in bits 5-6 of the header byte.
bool isReferencePacket(const AVPacket* p) {
  for (int at = 0; at + 5 <= p->size;) {
    const uint32_t length = uint32_t(p->data[at]) << 24 | uint32_t(p->data[at + 1]) << 16 |
                            uint32_t(p->data[at + 2]) << 8 | p->data[at + 3];
    const uint8_t header = p->data[at + 4];
    const int type = header & 0x1f;
    if ((type == 1 || type == 5) && (header >> 5) != 0) return true;
    at += 4 + int(length);
  }
  return false;
}

struct MinimumResult {
  double seconds = 0;
  double cpu = 0;
  int64_t frames = 0;
};

// The lower bound: a single-threaded decoder fed only what the targets need.
MinimumResult unavoidableMinimum(const fs::path& path, const std::vector<double>& times) {
  AVFormatContext* format = nullptr;
  if (avformat_open_input(&format, path.c_str(), nullptr, nullptr) < 0) std::exit(1);
  const int index = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  AVStream* stream = format->streams[index];
  std::vector<DemuxedPacket> packets;  // decode order
  for (AVPacket* p = av_packet_alloc(); av_read_frame(format, p) >= 0;) {
    if (p->stream_index == index) {
      std::shared_ptr<AVPacket> copy(av_packet_clone(p), [](AVPacket* q) { av_packet_free(&q); });
      packets.push_back({copy, bool(p->flags & AV_PKT_FLAG_KEY), isReferencePacket(p)});
    }
    av_packet_unref(p);
  }
  // For every target: the packet shown at t (largest pts <= t) and its GOP's keyframe.
  std::map<size_t, size_t> lastNeededByGop;  // keyframe index -> last packet index needed
  std::vector<bool> isAnswer(packets.size(), false);
  for (double t : times) {
    const int64_t pts = av_rescale_q(int64_t(t * AV_TIME_BASE), AV_TIME_BASE_Q, stream->time_base);
    size_t answer = 0;
    int64_t best = INT64_MIN;
    for (size_t i = 0; i < packets.size(); ++i)
      if (packets[i].packet->pts <= pts && packets[i].packet->pts > best) best = packets[i].packet->pts, answer = i;
    size_t key = answer;
    while (key > 0 && !packets[key].key) --key;
    isAnswer[answer] = true;
    lastNeededByGop[key] = std::max(lastNeededByGop[key], answer);
  }
  const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
  AVCodecContext* context = avcodec_alloc_context3(codec);
  avcodec_parameters_to_context(context, stream->codecpar);
  context->thread_count = 1;
  avcodec_open2(context, codec, nullptr);
  AVFrame* frame = av_frame_alloc();
  MinimumResult result;
  const auto start = std::chrono::steady_clock::now();
  const double cpuStart = cpuSeconds(RUSAGE_SELF);
  for (const auto& [key, last] : lastNeededByGop) {
    avcodec_flush_buffers(context);
    for (size_t i = key; i <= last; ++i) {
      if (!packets[i].reference && !isAnswer[i]) continue;
      avcodec_send_packet(context, packets[i].packet.get());
      while (avcodec_receive_frame(context, frame) == 0) ++result.frames;
    }
    avcodec_send_packet(context, nullptr);
    while (avcodec_receive_frame(context, frame) == 0) ++result.frames;
  }
  result.seconds = secondsSince(start);
  result.cpu = cpuSeconds(RUSAGE_SELF) - cpuStart;
  av_frame_free(&frame);
  avcodec_free_context(&context);
  avformat_close_input(&format);
  return result;
}

Timing ffmpegCli(const fs::path& path, double duration) {
  const auto start = std::chrono::steady_clock::now();
  const double cpuStart = cpuSeconds(RUSAGE_CHILDREN);
  ProcessOptions options;
  options.captureStandardOutput = false;
  char filter[160];
  std::snprintf(filter, sizeof(filter), "fps=%d/%g,scale=%d:%d:force_original_aspect_ratio=decrease", kFrames, duration,
                kSize, kSize);
  auto run = runProcess({"ffmpeg", "-v", "error", "-i", path.string(), "-an", "-vf", filter, "-pix_fmt", "rgb24", "-f",
                         "rawvideo", "-"},
                        options);
  if (!run || run->exitCode != 0) std::exit(1);
  return {secondsSince(start), cpuSeconds(RUSAGE_CHILDREN) - cpuStart};
}

template <typename Work>
Timing timed(Work&& work) {
  const auto start = std::chrono::steady_clock::now();
  const double cpuStart = cpuSeconds(RUSAGE_SELF);
  work();
  return {secondsSince(start), cpuSeconds(RUSAGE_SELF) - cpuStart};
}

double medianOf(const std::vector<Timing>& timings, double Timing::*field) {
  std::vector<double> values;
  for (const auto& t : timings) values.push_back(t.*field);
  return median(values);
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  std::printf("Sampling %d frames at %d px (contain) from 60 s 1080x1920 30 fps H.264, median of %d runs\n\n", kFrames,
              kSize, runs);
  std::printf("%-22s | %8s %8s | %8s | %8s %8s | %8s | %7s %7s | %9s\n", "clip", "ours", "cpu", "ours-1w", "ffmpeg",
              "cpu", "min cpu", "wall x", "cpu x", "frames");
  for (BenchClip clip : {BenchClip::Portrait60sGop2, BenchClip::Portrait60sGop10}) {
    const fs::path path = benchClip(clip);
    const auto times = media::uniformSampleTimes(60.0, kFrames);
    media::FrameSamplerParams params;
    params.width = kSize;
    params.height = kSize;
    media::FrameSamplerParams single = params;
    single.workers = 1;
    std::vector<Timing> ours, oursOneWorker, cli;
    media::SamplerStats stats;
    bool ok = true;
    for (int r = 0; r < runs; ++r) {
      ours.push_back(timed([&] { ok = ok && media::sampleFramesUniform(path, kFrames, params, {}, {}, &stats).has_value(); }));
      oursOneWorker.push_back(timed([&] { ok = ok && media::sampleFramesUniform(path, kFrames, single).has_value(); }));
      cli.push_back(ffmpegCli(path, 60.0));
    }
    if (!ok) {
      std::fprintf(stderr, "sampling failed on %s\n", path.c_str());
      return 1;
    }
    const MinimumResult minimum = unavoidableMinimum(path, times);
    char framesText[32];
    std::snprintf(framesText, sizeof(framesText), "%lld/%lld", static_cast<long long>(stats.framesDecoded),
                  static_cast<long long>(minimum.frames));
    const double oursWall = medianOf(ours, &Timing::wall), oursCpu = medianOf(ours, &Timing::cpu);
    const double cliWall = medianOf(cli, &Timing::wall), cliCpu = medianOf(cli, &Timing::cpu);
    std::printf("%-22s | %7.2fs %7.2fs | %7.2fs | %7.2fs %7.2fs | %7.2fs | %6.2fx %6.2fx | %9s\n",
                path.filename().c_str(), oursWall, oursCpu, medianOf(oursOneWorker, &Timing::wall), cliWall, cliCpu,
                minimum.cpu, cliWall / oursWall, cliCpu / oursCpu, framesText);
  }
  std::printf(
      "\nours: wall and CPU seconds, one worker per core, single-threaded decoders skipping provably unneeded\n"
      "non-reference frames; ours-1w: one worker (wall); ffmpeg: `ffmpeg -i clip -an -vf fps=32/60,scale=224:224:\n"
      "force_original_aspect_ratio=decrease -pix_fmt rgb24 -f rawvideo -` (frame threads, all cores), wall and CPU;\n"
      "min cpu: one core decoding only the reference frames (and the targets) up to the last target of each GOP\n"
      "holding one, packets already in memory: the floor for any exact sampler; wall x / cpu x: ffmpeg over ours;\n"
      "frames: frames our decoders output / frames the minimum decodes.\n");
}
