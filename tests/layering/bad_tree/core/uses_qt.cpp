// Fixture for the layering test: Qt stays in app/.
#include <QString>
