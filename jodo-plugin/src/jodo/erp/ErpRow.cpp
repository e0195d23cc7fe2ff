#include "jodo/erp/ErpRow.hpp"

#include <algorithm>
#include <cctype>

#include "jodo/api/bounded_text.hpp"
#include "jodo/api/outbound_text.hpp"
#include "jodo/api/wire_error.hpp"
#include "jodo/erp/mapping/ErpContract.hpp"

namespace jodo {

namespace {
std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}
}  // namespace

std::optional<std::string> ErpRow::get(const std::string& column) const {
    const int at = rows_.index_of(column);
    if (at < 0)
        return std::nullopt;
    return rows_.rows[index_][std::size_t(at)];
}

std::string ErpRow::text(const std::string& column) const {
    std::string reason;
    const auto clean = outbound_text(get(column).value_or(""), &reason);
    if (!clean)
        throw WireError(where(column), reason);
    return trimmed(*clean);
}

std::string erp_key(std::string id, const std::string& where) {
    if (id.empty())
        throw WireError(where, "is empty");
    if (const std::size_t chars = utf8_length(id); chars > kErpKeyChars)
        throw WireError(where, "is " + std::to_string(chars) +
                                   " characters long; the module keeps ids of at most " +
                                   std::to_string(kErpKeyChars));
    return id;
}

std::string ErpRow::key(const std::string& column) const {
    return erp_key(text(column), where(column));
}

Paise ErpRow::amount(const std::string& column) const {
    const std::string value = text(column);
    std::string reason;
    auto paise = parse_signed_rupees(value, &reason);
    if (!paise)
        throw WireError(where(column), "\"" + value + "\" " + reason);
    return *paise;
}

std::optional<int> ErpRow::year(const std::string& column) const {
    const std::string value = text(column);
    if (value.empty())
        return std::nullopt;
    if (value.size() != 4 || !std::all_of(value.begin(), value.end(), ::isdigit))
        throw WireError(where(column), "\"" + value + "\" is not a year");
    return std::stoi(value);
}

std::optional<bool> ErpRow::flag(const std::string& column) const {
    std::string value = text(column);
    std::transform(value.begin(), value.end(), value.begin(), ::tolower);
    if (value.empty())
        return std::nullopt;
    if (value == "1" || value == "true" || value == "t" || value == "yes" || value == "y")
        return true;
    if (value == "0" || value == "false" || value == "f" || value == "no" || value == "n")
        return false;
    throw WireError(where(column), "\"" + value + "\" is not true or false");
}

std::optional<int> ErpRow::whole_number(const std::string& column) const {
    const std::string value = text(column);
    if (value.empty())
        return std::nullopt;
    if (value.size() > 9 || !std::all_of(value.begin(), value.end(), ::isdigit))
        throw WireError(where(column), "\"" + value + "\" is not a whole number");
    return std::stoi(value);
}

std::string ErpRow::where(const std::string& column) const {
    return kErpSettingPrefix + statement_ + " column " + column;
}

ErpValues filter_values(const ErpMapping& mapping, const std::string& statement,
                        const std::vector<std::pair<std::string, std::string>>& filters) {
    const std::vector<std::string> used = mapping.parameters_of(statement);
    ErpValues values;
    for (const auto& [name, value] : filters) {
        if (name == "job")
            continue;
        if (std::find(used.begin(), used.end(), name) == used.end()) {
            std::string known;
            for (const auto& u : used)
                known += (known.empty() ? ":" : ", :") + u;
            throw ErpMappingError(
                "filter \"" + name + "\" is not used by " + erp_setting_name(statement) +
                (known.empty() ? " (it takes no filters)" : " (it takes " + known + ")"));
        }
        values[name] = value;
    }
    return values;
}

std::vector<std::string> column_values(const erp_sql::NativeRows& rows, const std::string& column) {
    std::vector<std::string> out;
    const int at = rows.index_of(column);
    if (at < 0)
        return out;
    for (const auto& row : rows.rows)
        if (row[std::size_t(at)] && !row[std::size_t(at)]->empty())
            out.push_back(*row[std::size_t(at)]);
    return out;
}

}  // namespace jodo
