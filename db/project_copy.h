#pragma once
// Moving a project between modes (`ugccap migrate FROM TO`): every row of an SQLite project
// into a PostgreSQL one and back, ids included (but QA history rows', renumbered), so every
// revision, review, QA version, lease and audit entry survives as it was. The target must be a new, empty project. The counters
// are rebuilt by the target's own triggers, not copied. The caller verifies the copy by
// comparing the two projects' exports (the CLI does).

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
#include "db/project.h"

namespace ugc::db {

struct CopyReport {
  struct Table {
    std::string name;
    int64_t rows = 0;
  };
  std::vector<Table> tables;
  int64_t rows = 0;
};

// All or nothing: one transaction on the target; a failure or a cancel leaves it empty.
Result<CopyReport> copyProject(Project& from, Project& to, const ProgressSink& progress, const CancelToken& cancel);

}  // namespace ugc::db
