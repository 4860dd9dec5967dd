// Fixture for the layering test: only db/ sees sqlite3.
#include <sqlite3.h>
