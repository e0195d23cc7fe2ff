#include "jodo/erp/mapping/ErpMapping.hpp"

#include <algorithm>
#include <set>

#include "erp_sql/Transaction.hpp"
#include "jodo/erp/mapping/ErpContract.hpp"
#include "jodo/erp/mapping/ErpProfiles.hpp"

namespace jodo {

namespace {
bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

erp_sql::NativeParam param_for(const std::string& name, const ErpValues& values) {
    erp_sql::NativeParam p;
    if (auto it = values.find(name); it != values.end())
        p.value = it->second;
    if (is_amount_parameter(name))
        p.type = erp_sql::NativeParam::Type::decimal;
    else if (is_integer_parameter(name))
        p.type = erp_sql::NativeParam::Type::integer;
    return p;
}

// SQLSTATE classes that say the statement is sound and only the values used
// for the check were not acceptable (data exception, integrity constraint).
bool values_only_problem(const std::string& sqlstate) {
    return sqlstate.rfind("22", 0) == 0 || sqlstate.rfind("23", 0) == 0;
}
}  // namespace

std::string erp_setting_name(const std::string& statement) {
    return "setting " + kErpSettingPrefix + statement;
}

ErpMapping::ErpMapping(const ErpMappingConfig& config, erp_sql::Dialect dialect,
                       const ErpSchema& schema)
    : profile_(config.profile), dialect_(dialect) {
    std::map<std::string, std::string> texts;
    try {
        ErpProfile shipped = erp_profile(config.profile, dialect, schema);
        texts = std::move(shipped.statements);
        layout_ = std::move(shipped.layout);
    } catch (const std::invalid_argument&) {
        throw ErpMappingError("setting " + kErpSettingPrefix + "profile = \"" + config.profile +
                              "\" is not a profile; choose one of " + joined(erp_profile_names()) +
                              " (or set every jodo.erp.* statement yourself)");
    }
    for (const auto& [name, text] : config.statements) {
        if (!find_erp_statement(name))
            throw ErpMappingError(erp_setting_name(name) + " is not an ERP mapping statement");
        texts[name] = text;
    }
    for (const auto& spec : erp_statement_specs()) {
        const auto it = texts.find(spec.name);
        std::vector<NamedSql> parts;
        if (it != texts.end())
            parts = parse_named_sql(it->second);
        if (parts.empty()) {
            if (spec.required)
                throw ErpMappingError(erp_setting_name(spec.name) + " is missing: the profile \"" +
                                      profile_ + "\" has none and none is set");
            continue;
        }
        if (spec.query && parts.size() > 1)
            throw ErpMappingError(erp_setting_name(spec.name) +
                                  " must be a single SELECT statement, not " +
                                  std::to_string(parts.size()));
        for (const auto& part : parts)
            for (const auto& p : part.parameters)
                if (!spec.any_parameter && !contains(spec.parameters, p))
                    throw ErpMappingError(erp_setting_name(spec.name) + ": unknown placeholder :" +
                                          p + " (it may use :" + joined(spec.parameters) + ")");
        statements_[spec.name] = std::move(parts);
    }
}

std::vector<std::string> ErpMapping::parameters_of(const std::string& name) const {
    std::vector<std::string> out;
    if (auto it = statements_.find(name); it != statements_.end())
        for (const auto& part : it->second)
            for (const auto& p : part.parameters)
                if (!contains(out, p))
                    out.push_back(p);
    return out;
}

void ErpMapping::check_columns(const std::string& name,
                               const std::vector<std::string>& columns) const {
    const ErpStatementSpec& spec = *find_erp_statement(name);
    std::vector<std::string> missing;
    for (const auto& c : spec.required_columns)
        if (!contains(columns, c))
            missing.push_back(c);
    if (!missing.empty())
        throw ErpMappingError(erp_setting_name(name) + " returns no column " + joined(missing) +
                              " (it returns " + joined(columns) + ")");
    for (const auto& c : columns)
        if (!contains(spec.required_columns, c) && !contains(spec.optional_columns, c))
            throw ErpMappingError(
                erp_setting_name(name) + " returns column " + c +
                ", which the module does not know (it reads " + joined(spec.required_columns) +
                (spec.optional_columns.empty() ? std::string()
                                               : ", optionally " + joined(spec.optional_columns)) +
                ")");
    std::set<std::string> seen;
    for (const auto& c : columns)
        if (!seen.insert(c).second)
            throw ErpMappingError(erp_setting_name(name) + " returns column " + c + " twice");
}

void ErpMapping::check(Poco::Data::Session& session) const {
    for (const auto& [name, parts] : statements_) {
        const bool query = find_erp_statement(name)->query;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            // One transaction per statement (each part of a write-back), always
            // rolled back: checking must change nothing, and a refused one must
            // not poison the next (the module's PostgreSQL sessions have no
            // driver savepoints: erp_sql::postgresql_connection_string).
            erp_sql::Transaction tx(session);
            const std::string where =
                erp_setting_name(name) +
                (parts.size() > 1 ? " (statement " + std::to_string(i + 1) + ")" : "");
            try {
                // SQLite compiles a statement fully only when asked to
                // explain it (the driver's prepare defers): that finds a wrong
                // table or column in a write-back without running it.
                if (dialect_ == erp_sql::Dialect::sqlite) {
                    std::vector<erp_sql::NativeParam> nulls(parts[i].parameters.size());
                    erp_sql::NativeStatement(session, "EXPLAIN " + parts[i].sql).run(nulls);
                }
                // MariaDB Connector/ODBC prepares on the server: a wrong table
                // or column is reported right here (tests/acceptance
                // erp_mapping_errors_test.cpp runs on MariaDB too).
                erp_sql::NativeStatement statement(session, parts[i].sql);
                std::vector<std::string> columns = statement.describe_columns();
                // psqlODBC may prepare lazily: running the statement with
                // NULLs is what makes the server look at tables and columns.
                if (dialect_ == erp_sql::Dialect::postgresql) {
                    std::vector<erp_sql::NativeParam> params;
                    for (const auto& p : parts[i].parameters)
                        params.push_back(param_for(p, {}));
                    try {
                        columns = statement.run(params).columns;
                    } catch (const erp_sql::NativeError& e) {
                        if (!values_only_problem(e.sqlstate()))
                            throw;
                        // Before the statement is freed, so that the driver can
                        // still drop its server-side plan.
                        tx.rollback();
                    }
                }
                if (query)
                    check_columns(name, columns);
            } catch (const erp_sql::NativeError& e) {
                throw ErpMappingError(where + " does not work on this database: " + e.what());
            }
            tx.rollback();
        }
    }
}

erp_sql::NativeRows ErpMapping::run(Poco::Data::Session& session, const std::string& name,
                                    const ErpValues& values) const {
    erp_sql::NativeRows last;
    const auto it = statements_.find(name);
    if (it == statements_.end())
        return last;
    for (const auto& part : it->second) {
        std::vector<erp_sql::NativeParam> params;
        for (const auto& p : part.parameters)
            params.push_back(param_for(p, values));
        try {
            // Per invoice, per payment: prepared once per connection.
            erp_sql::NativeStatement statement(session, part.sql,
                                               erp_sql::NativeStatement::Reuse::prepared);
            last = statement.run(params);
        } catch (const erp_sql::NativeError& e) {
            throw erp_sql::NativeError(e.sqlstate(), erp_setting_name(name) + ": " + e.what());
        }
    }
    return last;
}

erp_sql::NativeRows ErpMapping::query(Poco::Data::Session& session, const std::string& name,
                                      const ErpValues& values) const {
    erp_sql::NativeRows rows = run(session, name, values);
    check_columns(name, rows.columns);
    return rows;
}

void ErpMapping::write_back(Poco::Data::Session& session, const std::string& name,
                            const ErpValues& values) const {
    run(session, name, values);
}

}  // namespace jodo
