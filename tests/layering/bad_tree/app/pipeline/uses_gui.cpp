// Fixture for the layering test: the engine (app/pipeline) sits below the GUI.
#include "gui/main_window.h"
