#include "io/demo_data.h"

#include <cpl_vsi.h>

#include "core/errors.h"
#include "core/embedded_file.h"
#include "core/i18n.h"
#include "io/gdal_session.h"

namespace gapmap {

std::string demoTitle() { return tr("demo.title"); }

namespace {

// The import order matters: villages join to communes, teams to villages.
const char* const kOrder[][2] = {
    {"admin_units", "demo_admin_units.geojson"},
    {"villages", "demo_villages.geojson"},
    {"communication_teams", "demo_communication_teams.csv"},
    {"trusted_addresses", "demo_trusted_addresses.csv"},
    {"clubs", "demo_clubs.csv"},
    {"activities", "demo_activities.csv"},
    {"commune_offices", "demo_commune_offices.csv"},
    {"outcomes", "demo_outcomes.csv"},
    {"targets", "demo_targets.csv"},
};

// Exposes an embedded file to GDAL as /vsimem/gapmap-demo/NAME for as long as it lives.
class MemFile {
public:
    explicit MemFile(const EmbeddedFile& f) : path_(std::string("/vsimem/gapmap-demo/") + f.name) {
        VSILFILE* fp = VSIFileFromMemBuffer(path_.c_str(), const_cast<GByte*>(f.data), f.size, FALSE);
        if (fp) VSIFCloseL(fp);
    }
    ~MemFile() { VSIUnlink(path_.c_str()); }
    const std::string& path() const { return path_; }
private:
    std::string path_;
};

}  // namespace

Project buildDemoProject(std::vector<ImportResult>* log) {
    GdalSession::ensure();
    Project project;
    for (const auto& [table, name] : kOrder) {
        const EmbeddedFile* file = nullptr;
        for (const EmbeddedFile& f : demoFiles())
            if (std::string(f.name) == name) file = &f;
        if (!file) throw InputError(tr("demo.error.missing_file", {name}));
        MemFile mem(*file);
        ImportRequest request;
        request.table = table;
        request.file = mem.path();
        ImportResult result = importInto(project, request);
        if (log) log->push_back(std::move(result));
    }
    project.setSetting("title", demoTitle());
    project.setSetting("synthetic", "1");
    project.setSetting("data_as_of", "2025-12-31");
    // The demo's rows came with their tables' load ("synthetic demo"), not from files a user can open.
    project.rowSources.clear();
    // Every table of the demo counts as loaded, the empty ones too ("none", not "no data").
    for (const TableSpec& spec : projectTables())
        project.recordLoad(spec.name, "synthetic demo", std::int64_t(project.rowCount(spec.name)));
    return project;
}

}  // namespace gapmap
