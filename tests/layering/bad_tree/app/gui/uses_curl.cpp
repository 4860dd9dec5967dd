// Fixture for the layering test: curl stays in app/pipeline/*.cpp.
#include <curl/curl.h>
