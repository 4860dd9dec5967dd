// Fixture for the layering test: core's base library (errors, hashing, ...) has no FFmpeg.
#include <libavutil/sha.h>
