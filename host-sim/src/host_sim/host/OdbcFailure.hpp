// An ODBC failure in one sentence. Poco hands on the driver's whole
// diagnostic dump (records, native codes, hints over several lines); an
// administrator needs which driver, which server, and what went wrong.
#pragma once

#include <string>

namespace host_sim {

// `message` unchanged when it holds no ODBC diagnostic record; otherwise
// "WHAT (driver D, server S): the driver's first line [SQLSTATE X]", the
// driver and server read from `connection_string` (DSN= or Database= when
// there is no Server=). The caller logs the raw text.
std::string summarise_odbc_failure(const std::string& connection_string,
                                   const std::string& message);

// The raw text on one line, for a log line.
std::string one_line(const std::string& text);

}  // namespace host_sim
