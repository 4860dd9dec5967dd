// Fixture for the layering test: the workflow rules use core's base, not its media (FFmpeg).
#include "core/probe.h"
