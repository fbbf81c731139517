// A file browser drawn with ImGui inside a dialog (neither ImGui nor Debian's imgui package has
// one): a typed path (Return opens a file or enters a folder), the current folder's sub-folders
// then files sorted by name (Vietnamese names by their folded form), ".." for the parent folder,
// a filter by extension and, for projects, the recent ones. Mouse: a click picks, a double click
// opens. Keyboard: the path field has focus when the dialog opens; Up/Down walk the list.
// ImGui and the standard library only; no GL.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace gapmap::ui {

struct FileFilter {
    std::string label;                    // shown in the filter list, e.g. "Dự án (*.gpkg)"
    std::vector<std::string> extensions;  // lower case with the dot (".tar.gz" works); empty = every file
};

class FileChooser {
public:
    struct Entry {
        std::string name;  // as the file system spells it; ".." is the parent folder
        bool folder = false;
    };

    // Starts in `path`'s folder (the current folder when `path` is empty or relative to nothing
    // that exists) with `path` typed, keyboard focus on the path field. `recent` lists paths to
    // offer above the folder (recent projects); `saving`: the chosen file need not exist and gets
    // the first filter's first extension when it has none.
    void reset(const std::string& path, std::vector<FileFilter> filters, std::vector<std::string> recent = {},
               bool saving = false);
    // Draws the chooser into the current window (a dialog), `widthPx` wide, then the dialog's
    // buttons (`action`, Cancel) and the message. Chosen: Return on a path that is not a folder, a
    // double click on a file or the action button; read chosen() then. Nothing typed is not a
    // choice: the chooser says so itself. Cancelled: the Cancel button or Escape.
    enum class Choice { None, Chosen, Cancelled };
    Choice draw(float widthPx, const std::string& action);
    // As Return in the path field: enters a folder (false) or chooses (true).
    bool submit();
    // A line under the buttons, in red: why the chosen file was refused (named by the caller).
    // The path field takes the keyboard back, to correct the path.
    void setMessage(std::string message) { message_ = std::move(message); focus_ = cursorToEnd_ = !message_.empty(); }
    const std::string& message() const { return message_; }
    // The typed path as a file name: "~" expanded, relative to the folder shown, the default
    // extension added when saving. Empty when nothing is typed.
    std::string chosen() const;
    const std::string& typed() const { return typed_; }
    const std::filesystem::path& folder() const { return folder_; }
    const std::vector<Entry>& entries() const { return entries_; }  // as listed, ".." first
    // Where the path field was last drawn, px from the frame's top left (tests look at it).
    struct RectPx { float x0 = 0, y0 = 0, x1 = 0, y1 = 0; };
    RectPx fieldRect() const { return fieldRect_; }
    // Shows `folder` (it must exist) and types its path with a trailing '/'.
    void enter(const std::filesystem::path& folder);

private:
    bool drawBrowser(float widthPx);  // true: chosen
    void list();
    void type(std::string text);  // replaces the typed path, even while the field is being edited
    void pick(int index);         // the keyboard or mouse cursor on entries_[index]
    bool open(int index);         // enters a folder or chooses a file; true for a file

    std::filesystem::path folder_;
    std::string typed_, pending_;  // pending_: a replacement the field takes in its next frame
    bool hasPending_ = false, focus_ = false, cursorToEnd_ = false, scrollToCursor_ = false, inCallback_ = false;
    std::vector<FileFilter> filters_;
    int filter_ = 0;
    std::vector<Entry> entries_;
    int cursor_ = -1;  // index into entries_; -1 = none
    std::vector<std::string> recent_;
    bool saving_ = false;
    std::string message_;
    RectPx fieldRect_;
};

// Recent projects, newest first, at most kRecentProjects: kept one path a line in
// userConfigDir()/recent_projects.txt. Nothing is remembered when there is no config folder.
constexpr size_t kRecentProjects = 8;
std::vector<std::string> recentProjects();
void rememberRecentProject(const std::string& path);

}  // namespace gapmap::ui
