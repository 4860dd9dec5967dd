#include "cli/cli_app.h"

int main(int argc, char** argv) { return ugc::cli::runLightCli(argc, argv); }
