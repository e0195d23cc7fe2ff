#pragma once

#include <map>
#include <set>
#include <string>

#include <Poco/Data/Session.h>

namespace jodo {

// What the ERP's database holds, asked at start, so that one shipped profile
// reads the layout a site really has (Education before or after 2023-11, Odoo
// with or without res_partner.mobile) instead of one profile per release.
class ErpSchema {
  public:
    virtual ~ErpSchema() = default;
    // The columns of `table` (lower-case); empty when there is no such table.
    virtual std::set<std::string> columns_of(const std::string& table) const = 0;

    bool has_table(const std::string& table) const { return !columns_of(table).empty(); }
    bool has_column(const std::string& table, const std::string& column) const;
};

// The schema of the database under `session`, read table by table as the
// profile asks (SELECT * ... WHERE 1 = 0, each in a transaction of its own
// that is rolled back, so a missing table leaves nothing behind).
class DatabaseErpSchema : public ErpSchema {
  public:
    explicit DatabaseErpSchema(Poco::Data::Session& session) : session_(session) {}
    std::set<std::string> columns_of(const std::string& table) const override;

  private:
    Poco::Data::Session& session_;
    mutable std::map<std::string, std::set<std::string>> cache_;
};

// A schema given as lists of columns (tests, and a profile's newest layout).
class ListedErpSchema : public ErpSchema {
  public:
    explicit ListedErpSchema(std::map<std::string, std::set<std::string>> tables)
        : tables_(std::move(tables)) {}
    std::set<std::string> columns_of(const std::string& table) const override;

  private:
    std::map<std::string, std::set<std::string>> tables_;
};

}  // namespace jodo
