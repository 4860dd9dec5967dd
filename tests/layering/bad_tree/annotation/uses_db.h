// Fixture for the layering test: annotation/ must not depend on db/.
#include "db/store.h"
