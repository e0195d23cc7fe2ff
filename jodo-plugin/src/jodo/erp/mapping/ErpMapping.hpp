#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include "erp_sql/Dialect.hpp"
#include "erp_sql/NativeStatement.hpp"
#include "jodo/erp/mapping/ErpSchema.hpp"
#include "jodo/erp/mapping/NamedSql.hpp"

namespace jodo {

// What the administrator configured: a shipped profile and statements that
// override it (an empty statement turns a profile's write-back off).
struct ErpMappingConfig {
    std::string profile = "reference";
    std::map<std::string, std::string> statements;  // by statement name, without the prefix
};

// A mapping that cannot work: names the setting and what is wrong with it.
class ErpMappingError : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

using ErpValues = std::map<std::string, std::optional<std::string>>;

// The administrator's SQL for reading invoices from the ERP's own tables and
// writing payments back into them (the contract is in ErpContract.hpp).
// Statements run with bound parameters on the caller's session, so a
// write-back commits or rolls back with the module's own change of state.
class ErpMapping {
  public:
    // The profile's statements for the layout `schema` shows, with the
    // configured ones over them. Throws ErpMappingError for an unknown
    // profile, a missing statement or a placeholder the statement may not use.
    ErpMapping(const ErpMappingConfig& config, erp_sql::Dialect dialect, const ErpSchema& schema);

    // Prepares every statement against the database and checks the columns
    // each query returns; throws ErpMappingError naming the setting.
    void check(Poco::Data::Session& session) const;

    // Runs query `name` (its last statement's rows); placeholders without a
    // value are NULL. Throws ErpMappingError when the columns are wrong.
    erp_sql::NativeRows query(Poco::Data::Session& session, const std::string& name,
                              const ErpValues& values) const;
    // Runs write-back `name` if configured; does nothing otherwise.
    void write_back(Poco::Data::Session& session, const std::string& name,
                    const ErpValues& values) const;

    bool has(const std::string& name) const { return statements_.count(name) > 0; }
    // The placeholders statement `name` uses.
    std::vector<std::string> parameters_of(const std::string& name) const;
    const std::string& profile() const { return profile_; }
    // The ERP release whose layout the profile found ("" for one-layout profiles).
    const std::string& layout() const { return layout_; }

  private:
    erp_sql::NativeRows run(Poco::Data::Session& session, const std::string& name,
                            const ErpValues& values) const;
    void check_columns(const std::string& name, const std::vector<std::string>& columns) const;

    std::string profile_;
    std::string layout_;
    erp_sql::Dialect dialect_;
    std::map<std::string, std::vector<NamedSql>> statements_;
};

// "setting jodo.erp.<name>".
std::string erp_setting_name(const std::string& statement);

}  // namespace jodo
