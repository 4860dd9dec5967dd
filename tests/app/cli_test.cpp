#include <gtest/gtest.h>

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/cli_app.h"
#include "cli/command_table.h"
#include "cli/console_progress.h"
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

std::vector<std::string> listedSubcommands(const std::string& help) {
  std::vector<std::string> names;
  std::istringstream lines(help);
  std::string line;
  bool inList = false;
  while (std::getline(lines, line)) {
    if (line.rfind("Subcommands:", 0) == 0) {
      inList = true;
      continue;
    }
    if (!inList) continue;
    if (line.empty()) break;
    std::istringstream words(line);
    std::string name;
    words >> name;
    names.push_back(name);
  }
  return names;
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
                              "stats", "qa", "faithfulness", "extract", "draft", "train", "eval-drafts", "version"}) {
    EXPECT_NE(out.standardOutput.find(command), std::string::npos) << command;
  }
  EXPECT_NE(out.standardOutput.find("Exit codes"), std::string::npos);
}

TEST(Cli, EverySubcommandHasItsOwnHelp) {
  // Each listed command must be real: its own usage line and options, no placeholder text.
  auto top = runBinary({"--help"});
  const auto names = listedSubcommands(top.standardOutput);
  ASSERT_GE(names.size(), 15u) << top.standardOutput;
  for (const auto& name : names) {
    auto out = runBinary({name, "--help"});
    EXPECT_EQ(out.exitCode, kExitOk) << name;
    EXPECT_NE(out.standardOutput.find("Usage:"), std::string::npos) << name;
    EXPECT_NE(out.standardOutput.find(" " + name), std::string::npos) << name << ": " << out.standardOutput;
    EXPECT_EQ(out.standardOutput.find("not available"), std::string::npos) << name;
    EXPECT_EQ(out.standardOutput.find("not in this build"), std::string::npos) << name;
    // Options beyond -h, or subcommands of its own.
    const bool hasOwnOptions =
        out.standardOutput.find("--", out.standardOutput.find("--help") + 6) != std::string::npos ||
        out.standardOutput.find("Positionals:") != std::string::npos ||
        out.standardOutput.find("Subcommands:") != std::string::npos;
    EXPECT_TRUE(hasOwnOptions) << name << ": " << out.standardOutput;
  }
}

TEST(Cli, ModelCommandsAreListedAndHandedToTheModelPart) {
  EXPECT_TRUE(isModelCommand("draft"));
  EXPECT_FALSE(isModelCommand("probe"));
  std::vector<std::string> args = {"ugccap", "-q", "draft", "--help"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  EXPECT_EQ(requestedSubcommand(int(argv.size()), argv.data()), "draft");
  // The light binary hands `draft --help` to ugccap-model, which prints draft's real options.
  auto out = runBinary({"draft", "--help"});
  EXPECT_EQ(out.exitCode, kExitOk);
  EXPECT_NE(out.standardOutput.find("--stage"), std::string::npos) << out.standardOutput;
}

TEST(Cli, OptionsDoNotCarryOverToTheNextCallInTheSameProcess) {
  const auto dir = std::filesystem::temp_directory_path() / ("ugc-cli-options-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string project = (dir / "p.ugcproj").string();
  ASSERT_EQ(run({"-q", "init", "-p", project}), kExitOk);
  testing::internal::CaptureStdout();
  EXPECT_EQ(run({"-q", "qa", "generate", "-p", project, "--dry-run"}), kExitOk);
  const std::string first = testing::internal::GetCapturedStdout();
  testing::internal::CaptureStdout();
  EXPECT_EQ(run({"-q", "qa", "generate", "-p", project}), kExitOk);
  const std::string second = testing::internal::GetCapturedStdout();
  EXPECT_EQ(first.rfind("dry run", 0), 0u) << first;
  EXPECT_EQ(second.find("dry run"), std::string::npos) << "--dry-run leaked into the next call: " << second;
  std::filesystem::remove_all(dir);
}

TEST(Cli, CtrlCCancelsOnlyTheCallRunningNow) {
  {
    InterruptScope first;
    EXPECT_FALSE(interruptToken().isCancelled());
    ::raise(SIGINT);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!first.token().isCancelled() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_TRUE(first.token().isCancelled());
    EXPECT_TRUE(interruptToken().isCancelled());
  }
  InterruptScope second;
  EXPECT_FALSE(second.token().isCancelled()) << "a new call must not start cancelled";
  EXPECT_FALSE(interruptToken().isCancelled());
}

TEST(Cli, ValidateOnAManifestOfTheWrongTypesExitsTwoWithAReason) {
  const auto dir = std::filesystem::temp_directory_path() / ("ugc-cli-validate-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string project = (dir / "p.ugcproj").string(), out = (dir / "out").string();
  ASSERT_EQ(run({"-q", "init", "-p", project}), kExitOk);
  ASSERT_EQ(run({"-q", "export", "-p", project, "--format", "jsonl", "--out", out}), kExitOk);
  ASSERT_EQ(runBinary({"validate", out}).exitCode, kExitOk);
  const auto manifestPath = dir / "out" / "manifest.json";
  std::string manifest;
  {
    std::ifstream in(manifestPath);
    manifest.assign(std::istreambuf_iterator<char>(in), {});
  }
  const auto at = manifest.find("\"records\"");
  ASSERT_NE(at, std::string::npos) << manifest;
  const auto colon = manifest.find(':', at), end = manifest.find_first_of(",}\n", colon);
  manifest.replace(colon + 1, end - colon - 1, " \"many\"");
  std::ofstream(manifestPath, std::ios::trunc) << manifest;
  auto result = runBinary({"validate", out});
  EXPECT_EQ(result.exitCode, kExitInputError);
  EXPECT_NE(result.standardError.find("records"), std::string::npos) << result.standardError;
  EXPECT_EQ(result.standardError.find("internal error"), std::string::npos) << result.standardError;
  EXPECT_EQ(std::count(result.standardError.begin(), result.standardError.end(), '\n'), 1) << result.standardError;
  std::filesystem::remove_all(dir);
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
