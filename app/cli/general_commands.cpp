// `ugccap version`: versions of the toolkit and the libraries it runs on.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/command_context.h"
#include "cli/command_table.h"
#include "cli/exit_codes.h"
#include "core/version.h"
#include "db/sqlite_info.h"
#include "model/torch_runtime.h"
#include "pipeline/resource_paths.h"

namespace ugc::cli {

void registerGeneralCommands(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("version", modelCommandDescription("version"));
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print one JSON object");
  cmd->callback(runs(ctx, [json] {
    auto torch = model::configureTorchRuntime(0);
    nlohmann::json info = {{"ugccap", versionString()},
                           {"sqlite", db::sqliteVersion()},
                           {"torch", torch.version},
                           {"torch_threads", torch.intraOpThreads},
                           {"blas", torch.blas}};
    // Where the built-in captioner is read from (install prefix, source tree or UGC_RESOURCES_DIR).
    auto captioner = pipeline::defaultCaptionerDir();
    info["captioner"] = captioner ? captioner->string() : "not found: " + captioner.error().message;
    if (*json) {
      std::printf("%s\n", info.dump().c_str());
    } else {
      for (auto& [key, value] : info.items()) {
        std::printf("%-14s %s\n", key.c_str(),
                    value.is_string() ? value.get<std::string>().c_str() : value.dump().c_str());
      }
    }
    return int(kExitOk);
  }));
}

}  // namespace ugc::cli
