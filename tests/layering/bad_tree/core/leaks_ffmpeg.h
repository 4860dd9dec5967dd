// Fixture for the layering test: FFmpeg headers must not appear in public headers.
#include <libavformat/avformat.h>
