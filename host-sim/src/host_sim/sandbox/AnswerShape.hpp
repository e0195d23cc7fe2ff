// How the sandbox writes its answers, chosen per run: every variant the Jodo
// docs show (shared/jodo-api/), so the connector is tested against each one.
//  - amounts: 1000 / 1000.5 (Get Pay Order's example), 1000.0 (Order Integration's),
//    or "1000.0" (the string form the Create Pay Order example sends);
//  - academic years: 2022 (Get Payment Link's table) or "2022" (Order Integration's);
//  - create answers with or without "status" (Create Pay Order documents none);
//  - unknown extra fields everywhere ("New response fields" may appear, API Structure).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include "host_sim/sandbox/SandboxMoney.hpp"

namespace jodo::sandbox {

enum class AmountStyle { integers, numbers, strings };  // 1000 | 1000.0 | "1000.0"
enum class YearStyle { integers, strings };             // 2022 | "2022"

struct AnswerShape {
    AmountStyle amounts = AmountStyle::integers;
    YearStyle years = YearStyle::integers;
    // false: Create Payment Link answers without "status" too (Create Pay Order
    // never has one, as documented).
    bool create_status = true;
    bool extra_fields = false;  // unknown fields in every object the sandbox writes
    // Student ids as strings ("6001"): List Payments types its path parameter
    // jodo_student_id as a string, the Update pages' URLs show a number.
    bool string_ids = false;
};

// Comma-separated traits: "integers" | "numbers" | "strings" (amounts),
// "string-years", "no-create-status", "extra-fields", "string-ids"; "documented" (or empty) is the
// default shape. nullopt with *reason naming the unknown trait otherwise.
std::optional<AnswerShape> parse_answer_shape(const std::string& text, std::string* reason);
std::vector<std::string> answer_shape_traits();  // what parse_answer_shape accepts

// A Jodo student id as the shape writes it (a number, or its digits as a string).
Poco::Dynamic::Var student_id_json(std::int64_t id, const AnswerShape& shape);

// An amount as the shape writes it (a JSON number written digit for digit, or a string).
Poco::Dynamic::Var amount_json(Paise paise, const AnswerShape& shape);
Poco::Dynamic::Var year_json(int year, const AnswerShape& shape);

// Fields no Jodo page documents, of every JSON type, added when shape.extra_fields.
// `where` varies them per object ("envelope", "order", "line", "note", ...).
void add_unknown_fields(Poco::JSON::Object& object, const std::string& where,
                        const AnswerShape& shape);

}  // namespace jodo::sandbox
