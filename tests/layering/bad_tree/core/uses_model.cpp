// Fixture for the layering test: core/ depends on nothing of ours.
#include "core/error.h"
#include "model/captioner.h"
