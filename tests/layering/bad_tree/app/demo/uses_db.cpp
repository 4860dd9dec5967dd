// Fixture for the layering test: the demo generator uses core only, never the store.
#include "db/project.h"
