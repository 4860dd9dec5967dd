#pragma once
// The toolkit's log: libraries report diagnostics here (FFmpeg's own messages among them)
// instead of writing to the console or muting a third-party library process-wide. A program
// installs one sink (the CLI keeps the default, the GUI may show them); tests capture them.

#include <functional>
#include <string_view>

namespace ugc {

enum class LogLevel { Debug = 0, Info = 1, Warning = 2, Error = 3 };

// Receives every message at or above the threshold, from any thread (a sink must be
// thread-safe). `source` names the component, e.g. "ffmpeg".
using LogSink = std::function<void(LogLevel level, std::string_view source, std::string_view message)>;

// Replaces the sink (an empty one restores the default) and returns the previous one.
// Default: messages at or above the threshold go to stderr as "ugccap: SOURCE: MESSAGE".
LogSink setLogSink(LogSink sink);

// Messages below this level are dropped before any formatting. Default: from the environment
// variable UGC_LOG_LEVEL (debug, info, warning, error); unset, Error for the toolkit's own
// messages, and third-party chatter (FFmpeg's warnings about damaged input, which the
// toolkit already turns into error values) stays below it.
void setLogThreshold(LogLevel level);
LogLevel logThreshold();
bool logEnabled(LogLevel level);

void logMessage(LogLevel level, std::string_view source, std::string_view message);

}  // namespace ugc
