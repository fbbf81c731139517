#include "io/pg_address.h"

#include <libpq-fe.h>

#include <cctype>
#include <memory>

#include "core/errors.h"
#include "core/i18n.h"

namespace gapmap {
namespace {

bool startsWithNoCase(const std::string& text, const std::string& prefix) {
    if (text.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    return true;
}

bool plainIdentifier(const std::string& s) {
    if (s.empty() || s.size() > 63 || !(std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
    for (char c : s)
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_')) return false;
    return true;
}

// A value quoted for a libpq keyword=value string: 'x', with \ and ' escaped.
std::string quoted(const std::string& v) {
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

// Removes KEY=VALUE pairs of the schema keywords from a keyword/value string (values may be quoted)
// and returns the last schema named; "" when none.
std::string takeSchemaKeywords(std::string& text) {
    std::string schema, rest;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        const size_t start = i;
        while (i < text.size() && text[i] != '=' && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        const std::string key = text.substr(start, i - start);
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        std::string value;
        if (i < text.size() && text[i] == '=') {
            ++i;
            while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
            if (i < text.size() && text[i] == '\'') {
                for (++i; i < text.size() && text[i] != '\''; ++i) {
                    if (text[i] == '\\' && i + 1 < text.size()) ++i;
                    value += text[i];
                }
                ++i;
            } else {
                while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) value += text[i++];
            }
        }
        const std::string pair = text.substr(start, i - start);
        if (key == "schemas" || key == "schema" || key == "active_schema") schema = value;
        else if (!key.empty()) rest += (rest.empty() ? "" : " ") + pair;
    }
    text = rest;
    return schema;
}

// The same for a URI's query string: "?schema=x&sslmode=…" loses its schema parameters.
std::string takeSchemaParameter(std::string& uri) {
    const size_t q = uri.find('?');
    if (q == std::string::npos) return "";
    std::string schema, kept;
    size_t i = q + 1;
    while (i <= uri.size()) {
        const size_t amp = std::min(uri.find('&', i), uri.size());
        const std::string pair = uri.substr(i, amp - i);
        const size_t eq = pair.find('=');
        const std::string key = pair.substr(0, eq);
        if (key == "schemas" || key == "schema" || key == "active_schema") schema = eq == std::string::npos ? "" : pair.substr(eq + 1);
        else if (!pair.empty()) kept += (kept.empty() ? "" : "&") + pair;
        i = amp + 1;
    }
    uri = uri.substr(0, q) + (kept.empty() ? "" : "?" + kept);
    return schema;
}

}  // namespace

// isServerProject: io/server_name.cpp (no libpq: the lean render program links it).

ServerAddress parseServerAddress(const std::string& text) {
    if (!isServerProject(text)) throw UsageError(tr("pg.error.not_address", {text}));
    ServerAddress a;
    a.original = text;
    std::string conn = startsWithNoCase(text, "pg:") ? text.substr(3) : text;
    const std::string schema = startsWithNoCase(text, "pg:") ? takeSchemaKeywords(conn) : takeSchemaParameter(conn);
    if (!schema.empty()) a.schema = schema;
    if (!plainIdentifier(a.schema)) throw UsageError(tr("pg.error.bad_schema", {a.schema}));
    char* error = nullptr;
    std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> options(PQconninfoParse(conn.c_str(), &error), PQconninfoFree);
    if (!options) {
        std::string why = error ? error : "";
        PQfreemem(error);
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        throw UsageError(tr("pg.error.bad_address", {a.display(), why}));
    }
    // Rebuilt as keyword='value' pairs: both libpq and GDAL's driver read that form, whatever the user wrote.
    for (const PQconninfoOption* o = options.get(); o->keyword; ++o)
        if (o->val && *o->val) a.conninfo += (a.conninfo.empty() ? "" : " ") + std::string(o->keyword) + "=" + quoted(o->val);
    return a;
}

std::string ServerAddress::gdal() const {
    return "PG:" + conninfo + " schemas=" + schema + " active_schema=" + schema;
}

std::string ServerAddress::display() const {
    // password=… (keyword form) or user:secret@ (URI form) never reach a message.
    std::string out = original;
    for (size_t at = out.find("password"); at != std::string::npos; at = out.find("password", at + 1)) {
        size_t v = out.find('=', at);
        if (v == std::string::npos) break;
        size_t end = v + 1;
        if (end < out.size() && out[end] == '\'') end = out.find('\'', end + 1) + 1;
        else while (end < out.size() && !std::isspace(static_cast<unsigned char>(out[end])) && out[end] != '&') ++end;
        if (end == 0 || end > out.size()) end = out.size();
        out.replace(v + 1, end - v - 1, "***");
    }
    const size_t scheme = out.find("://");
    if (scheme != std::string::npos) {
        const size_t at = out.find('@', scheme);
        const size_t colon = out.find(':', scheme + 3);
        if (at != std::string::npos && colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
    return out;
}

ServerAddress ServerAddress::withSchema(const std::string& name) const {
    if (!plainIdentifier(name)) throw UsageError(tr("pg.error.bad_schema", {name}));
    ServerAddress a = *this;
    a.schema = name;
    return a;
}

ServerAddress ServerAddress::asUser(const std::string& user) const {
    ServerAddress a = parseServerAddress("PG:" + conninfo + " user=" + quoted(user) + " schemas=" + schema);
    a.original = "PG:" + conninfo + " user=" + user + " schemas=" + schema;
    return a;
}

}  // namespace gapmap
