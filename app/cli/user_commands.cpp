// users: the people of a project and their roles (annotator, reviewer, admin).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "annotation/workflow.h"
#include "cli/command_context.h"
#include "cli/exit_codes.h"
#include "db/project.h"

namespace ugc::cli {

void registerUserCommands(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::string project;
    std::string name;
    std::string role = "annotator";
    std::string passwordEnv = "UGC_NEW_PASSWORD";
  };
  auto options = std::make_shared<Options>();
  auto* users = app.add_subcommand("users", "List or add the project's users and their roles");
  users->require_subcommand(1);

  auto* list = users->add_subcommand("list", "List users with their roles");
  list->add_option("-p,--project", options->project, "Project file")->required();
  list->callback(runs(ctx, [options] {
    auto project = db::Project::open(options->project);
    if (!project) return reportError(project.error(), "users");
    auto all = project->users();
    if (!all) return reportError(all.error(), "users");
    for (const auto& user : *all) {
      std::printf("%-24s %s\n", user.name.c_str(), std::string(annotation::roleName(user.role)).c_str());
    }
    return int(kExitOk);
  }));

  auto* add = users->add_subcommand(
      "add", "Add a user (names are unique); on a postgresql:// project also the server login, held to its role by "
             "the server (needs CREATEROLE)");
  add->add_option("-p,--project", options->project, "Project file or postgresql:// URL")->required();
  add->add_option("--password-env", options->passwordEnv,
                  "Server projects: the environment variable holding a new login's password (never a command-line "
                  "argument)");
  add->add_option("name", options->name, "User name")->required();
  add->add_option("--role", options->role, "annotator, reviewer or admin")
      ->check(CLI::IsMember({"annotator", "reviewer", "admin"}));
  add->callback(runs(ctx, [options] {
    auto project = db::Project::open(options->project);
    if (!project) return reportError(project.error(), "users add");
    const auto role = annotation::parseRole(options->role);
    if (project->isServerProject()) {
      const char* password = std::getenv(options->passwordEnv.c_str());
      auto added = project->addServerLogin({options->name, *role}, password ? password : "");
      if (!added) {
        Error error = added.error();
        if (error.code == ErrorCode::InvalidArgument) error.message += " (set " + options->passwordEnv + ")";
        return reportError(error, "users add");
      }
      std::printf("added %s (%s), a server login held to that role\n", options->name.c_str(), options->role.c_str());
      return int(kExitOk);
    }
    if (auto added = project->addUser({options->name, *role}); !added) return reportError(added.error(), "users add");
    std::printf("added %s (%s)\n", options->name.c_str(), options->role.c_str());
    return int(kExitOk);
  }));
}

}  // namespace ugc::cli
