#include "host_sim/cli/OutputListing.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

namespace host_sim {

namespace {
Poco::JSON::Array::Ptr objects_in(const std::string& value) {
    if (value.empty() || value.front() != '[')
        return nullptr;
    try {
        // In the plugin's key order: at, direction, endpoint, ... reads as a line.
        Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
        auto list = parser.parse(value).extract<Poco::JSON::Array::Ptr>();
        for (std::size_t i = 0; i < list->size(); ++i)
            if (!list->isObject(static_cast<unsigned>(i)))
                return nullptr;
        return list;
    } catch (const Poco::Exception&) {
        return nullptr;
    }
}
}  // namespace

void print_output(std::ostream& out, const std::string& key, const std::string& value) {
    const auto list = objects_in(value);
    if (!list) {
        out << key << ": " << value << "\n";
        return;
    }
    out << key << ": " << list->size() << (list->size() == 1 ? " entry\n" : " entries\n");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto object = list->getObject(static_cast<unsigned>(i));
        out << " ";
        for (const auto& name : object->getNames()) {
            const std::string text = object->get(name).toString();
            if (!text.empty())
                out << " " << name << "=" << text;
        }
        out << "\n";
    }
}

}  // namespace host_sim
