#pragma once

#include <string>
#include <vector>

#include <Poco/Data/Session.h>

namespace host_sim {

struct SampleLine {
    std::string fee_component;
    std::string amount;  // decimal rupees, as an accountant types it
};

struct SampleInvoice {
    std::string invoice_id;
    std::string payer_id;
    std::string payer_name;
    std::string phone;  // empty = missing
    std::string email;
    std::string student_name;
    std::string grade;
    std::string description;
    std::vector<SampleLine> lines;
    std::string outstanding;  // empty = the lines' total less receipts
    std::string student_id;   // empty = "S-" + payer_id
};

// The reference ERP host-sim plays: its tables (sql/<dialect>/erp) and a few
// fee invoices an accountant might raise.
class ReferenceErp {
  public:
    explicit ReferenceErp(const std::string& odbc_connection_string);

    Poco::Data::Session& session() { return session_; }
    void migrate();
    void add_invoice(const SampleInvoice& invoice);                 // replaces one with the same id
    void add_invoices(const std::vector<SampleInvoice>& invoices);  // all in one transaction
    static std::vector<SampleInvoice> sample_invoices();
    // Sample families, their students (some with sample invoices: the same
    // student_id as the invoice's payer), fee structures and counter receipts
    // (ReferenceErpStudents.cpp), in one transaction. Run again, it leaves
    // what the module wrote (Jodo ids, statuses) and the receipts as they are.
    void add_sample_students();

    // One row per invoice, read from the ERP's own columns (which the module
    // writes through the `reference` mapping profile).
    struct StatusRow {
        std::string invoice_id, total, owed, status, order_id, paid_at, transaction_id, utr,
            error_reason;
    };
    std::vector<StatusRow> status_table();

    struct InboxEvent {
        std::string received_at, event, order_id, state, note;
    };
    std::vector<InboxEvent> inbox_events();

  private:
    Poco::Data::Session session_;
    std::string connection_string_;
};

std::string format_status_table(const std::vector<ReferenceErp::StatusRow>& rows);

}  // namespace host_sim
