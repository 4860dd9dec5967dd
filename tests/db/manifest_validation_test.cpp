// `validate` on a manifest whose fields have the wrong JSON type: a clear InvalidInput naming
// the field (exit 2 in the CLI), never an exception from the JSON library.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "db/project.h"
#include "db/project_export.h"
#include "support/test_support.h"

namespace ugc::db {
namespace {

namespace fs = std::filesystem;

fs::path exportOneVideo(const fs::path& dir) {
  auto project = Project::create(dir / "p.ugcproj");
  EXPECT_TRUE(project);
  NewVideo video;
  video.id = "v1";
  video.annotationOnly = true;
  video.origin = "test";
  EXPECT_TRUE(project->addVideo(video));
  ExportParams params;
  params.format = ExportFormat::Jsonl;
  EXPECT_TRUE(exportProject(*project, dir / "out", params, {}, {}));
  return dir / "out";
}

nlohmann::json readManifest(const fs::path& out) {
  return nlohmann::json::parse(test::readFile(out / "manifest.json"));
}

void writeManifest(const fs::path& out, const nlohmann::json& manifest) {
  std::ofstream(out / "manifest.json", std::ios::binary | std::ios::trunc) << manifest.dump(2);
}

}  // namespace

TEST(ManifestValidation, EveryFieldOfTheWrongTypeIsAClearInputError) {
  test::TempDir dir;
  const fs::path out = exportOneVideo(dir.path());
  const nlohmann::json good = readManifest(out);
  ASSERT_TRUE(validateExport(out));
  ASSERT_TRUE(good["files"].is_array() && !good["files"].empty());

  struct Tamper {
    const char* what;      // the field the error must name
    nlohmann::json value;  // a value of the wrong type
    bool inEntry;          // a field of files[0] rather than of the manifest
  };
  const Tamper tampers[] = {
      {"format", 7, false},
      {"format", nlohmann::json::array(), false},
      {"export_format", nullptr, false},
      {"export_format", 3.5, false},
      {"files", "many", false},
      {"files", nlohmann::json::object(), false},
      {"records", "many", true},
      {"records", -1, true},
      {"records", 1.5, true},
      {"sha256", 12, true},
      {"name", true, true},
      {"counts", "none", false},
  };
  for (const auto& tamper : tampers) {
    nlohmann::json manifest = good;
    if (tamper.inEntry) {
      manifest["files"][0][tamper.what] = tamper.value;
    } else {
      manifest[tamper.what] = tamper.value;
    }
    writeManifest(out, manifest);
    auto result = validateExport(out);
    ASSERT_FALSE(result) << tamper.what << " = " << tamper.value.dump();
    EXPECT_EQ(result.error().code, ErrorCode::InvalidInput) << tamper.what;
    EXPECT_NE(result.error().message.find(tamper.what), std::string::npos) << result.error().message;
  }
  // A manifest entry that is not an object, and a manifest that is not JSON.
  nlohmann::json notObject = good;
  notObject["files"][0] = "videos.jsonl";
  writeManifest(out, notObject);
  EXPECT_EQ(validateExport(out).error().code, ErrorCode::InvalidInput);
  std::ofstream(out / "manifest.json", std::ios::trunc) << "{\"format\": ";
  auto broken = validateExport(out);
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("not valid JSON"), std::string::npos);
  nlohmann::json badCounts = good;
  badCounts["counts"]["records"] = "many";
  writeManifest(out, badCounts);
  EXPECT_NE(validateExport(out).error().message.find("counts.records"), std::string::npos);
  badCounts["counts"]["records"] = 99;
  writeManifest(out, badCounts);
  EXPECT_NE(validateExport(out).error().message.find("counts.records says 99"), std::string::npos);
  // Restored, it validates again: the checks above are about the types, not the export.
  writeManifest(out, good);
  EXPECT_TRUE(validateExport(out));
}

}  // namespace ugc::db
