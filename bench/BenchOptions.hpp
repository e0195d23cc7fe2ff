// connector-bench's command line.
#pragma once

#include <string>

namespace bench {

struct BenchOptions {
    int invoices = 1000;    // collected by collect_all, per database
    int events = 3000;      // webhook deliveries, per database
    int latency_ms = 0;     // the sandbox's delay per /api/ request
    int clients = 64;       // concurrent clients (raw capacity, webhook senders)
    int reconcile = 0;      // > 0: a separate run over this many due collections
    double baseline_s = 3;  // how long the one-at-a-time baseline runs at most
    int reconcile_s = 60;   // the reconcile figure stops after this (not --reconcile N)
    std::string pg;         // PostgreSQL ODBC connection (or JODO_TEST_PG_CONNECTION)
    std::string workdir;    // where the SQLite files go (never tmpfs)
    // The sequential Python script; empty: the one beside the binary.
    std::string python_baseline;
};

// Throws std::invalid_argument naming the option and what is wrong with it.
BenchOptions parse_options(int argc, char** argv);
const char* usage();

}  // namespace bench
