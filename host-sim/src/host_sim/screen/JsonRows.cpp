#include "host_sim/screen/JsonRows.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

namespace host_sim::screen {

std::vector<JsonRow> json_rows(const std::string& text) {
    std::vector<JsonRow> rows;
    try {
        const auto parsed = Poco::JSON::Parser().parse(text);
        const auto array = parsed.extract<Poco::JSON::Array::Ptr>();
        for (std::size_t i = 0; i < array->size(); ++i) {
            const auto object = array->getObject(static_cast<unsigned>(i));
            if (!object)
                continue;
            JsonRow row;
            for (const auto& [key, value] : *object)
                row[key] = value.isEmpty() ? std::string() : value.convert<std::string>();
            rows.push_back(std::move(row));
        }
    } catch (const Poco::Exception&) {
        return {};
    } catch (const std::exception&) {
        return {};
    }
    return rows;
}

}  // namespace host_sim::screen
