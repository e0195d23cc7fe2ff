#include "jodo/students/StudentPayments.hpp"

#include "jodo/core/CrashPoint.hpp"
#include "jodo/erp/StudentReader.hpp"
#include "jodo/students/PaymentAllocation.hpp"

namespace jodo {

PullReport StudentPayments::pull_student(const StudentSyncRow& student) {
    PullReport report;
    report.students = 1;
    const std::vector<StudentPayment> payments =
        c_.client.list_student_payments(student.jodo_student_id);
    auto known = c_.store.known_payments(student.jodo_student_id);
    for (const auto& payment : payments) {
        const auto seen = known.find(payment.id);
        if (seen != known.end() && seen->second)
            continue;  // posted and settled, or ours
        PaymentPosting posting{payment, student.student_id, student.jodo_student_id, {}, 0};
        if (seen == known.end()) {
            // Jodo lists an ERP-added payment under the transaction_id it was
            // added with (docs/jodo-choices.md): a counter receipt of ours,
            // not yet known as ours when its send's outcome was not recorded.
            if (c_.store.is_counter_receipt(payment.id)) {
                c_.store.mark_ours(payment.id, student.jodo_student_id, student.student_id,
                                   payment.amount);
                continue;
            }
            const StudentStore::Allocate allocate = [this](Poco::Data::Session& session,
                                                           PaymentPosting& p) {
                Allocation allocation = allocate_payment(
                    p.payment, StudentReader(session, c_.mapping).open_bills(p.student_id));
                p.pieces = std::move(allocation.pieces);
                p.advance = allocation.advance;
                crash_point("student_payment.before_post");
            };
            if (c_.store.post(posting, allocate)) {
                crash_point("student_payment.after_post");
                ++report.posted;
                c_.log.info("posted Jodo payment " + payment.id + " of student " +
                            student.student_id + " into the ERP" +
                            (posting.advance > 0 ? " (" + format_rupees(posting.advance) +
                                                       " as an advance, for review)"
                                                 : std::string()));
            }
        }
        if (payment.settled() && c_.store.settle(posting))
            ++report.settled;
    }
    return report;
}

PullReport StudentPayments::pull_all(const std::atomic<bool>* stop) {
    PullReport total;
    for (const auto& student : c_.store.registered_students()) {
        if (stop && *stop)
            break;
        try {
            const PullReport one = pull_student(student);
            total.students += one.students;
            total.posted += one.posted;
            total.settled += one.settled;
        } catch (const std::exception& e) {
            ++total.errors;
            c_.log.warn("pull_student_payments: student " + student.student_id + ": " + e.what());
        }
    }
    return total;
}

std::string StudentPayments::on_event(const std::string& jodo_student_id,
                                      const std::string& payment_id) {
    const auto student = c_.store.by_jodo_id(jodo_student_id);
    if (!student || student->state != "registered")
        return "ignored: Jodo student " + jodo_student_id + " was not registered by this ERP";
    const PullReport report = pull_student(*student);
    return "student " + student->student_id + ": payment " + payment_id + " checked with List " +
           "Payments; " + std::to_string(report.posted) + " posted, " +
           std::to_string(report.settled) + " settled";
}

}  // namespace jodo
