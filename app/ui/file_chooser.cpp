#include "ui/file_chooser.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <system_error>

#include "core/i18n.h"
#include "core/text_fold.h"
#include "ui/user_config.h"

namespace gapmap::ui {
namespace fs = std::filesystem;
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

bool hasExtension(const std::string& name, const std::vector<std::string>& extensions) {
    if (extensions.empty()) return true;
    const std::string l = lower(name);
    return std::any_of(extensions.begin(), extensions.end(),
                       [&](const std::string& e) { return l.size() > e.size() && l.ends_with(e); });
}

// "~/x" -> "$HOME/x", as a shell would.
std::string expandHome(const std::string& path) {
    const char* home = std::getenv("HOME");
    if (home && (path == "~" || path.rfind("~/", 0) == 0)) return home + path.substr(1);
    return path;
}

std::string withSlash(const fs::path& folder) {
    std::string s = folder.string();
    if (s.empty() || s.back() != '/') s += '/';
    return s;
}

fs::path recentFile() {
    const fs::path dir = userConfigDir();
    return dir.empty() ? fs::path() : dir / "recent_projects.txt";
}

}  // namespace

void FileChooser::reset(const std::string& path, std::vector<FileFilter> filters, std::vector<std::string> recent, bool saving) {
    filters_ = std::move(filters);
    filter_ = 0;
    message_.clear();
    recent_ = std::move(recent);
    saving_ = saving;
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    const fs::path p = path.empty() ? cwd : fs::absolute(expandHome(path), ec).lexically_normal();
    if (fs::is_directory(p, ec)) {
        enter(p);
    } else if (!p.parent_path().empty() && fs::is_directory(p.parent_path(), ec)) {
        enter(p.parent_path());
        type(p.string());
    } else {
        enter(cwd);
    }
}

void FileChooser::enter(const fs::path& folder) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(folder, ec);
    folder_ = ec ? folder : canonical;
    message_.clear();  // it named a file of the folder left
    list();
    cursor_ = -1;
    type(withSlash(folder_));
}

void FileChooser::list() {
    entries_.clear();
    if (folder_.has_parent_path() && folder_ != folder_.root_path()) entries_.push_back({"..", true});
    std::vector<Entry> folders, files;
    std::error_code ec;
    const std::vector<std::string> none;
    const std::vector<std::string>& extensions = filters_.empty() ? none : filters_[filter_].extensions;
    for (fs::directory_iterator it(folder_, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;  // hidden, as file managers do
        std::error_code typeError;
        if (it->is_directory(typeError)) folders.push_back({name, true});
        else if (hasExtension(name, extensions)) files.push_back({name, false});
    }
    // By name as a reader compares them: "Điện Biên" next to "Dien Bien", not after "Z".
    auto byName = [](const Entry& a, const Entry& b) {
        const std::string fa = foldVietnamese(a.name), fb = foldVietnamese(b.name);
        return fa != fb ? fa < fb : a.name < b.name;
    };
    std::sort(folders.begin(), folders.end(), byName);
    std::sort(files.begin(), files.end(), byName);
    entries_.insert(entries_.end(), folders.begin(), folders.end());
    entries_.insert(entries_.end(), files.begin(), files.end());
}

void FileChooser::type(std::string text) {
    // Inside the field's callback typed_ is ImGui's buffer: the callback writes it, not us.
    if (!inCallback_) typed_ = text;
    pending_ = std::move(text);
    hasPending_ = focus_ = cursorToEnd_ = true;  // the field may be active: it takes the text in the next frame
}

void FileChooser::pick(int index) {
    cursor_ = index;
    const Entry& e = entries_[size_t(index)];
    const fs::path p = e.name == ".." ? folder_.parent_path() : folder_ / e.name;
    type(e.folder ? withSlash(p) : p.string());
}

bool FileChooser::open(int index) {
    const Entry& e = entries_[size_t(index)];
    if (e.name == "..") { enter(folder_.parent_path()); return false; }
    // A folder whose name carries a filtered extension (a File Geodatabase, .gdb) is a source.
    const bool source = !filters_.empty() && !filters_[filter_].extensions.empty() && hasExtension(e.name, filters_[filter_].extensions);
    if (e.folder && !source) { enter(folder_ / e.name); return false; }
    type((folder_ / e.name).string());
    return true;
}

std::string FileChooser::chosen() const {
    std::string text = typed_;
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
    while (!text.empty() && text.front() == ' ') text.erase(text.begin());
    if (text.empty()) return {};
    fs::path p = expandHome(text);
    if (p.is_relative()) p = folder_ / p;
    if (saving_ && !p.has_extension() && !filters_.empty() && !filters_[0].extensions.empty())
        p += filters_[0].extensions[0];
    return p.lexically_normal().string();
}

bool FileChooser::submit() {
    const std::string path = chosen();
    std::error_code ec;
    const bool source = !filters_.empty() && hasExtension(fs::path(path).filename().string(), filters_[filter_].extensions) &&
                        !filters_[filter_].extensions.empty();
    if (!path.empty() && fs::is_directory(path, ec) && !source) {
        enter(path);
        return false;
    }
    return true;  // a file, a name to write, or nothing typed: the dialog says which
}

bool FileChooser::drawBrowser(float widthPx) {
    const float em = ImGui::GetFontSize();
    bool chosenNow = false;
    ImGui::TextDisabled("%s", tr("ui.files.folder", {withSlash(folder_)}).c_str());
    // The field takes a replacement (a click on the list, Up/Down) and puts the cursor at the end.
    auto callback = [](ImGuiInputTextCallbackData* d) -> int {
        auto* self = static_cast<FileChooser*>(d->UserData);
        if (d->EventFlag == ImGuiInputTextFlags_CallbackHistory && !self->entries_.empty()) {
            const int n = int(self->entries_.size());
            const int step = d->EventKey == ImGuiKey_UpArrow ? -1 : 1;
            self->inCallback_ = true;
            self->pick(self->cursor_ < 0 ? (step > 0 ? 0 : n - 1) : std::clamp(self->cursor_ + step, 0, n - 1));
            self->inCallback_ = false;
            self->scrollToCursor_ = true;
        }
        if (self->hasPending_) {
            d->DeleteChars(0, d->BufTextLen);
            d->InsertChars(0, self->pending_.c_str());
            self->hasPending_ = false;
        }
        if (self->cursorToEnd_) {  // a field focused from code starts with its cursor at 0
            d->SelectionStart = d->SelectionEnd = d->CursorPos = d->BufTextLen;
            self->cursorToEnd_ = false;
        }
        return 0;
    };
    if (focus_) {
        ImGui::SetKeyboardFocusHere();
        focus_ = false;
    }
    // A visible frame around the field: the light theme draws it white on the white dialog.
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0.80f, 0.84f, 0.90f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.05f, 0.05f, 0.05f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0.35f, 0.40f, 0.50f, 1.0f));
    ImGui::SetNextItemWidth(widthPx);
    const ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory |
                                      ImGuiInputTextFlags_CallbackAlways;
    if (ImGui::InputText("##path", &typed_, flags, callback, this)) chosenNow = submit();
    fieldRect_ = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y};
    ImGui::PopStyleColor(3);
    ImGui::PopStyleVar();
    if (!ImGui::IsItemActive()) hasPending_ = false;  // typed_ already holds it

    if (filters_.size() > 1) {
        ImGui::SetNextItemWidth(em * 26);
        if (ImGui::BeginCombo(tr("ui.files.filter").c_str(), filters_[filter_].label.c_str())) {
            for (int i = 0; i < int(filters_.size()); ++i)
                if (ImGui::Selectable(filters_[i].label.c_str(), i == filter_)) { filter_ = i; list(); }
            ImGui::EndCombo();
        }
    }
    if (!recent_.empty()) {
        ImGui::TextUnformatted(tr("ui.files.recent").c_str());
        for (const std::string& r : recent_) {
            if (ImGui::Selectable(r.c_str(), typed_ == r, ImGuiSelectableFlags_AllowDoubleClick)) {
                type(r);
                if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) chosenNow = true;
            }
        }
        ImGui::Separator();
    }
    ImGui::BeginChild("##entries", ImVec2(widthPx, em * 14), true);
    for (int i = 0; i < int(entries_.size()) && !chosenNow; ++i) {
        const Entry& e = entries_[size_t(i)];
        const std::string label = e.name == ".." ? tr("ui.files.parent") : e.folder ? e.name + "/" : e.name;
        ImGui::PushID(i);
        if (ImGui::Selectable(label.c_str(), i == cursor_, ImGuiSelectableFlags_AllowDoubleClick)) {
            if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) chosenNow = open(i);
            else pick(i);
        }
        if (i == cursor_ && scrollToCursor_) { ImGui::SetScrollHereY(); scrollToCursor_ = false; }
        ImGui::PopID();
    }
    if (entries_.size() <= 1) ImGui::TextDisabled("%s", tr("ui.files.none").c_str());
    ImGui::EndChild();
    return chosenNow;
}

FileChooser::Choice FileChooser::draw(float widthPx, const std::string& action) {
    bool go = drawBrowser(widthPx);
    if (ImGui::Button(action.c_str())) go = submit();
    ImGui::SameLine();
    const bool cancel = ImGui::Button(tr("ui.dialog.cancel").c_str()) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
    if (go && chosen().empty()) {
        setMessage(tr("ui.files.empty_path"));
        go = false;
    } else if (go) {
        message_.clear();
    }
    if (!message_.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + widthPx);
        ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", message_.c_str());
        ImGui::PopTextWrapPos();
    }
    return cancel ? Choice::Cancelled : go ? Choice::Chosen : Choice::None;
}

std::vector<std::string> recentProjects() {
    std::vector<std::string> paths;
    const fs::path file = recentFile();
    if (file.empty()) return paths;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line) && paths.size() < kRecentProjects;)
        if (!line.empty()) paths.push_back(line);
    return paths;
}

void rememberRecentProject(const std::string& path) {
    const fs::path file = recentFile();
    if (file.empty() || path.empty()) return;
    std::error_code ec;
    const std::string absolute = fs::absolute(path, ec).lexically_normal().string();
    std::vector<std::string> paths = recentProjects();
    paths.erase(std::remove(paths.begin(), paths.end(), absolute), paths.end());
    paths.insert(paths.begin(), absolute);
    if (paths.size() > kRecentProjects) paths.resize(kRecentProjects);
    std::ofstream out(file, std::ios::trunc);  // a lost list costs nothing: no temporary file
    for (const std::string& p : paths) out << p << '\n';
}

}  // namespace gapmap::ui
