// Fixture for the layering test: the GUI and the CLI do not depend on each other.
#include "cli/cli_app.h"
