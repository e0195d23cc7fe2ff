#include "host_sim/sandbox/AnswerShape.hpp"

#include <Poco/Dynamic/VarHolder.h>
#include <Poco/JSON/Array.h>

namespace jodo::sandbox {
namespace {
// A JSON number that Poco's stringifier writes exactly as given: Poco prints a
// double 1000.0 as "1000", which would hide the "1000.0" form the docs show.
struct JsonNumberText {
    std::string text;
};
}  // namespace
}  // namespace jodo::sandbox

namespace Poco::Dynamic {
// Neither numeric nor string to Poco, so the stringifier emits convert<std::string>() bare.
template <>
class VarHolderImpl<jodo::sandbox::JsonNumberText> : public VarHolder {
  public:
    explicit VarHolderImpl(const jodo::sandbox::JsonNumberText& value) : value_(value) {}
    const std::type_info& type() const override { return typeid(jodo::sandbox::JsonNumberText); }
    using VarHolder::convert;
    void convert(std::string& out) const override { out = value_.text; }
    VarHolder* clone(Placeholder<VarHolder>* holder = nullptr) const override {
        return cloneHolder(holder, value_);
    }
    const jodo::sandbox::JsonNumberText& value() const { return value_; }

  private:
    jodo::sandbox::JsonNumberText value_;
};
}  // namespace Poco::Dynamic

namespace jodo::sandbox {

namespace {
using Poco::Dynamic::Var;

Var number(std::string text) {
    return Var(JsonNumberText{std::move(text)});
}

bool apply_trait(const std::string& trait, AnswerShape& shape) {
    if (trait == "documented" || trait.empty())
        return true;
    if (trait == "integers")
        shape.amounts = AmountStyle::integers;
    else if (trait == "numbers")
        shape.amounts = AmountStyle::numbers;
    else if (trait == "strings")
        shape.amounts = AmountStyle::strings;
    else if (trait == "string-years")
        shape.years = YearStyle::strings;
    else if (trait == "no-create-status")
        shape.create_status = false;
    else if (trait == "extra-fields")
        shape.extra_fields = true;
    else if (trait == "string-ids")
        shape.string_ids = true;
    else
        return false;
    return true;
}
}  // namespace

std::optional<AnswerShape> parse_answer_shape(const std::string& text, std::string* reason) {
    AnswerShape shape;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const std::string trait =
            text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!apply_trait(trait, shape)) {
            if (reason)
                *reason = "unknown answer shape \"" + trait + "\"";
            return std::nullopt;
        }
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return shape;
}

std::vector<std::string> answer_shape_traits() {
    return {"documented",   "integers",         "numbers",      "strings",
            "string-years", "no-create-status", "extra-fields", "string-ids"};
}

Var student_id_json(std::int64_t id, const AnswerShape& shape) {
    if (shape.string_ids)
        return Var(std::to_string(id));
    return Var(static_cast<Poco::Int64>(id));
}

Var amount_json(Paise paise, const AnswerShape& shape) {
    switch (shape.amounts) {
        case AmountStyle::numbers:
            return number(rupees_short_decimal(paise));
        case AmountStyle::strings:
            return Var(rupees_short_decimal(paise));
        case AmountStyle::integers:
            break;
    }
    return number(rupees_integer_when_whole(paise));
}

Var year_json(int year, const AnswerShape& shape) {
    if (shape.years == YearStyle::strings)
        return Var(std::to_string(year));
    return Var(year);
}

void add_unknown_fields(Poco::JSON::Object& object, const std::string& where,
                        const AnswerShape& shape) {
    if (!shape.extra_fields)
        return;
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    list->add(1);
    list->add("two");
    list->add(Var());
    list->add(number("3.25"));
    Poco::JSON::Object::Ptr nested = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    nested->set("status", "beta");  // a familiar name one level down must not confuse
    nested->set("amount", "not money");
    nested->set("list", list);
    object.set("x_" + where + "_note", "undocumented field \xC3\xA9\xE2\x82\xB9");
    object.set("x_" + where + "_count", 42);
    object.set("x_" + where + "_ratio", number("0.5"));
    object.set("x_" + where + "_flag", true);
    object.set("x_" + where + "_null", Var());
    object.set("x_" + where + "_object", nested);
}

}  // namespace jodo::sandbox
