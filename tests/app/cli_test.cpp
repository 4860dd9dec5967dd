#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/cli_app.h"
#include "cli/exit_codes.h"
#include "core/subprocess.h"
#include "core/version.h"

namespace ugc::cli {
namespace {

int run(std::vector<std::string> args) {
  args.insert(args.begin(), "ugccap");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return runCli(int(argv.size()), argv.data());
}

ProcessOutput runBinary(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {UGC_CLI_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  auto result = runProcess(argv);
  EXPECT_TRUE(result) << result.error().describe();
  return result ? *result : ProcessOutput{};
}

}  // namespace

TEST(Cli, VersionFlagPrintsVersion) {
  auto out = runBinary({"--version"});
  EXPECT_EQ(out.exitCode, kExitOk);
  EXPECT_NE(out.standardOutput.find(versionString()), std::string::npos);
}

TEST(Cli, HelpListsEverySubcommandAndExitCodes) {
  auto out = runBinary({"--help"});
  EXPECT_EQ(out.exitCode, kExitOk);
  for (const char* command : {"demo-corpus", "probe", "frames", "features", "init", "import", "export", "validate",
                              "stats", "qa", "extract", "draft", "train", "eval-drafts", "version"}) {
    EXPECT_NE(out.standardOutput.find(command), std::string::npos) << command;
  }
  EXPECT_NE(out.standardOutput.find("Exit codes"), std::string::npos);
}

TEST(Cli, UsageErrorsExitWithOne) {
  EXPECT_EQ(run({}), kExitUsage);
  EXPECT_EQ(run({"no-such-command"}), kExitUsage);
  EXPECT_EQ(run({"demo-corpus"}), kExitUsage);  // missing DIR
}

TEST(Cli, VersionCommandReportsRuntimeLibraries) {
  auto out = runBinary({"version", "--json"});
  EXPECT_EQ(out.exitCode, kExitOk);
  for (const char* key : {"\"ugccap\"", "\"sqlite\"", "\"torch\"", "\"blas\""}) {
    EXPECT_NE(out.standardOutput.find(key), std::string::npos) << key;
  }
}

TEST(Cli, LibraryErrorsMapToDocumentedExitCodes) {
  EXPECT_EQ(reportError(Error{ErrorCode::InvalidInput, "x"}), kExitInputError);
  EXPECT_EQ(reportError(Error{ErrorCode::NotFound, "x"}), kExitInputError);
  EXPECT_EQ(reportError(Error{ErrorCode::Cancelled, ""}), kExitCancelled);
  EXPECT_EQ(reportError(Error{ErrorCode::Internal, "x"}), kExitFailure);
  EXPECT_EQ(reportError(Error{ErrorCode::InvalidArgument, "x"}), kExitUsage);
}

}  // namespace ugc::cli
