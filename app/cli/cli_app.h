#pragma once
// The `ugccap` command line: every headless job of the toolkit.

namespace ugc::cli {

// Parses argv, runs the chosen subcommand and returns its exit code (see exit_codes.h).
int runCli(int argc, char** argv);

}  // namespace ugc::cli
