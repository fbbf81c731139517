// The desktop app: owns the project and everything the user sees, and builds one ImGui frame at
// a time over the map. The GLFW window lives in desktop.cpp; this class only needs an ImGui
// context and a current GL 3.3 context, so tests run its frames headless.
#pragma once
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/attribute_table.h"
#include "core/coverage.h"
#include "core/i18n.h"
#include "core/kpi.h"
#include "core/model.h"
#include "core/project_edit.h"
#include "core/search.h"
#include "io/pg_sync.h"
#include "ui/file_chooser.h"
#include "ui/fonts.h"
#include "ui/map_canvas.h"
#include "ui/panel_layout.h"
#include "ui/year_maps.h"

namespace gapmap::ui {

// What the mouse points at or what was clicked: a village or an admin unit, by code.
struct Selection {
    std::string level;  // "village", "commune", "district", "province"; empty = nothing
    std::string code;
    bool empty() const { return code.empty(); }
};

struct PanelState {
    bool layers = true;
    bool details = true;
    bool search = true;
    bool priorities = false;
    bool help = false;
    bool about = false;
    bool dashboard = false;   // app_dashboard.cpp
    bool timeline = false;
    bool data = false;        // app_data_panel.cpp
    bool table = false;       // the attribute table, app_table.cpp
};

struct TableView;  // app_table.cpp

// What the Priorities panel filters by.
struct PriorityFilter {
    std::string district, commune;  // codes; empty = all
    int gap = -1;                   // index into kAllGaps; -1 = any
    float minScore = 0;
    std::string text;               // village name (compared folded) or code
};

class App {
public:
    // `path` is empty for the embedded demo. Throws InputError for a file that is not a project.
    // `progressive` (the desktop window, ui/desktop.cpp): the map's first frame comes before its
    // boundaries and zoom bands, which sharpen it as they land (MapCanvas).
    App(Project project, std::string path, Fonts fonts, bool progressive = false);
    ~App();

    // One frame: the map into the bound framebuffer (`widthPx` x `heightPx`), then the panels.
    // Call between ImGui::NewFrame() and ImGui::Render().
    void frame(int widthPx, int heightPx);
    // Whether the next frame would differ (input aside): the shell sleeps otherwise.
    bool wantsRedraw() const;
    bool quitRequested() const { return quit_; }

    // For shortcuts, menus and tests.
    MapCanvas& map() { return *map_; }
    const Project& project() const { return project_; }
    void select(const Selection& s);
    const Selection& selection() const { return selected_; }
    const Selection& hovered() const { return hovered_; }  // what the tooltip describes
    const CoverageResult& coverage() const { return coverage_; }
    const CoverageRules& rules() const { return rules_; }
    // As the rules editor does: re-analyses at once and saves the rules in the project.
    void setRules(const CoverageRules& rules) { rules_ = rules; updateCoverage(true); }
    // The priority rows the panel shows with its current filters, in its order (indices into
    // coverage().villages).
    std::vector<std::uint32_t> visiblePriorities() const;
    PriorityFilter& priorityFilter() { return priorityFilter_; }
    void flyTo(const SearchEntry& place);
    void openProject(const std::string& path);  // keeps the current project on failure, with a message
    bool exportPng(const std::string& path, int widthPx, int heightPx);
    // File › Export report: the PDF of `gapmap export-report` (app_report_dialog.cpp).
    bool exportReport(const std::string& path, bool perDistrict);
    // Long work behind a progress dialog (app_progress.cpp): `work` runs on a worker thread with a
    // core/progress.h Progress installed (it must not touch the App); `done` runs on the UI thread
    // afterwards with the exception the work threw (Cancelled after a cancel), or null. The dialog
    // offers Cancel when `cancellable`: the work stops at its next progressCheckpoint().
    void startTask(std::string title, bool cancellable, std::function<void()> work, std::function<void(std::exception_ptr)> done);
    bool taskRunning() const { return task_ != nullptr; }
    void cancelTask();
    // The report dialog's export in the background (what its Export button does).
    void startReport(const std::string& path, bool perDistrict);
    const std::string& status() const { return status_; }
    // An admin unit's population as the tooltip shows it: the analysis's figure, or "no data".
    std::string populationText(const AdminUnit& unit) const;
    PanelState& panels() { return panels_; }
    // The docked panels and the map's rectangle (app_layout.cpp; panel_layout.h says how a panel joins).
    PanelLayout& layout() { return layout_; }
    // The band at the top of the window, above the menu bar, with the exact-locations warning and
    // the synthetic-data mark (window px); empty when neither applies. Nothing is drawn over it.
    RectPx bannerRect() const;
    // Column widths, height shares and which panels are open, as "key=value" lines; and the same
    // kept in ui::userConfigDir()/layout.txt between sessions (the desktop shell calls these).
    std::string layoutText() const;
    void applyLayoutText(const std::string& text);
    void restoreLayout();
    void saveLayout() const;
    const std::string& path() const { return path_; }
    // The browser of the File dialogs (Open, Import, Export PNG, Export report, Save as), for tests.
    FileChooser& fileChooser() { return files_; }
    const std::string& dialogMessage() const { return dialogMessage_; }

    // Edits made in the app (app_edits.cpp): each call is written at once to the project file as one
    // transaction (io/project_edits.h) — the autosave — then applied to the map, coverage and priority
    // table, and pushed on the undo stack. The demo (no file) is edited in memory only and says so.
    // False when the file refused the edit: nothing changed, the status line says why.
    bool edit(std::vector<FieldEdit> edits);
    bool undo();  // writes the previous values back through the same transaction path
    bool redo();
    bool canUndo() const { return !undo_.empty(); }
    bool canRedo() const { return !redo_.empty(); }
    // Writes the whole project to `path` (temporary file + rename) and keeps editing that file.
    bool saveAs(const std::string& path);

    // Timeline (app_dashboard.cpp): the map, the coverage and the KPIs show the project as it
    // stood at the end of `year` (projectAsOf); nullopt = now, the full project.
    void showYear(std::optional<int> year);
    std::optional<int> shownYear() const { return asOfYear_; }
    const Project& fullProject() const { return full_; }
    const KpiBoard& kpis();                     // of the shown year
    const KpiBoard& kpisOf(int year);           // of any year (the comparison column)
    void compareWith(int year) { comparing_ = year != 0; compareYear_ = year; }  // 0: no comparison
    // Presentation mode (app_presentation.cpp): F5 enters, Esc leaves, arrows/PageUp/PageDown step.
    struct PresentationView {
        std::string title;
        std::vector<std::pair<std::string, std::string>> figures;  // label, value
        BBox box;                                                  // EPSG:4326; empty = the province
        std::vector<std::string> layers;                           // the map layers shown
        std::string unit;                                          // a district view: its code (the map's focus)
    };
    // Where presentation mode draws (app_presentation.cpp), in pixels of the last frame: the map's
    // subject is fitted inside the free area (the frame minus `freeInsets`); the figure cards.
    struct PresentationLayout {
        render::Insets freeInsets;
        float cardsLeftPx = 0, cardsTopPx = 0, cardsRightPx = 0, cardsBottomPx = 0;
    };
    void enterPresentation();
    void leavePresentation();
    void stepPresentation(int delta);
    bool presenting() const { return presenting_; }
    int presentationIndex() const { return view_; }
    const std::vector<PresentationView>& presentationViews() const { return views_; }
    // GAPMAP_PRESENT: enters presentation mode at view `number` (counted from 1). False, not
    // presenting, and `error` says which views exist, when there is no such view.
    bool startPresentation(const std::string& number, std::string* error);
    const PresentationLayout& presentationLayout() const { return presentLayout_; }
    // The renderer presentation mode draws the map with: legend and scale bar sized for a projector.
    const render::MapRenderer* presentationRenderer() const { return presentRenderer_.get(); }
    // The shell switches the window to full screen while this holds.
    bool wantsFullscreen() const { return presenting_; }

    // The attribute table (app_table.cpp): tab 0 villages, 1 communes; the rows it shows with its
    // filters and sort (codes, in order), where a row or a column header was drawn in the last frame
    // (for tests), and Export CSV of exactly those rows.
    struct ScreenRect { float x0 = 0, y0 = 0, x1 = 0, y1 = 0; };
    int tableTab();
    TableQuery& tableQuery(int tab);  // its filters and sort; ImGui's sort specs write the sort on a header click
    std::vector<std::string> tableShownCodes();
    std::optional<ScreenRect> tableRowRect(const std::string& code);
    std::optional<ScreenRect> tableHeaderRect(const std::string& column);
    bool exportTableCsv(const std::string& path);

private:
    void handleShortcuts();
    void handleMapInput(const RectPx& mapRect);
    void drawMenuBar();
    void drawDialogs();
    void drawReportDialog();
    // The progress dialog of the running task, drawn inside the dialog that started it (a modal on
    // that modal); runs the task's `done` once the work has ended.
    void drawTaskDialog();
    struct LongTask;
    std::shared_ptr<LongTask> task_;  // shared_ptr: complete only in app_progress.cpp, whose deleter joins the worker
    bool reportFinished_ = false;  // the background report succeeded: its dialog closes
    // File › Make collection workbook… and File › Import returns… (app_collection.cpp).
    void drawCollectionDialogs();
public:
    struct CollectionDialogs {
        bool workbookOpen = false, returnsOpen = false;
        FileChooser files;
        std::string scopeCode;                  // a district or commune; empty = the whole province
        bool withTrustedAddresses = false, withOutcomes = false;  // sensitive sheets: only when ticked
        std::vector<std::string> returnFiles;   // gathered, then imported in one transaction
        bool update = true;                     // merge by key (--update)
        std::string message;                    // the last result or refusal
        FileChooser::RectPx importButton;       // where "Import N files" was last drawn (tests click it)
    };
    CollectionDialogs& collectionDialogs() { return collection_; }
    // File › Sync with server (app_sync.cpp): the open file is an offline copy; sync it now.
    bool isOfflineCopyOpen() const;
    void runSync();
    struct SyncDialog {
        bool open = false;
        std::string message;                  // the last result or failure
        std::vector<SyncConflict> conflicts;  // unresolved, after the last sync
    };
    const SyncDialog& syncDialog() const { return sync_; }
private:
    void drawSyncDialog();
    SyncDialog sync_;
    void drawLayersPanel();
    void drawLayerFilters();  // the Layers panel's controls of priority_villages (app_layer_filters.cpp)
    void drawSearchPanel();
    void drawDetailsPanel();
    void drawValueSources(const std::string& villageCode);  // app_panels.cpp: the village's provenance
    void drawPrioritiesPanel();
    // Re-runs the coverage analysis after a rule or weight changed; `save` writes the rules
    // into the project's settings (and the project file, when there is one).
    void updateCoverage(bool save);
    void drawHelpWindow();
    void drawStatusBar();
    void drawTooltip();
    // app_layout.cpp
    void dockPanels();
    void expectPanels();  // tells the layout which of the app's panels this frame draws
    void drawMap(const RectPx& rect);
    void drawHighlight(ImDrawList* draw) const;
    void drawBanners() const;
    float bannerHeightPx() const;
    void setProject(Project project, std::string path);
    // app_edits.cpp
    struct EditStep { std::vector<FieldEdit> after, before; };
    bool writeEdits(const std::vector<FieldEdit>& edits);  // to the file; false: not written, status says why
    void applyEdits(const std::vector<FieldEdit>& edits);  // to the project and what is derived from it
    bool replay(bool undoing);                             // undo() and redo()
    void drawVillageEditor(const Village& village);
    void drawEditMenu();
    void drawSaveAsDialog();
    Selection pick(double xPx, double yPx) const;
    void drawDashboardPanel();
    void drawDataPanel();     // the tables: loaded or not, file, time, rows (app_data_panel.cpp)
    void drawTimelinePanel();
    void drawYearSlider();
    void drawComparison();
    void drawKpiCard(const KpiCard& card, const KpiBoard& board, float widthPx);
    void buildPresentationViews();
    void showPresentationView();
    void handlePresentationKeys();
    void drawPresentation(int widthPx, int heightPx);
    void drawTablePanel();
    TableView& tableView();
    const AttributeTable& attributeTable(int tab);        // rebuilt when the analysis changed
    const std::vector<std::size_t>& tableRows(int tab);   // filtered and sorted

    Project full_;      // as read; project_ is it, or projectAsOf(full_, *asOfYear_)
    Project project_;
    std::optional<int> asOfYear_;
    std::map<int, KpiBoard> kpiCache_;          // by year; cleared with the project
    bool comparing_ = false;                    // the dashboard compares two years
    int compareYear_ = 0;                       // the other year; 0 = not chosen yet
    bool compareMaps_ = true;                   // the comparison shows the two maps too
    std::unique_ptr<YearMaps> yearMaps_;
    bool presenting_ = false;
    int view_ = 0;
    std::vector<PresentationView> views_;
    bool presentationFitted_ = false;           // the camera frames the current view
    render::SceneOptions optionsBeforePresenting_;
    render::Camera cameraBeforePresenting_;
    PanelState panelsBeforePresenting_;
    std::unique_ptr<render::MapRenderer> presentRenderer_;  // made on first use, kept for the session
    PresentationLayout presentLayout_;
    std::string path_;
    CoverageRules rules_;
    CoverageResult coverage_;  // the same analysis as `gapmap report --priorities`
    PriorityFilter priorityFilter_;
    Fonts fonts_;
    std::unique_ptr<PlaceSearch> search_;
    std::unique_ptr<MapCanvas> map_;
    bool progressive_ = false;
    PanelState panels_;
    PanelLayout layout_;
    int mapFrames_ = 0;
    Lang mapLanguage_ = language();  // the language the map's scene was built in          // frames drawn since the map was made (the first ones refit it)
    render::Camera hoverCamera_; // the camera hovered_ was picked with
    Selection selected_, hovered_;
    std::string searchText_;
    bool focusSearch_ = false;
    std::string status_;
    bool quit_ = false;
    bool redraw_ = true;
    int widthPx_ = 0, heightPx_ = 0;
    // Dialog inputs.
    enum class Dialog { None, Open, Import, Export, Unlock, Report } dialog_ = Dialog::None;
    std::string dialogPath_, dialogTable_ = "villages", dialogMessage_;
    int exportWidth_ = 1920, exportHeight_ = 1080;
    FileChooser files_;  // one dialog at a time uses it (app_menus.cpp)
    CollectionDialogs collection_;
    std::string importPath_, reportPath_;  // the last files imported and reported: their dialogs start there
    // Undo/redo of edits made in this session (app_edits.cpp).
    std::vector<EditStep> undo_, redo_;
    std::string populationDraft_, populationDraftCode_;
    bool populationEditing_ = false, saveAsOpen_ = false;
    std::string saveAsPath_;
    bool reportPerDistrict_ = false;
    std::shared_ptr<TableView> table_;  // app_table.cpp (shared_ptr: the type stays private to that file)
};

}  // namespace gapmap::ui
