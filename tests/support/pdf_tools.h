// Reading PDFs in tests with Debian's poppler-utils (pdfinfo, pdftotext, pdftoppm; setup.sh installs
// them): page count, the text of a page range, one page as a PNG. Header-only.
#pragma once
#include <cstdio>
#include <string>

#include "support/test_support.h"

namespace gapmap::test {

// Runs a shell command and returns its standard output.
inline std::string commandOutput(const std::string& command) {
    std::string out;
    if (std::FILE* pipe = ::popen(command.c_str(), "r")) {
        char buf[4096];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
        ::pclose(pipe);
    }
    return out;
}

inline bool havePoppler() {
    return std::system("command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null") == 0;
}

// "Pages:" of pdfinfo, or -1 when the file is not a PDF it can read.
inline int pdfPageCount(const std::string& path) {
    const std::string info = commandOutput("pdfinfo " + quote(path) + " 2>/dev/null");
    const size_t at = info.find("Pages:");
    return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

// The text of pages first..last (0: to the end), laid out as on the page, with every run of
// whitespace made one space so that table rows read as one line: "Tổ truyền thông cộng đồng 540 …".
inline std::string pdfText(const std::string& path, int first = 1, int last = 0) {
    std::string command = "pdftotext -layout -enc UTF-8 -f " + std::to_string(first);
    if (last > 0) command += " -l " + std::to_string(last);
    const std::string raw = commandOutput(command + " " + quote(path) + " - 2>/dev/null");
    std::string out;
    for (char c : raw) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
        if (space) { if (!out.empty() && out.back() != ' ') out += ' '; }
        else out += c;
    }
    return out;
}

// Renders one page to PNG at `dpi` and returns the PNG's path (prefix-NN.png as pdftoppm names it).
inline std::string pdfPagePng(const std::string& path, int page, int dpi, const std::string& prefix) {
    commandOutput("pdftoppm -r " + std::to_string(dpi) + " -png -singlefile -f " + std::to_string(page) + " -l " +
                  std::to_string(page) + " " + quote(path) + " " + quote(prefix));
    return prefix + ".png";
}

}  // namespace gapmap::test
