#include "jodo/students/CounterPayments.hpp"

#include "jodo/api/JodoError.hpp"
#include "jodo/core/CrashPoint.hpp"

namespace jodo {

namespace {
CounterPaymentRequest request_of(const CounterReceipt& r) {
    CounterPaymentRequest request;
    request.amount = r.amount;
    request.paid_at = r.paid_at;
    request.mode = r.mode;
    request.transaction_id = r.receipt_id;
    request.settlement_utr = r.settlement_utr;
    request.notes = r.notes;
    request.fee_components = r.lines;
    return request;
}
}  // namespace

void CounterPayments::send(const CounterReceipt& receipt, const std::string& jodo_student_id,
                           CounterReport& report) {
    crash_point("counter.after_intent");
    try {
        c_.client.add_student_payment(jodo_student_id, request_of(receipt));
        crash_point("counter.after_add");
    } catch (const JodoError& e) {
        if (e.kind() == ErrorKind::outcome_unknown || e.kind() == ErrorKind::conflict) {
            // Jodo may have it (lost answer) or says it has one (409).
            c_.store.move_counter(receipt.receipt_id, {"sending"}, "unknown", e.what());
            resolve({receipt.receipt_id, receipt.student_id, jodo_student_id, "unknown", "", ""},
                    report);
            return;
        }
        if (e.transient()) {
            // Nothing was taken: the next push sends it again.
            c_.store.move_counter(receipt.receipt_id, {"sending"}, "failed", e.what());
            ++report.errors;
            return;
        }
        c_.store.move_counter(receipt.receipt_id, {"sending"}, "refused",
                              "Jodo refused receipt " + receipt.receipt_id + ": " + e.advice());
        ++report.review;
        return;
    }
    if (c_.store.move_counter(receipt.receipt_id, {"sending"}, "sent", "")) {
        c_.store.mark_ours(receipt.receipt_id, jodo_student_id, receipt.student_id, receipt.amount);
        ++report.sent;
    }
}

CounterPayments::Listed CounterPayments::listed(const CounterRow& row) {
    Listed found;
    for (const auto& payment : c_.client.list_student_payments(row.jodo_student_id))
        if (payment.id == row.receipt_id) {
            ++found.count;
            found.amount = payment.amount;
        }
    return found;
}

bool CounterPayments::confirm(const CounterRow& row, Paise amount, CounterReport& report) {
    if (!c_.store.move_counter(row.receipt_id, {"unknown", "sending"}, "sent",
                               "confirmed from List Payments after a lost answer"))
        return false;  // another process resolved it meanwhile
    c_.store.mark_ours(row.receipt_id, row.jodo_student_id, row.student_id, amount);
    ++report.confirmed;
    return true;
}

void CounterPayments::flag(const CounterRow& row, int listed, CounterReport& report) {
    if (c_.store.move_counter(row.receipt_id, {"unknown", "sending"}, "review",
                              "Add Payment's answer was lost and Jodo lists " +
                                  std::to_string(listed) + " payments with transaction id " +
                                  row.receipt_id + ": check Jodo, then send or cancel it there"))
        ++report.review;
}

void CounterPayments::resolve(const CounterRow& row, CounterReport& report) {
    const Listed found = listed(row);
    if (found.count == 1)
        confirm(row, found.amount, report);
    else
        flag(row, found.count, report);
}

void CounterPayments::cancel_unresolved(const CounterRow& row, CounterReport& report) {
    const Listed found = listed(row);
    if (found.count == 0) {
        // Never reached Jodo (the intent is older than the slowest request):
        // nothing is left to cancel there.
        if (c_.store.move_counter(
                row.receipt_id, {"unknown", "sending"}, "cancelled",
                "cancelled in the ERP; Jodo lists no payment with transaction id " +
                    row.receipt_id))
            ++report.cancelled;
        return;
    }
    if (found.count > 1) {
        flag(row, found.count, report);
        return;
    }
    if (!confirm(row, found.amount, report))
        return;
    CounterRow sent = row;
    sent.state = "sent";
    cancel(sent, report);
}

void CounterPayments::cancel(const CounterRow& row, CounterReport& report) {
    if (row.state == "sent" && !c_.store.move_counter(row.receipt_id, {"sent"}, "cancelling", ""))
        return;
    try {
        c_.client.cancel_student_payment(row.jodo_student_id, row.receipt_id);
    } catch (const JodoError& e) {
        if (e.kind() != ErrorKind::not_found) {
            // Stays cancelling: the next push asks again (DELETE is repeatable).
            ++report.errors;
            c_.log.warn("receipt " + row.receipt_id +
                        " could not be cancelled in Jodo: " + e.what());
            return;
        }
        // Not in Jodo: what the cancellation wants.
    }
    if (c_.store.move_counter(row.receipt_id, {"cancelling"}, "cancelled", ""))
        ++report.cancelled;
}

CounterReport CounterPayments::push(const ErpFilters& filters) {
    CounterReport report;
    std::vector<CounterReceipt> receipts;
    std::vector<std::string> cancelled;
    {
        auto session = c_.db.session();
        StudentReader reader(session, c_.mapping);
        receipts = reader.counter_receipts(filters);
        cancelled = reader.cancelled_receipt_ids(filters);
    }
    report.receipts = int(receipts.size());
    auto rows = c_.store.counter_rows();
    const std::string stale = c_.clock.iso(c_.clock.now_ms() - c_.intent_grace_ms);
    // Read before the intent, so that a line the ERP holds wrong refuses the
    // receipt before anything says it may be in Jodo.
    auto with_lines = [this](CounterReceipt receipt) {
        auto session = c_.db.session();
        receipt.lines =
            StudentReader(session, c_.mapping).counter_receipt_lines(receipt.receipt_id);
        return receipt;
    };
    for (const auto& receipt : receipts) {
        try {
            const auto row = rows.find(receipt.receipt_id);
            if (row != rows.end()) {
                if (row->second.state == "failed") {
                    const CounterReceipt whole = with_lines(receipt);
                    if (c_.store.move_counter(receipt.receipt_id, {"failed"}, "sending", ""))
                        send(whole, row->second.jodo_student_id, report);
                } else if (row->second.state == "unknown" ||
                           (row->second.state == "sending" && row->second.updated_at < stale))
                    resolve(row->second, report);
                continue;
            }
            const auto student = c_.store.student(receipt.student_id);
            if (!student || student->state != "registered") {
                ++report.waiting;
                continue;
            }
            const CounterReceipt whole = with_lines(receipt);
            if (c_.store.begin_counter(whole, student->jodo_student_id))
                send(whole, student->jodo_student_id, report);
        } catch (const std::exception& e) {
            ++report.errors;
            c_.log.warn("push_counter_payments: receipt " + receipt.receipt_id + ": " + e.what());
        }
    }
    for (const auto& id : cancelled) {
        const auto row = rows.find(id);
        if (row == rows.end())
            continue;
        // A send cut off by a crash or a lost answer is settled from List
        // Payments first: else a receipt the school cancelled meanwhile could
        // stay live in Jodo with nothing flagged.
        const bool unresolved = row->second.state == "unknown" ||
                                (row->second.state == "sending" && row->second.updated_at < stale);
        if (!unresolved && row->second.state != "sent" && row->second.state != "cancelling")
            continue;
        try {
            if (unresolved)
                cancel_unresolved(row->second, report);
            else
                cancel(row->second, report);
        } catch (const std::exception& e) {
            ++report.errors;
            c_.log.warn("push_counter_payments: cancelling receipt " + id + ": " + e.what());
        }
    }
    return report;
}

}  // namespace jodo
