// Fixture for the layering test: torch stays in model/*.cpp.
#include <torch/torch.h>
