#include "BenchOptions.hpp"

#include <cstdlib>
#include <stdexcept>

namespace bench {

namespace {
int whole_number(const std::string& option, const std::string& text, int min) {
    std::size_t used = 0;
    int value = 0;
    try {
        value = std::stoi(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || value < min)
        throw std::invalid_argument(option + " needs a whole number of at least " +
                                    std::to_string(min) + ", not \"" + text + "\"");
    return value;
}
}  // namespace

const char* usage() {
    return "usage: connector-bench [--invoices N] [--events N] [--latency-ms MS] [--clients C]\n"
           "                       [--reconcile N] [--reconcile-s S] [--baseline-s S]\n"
           "                       [--pg ODBC-CONNECTION] [--workdir DIR]\n"
           "                       [--python-baseline SCRIPT]\n";
}

BenchOptions parse_options(int argc, char** argv) {
    BenchOptions o;
    if (const char* pg = std::getenv("JODO_TEST_PG_CONNECTION"))
        o.pg = pg;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            throw std::invalid_argument(arg + " needs a value (or is not an option)");
        const std::string value = argv[++i];
        if (arg == "--invoices")
            o.invoices = whole_number(arg, value, 1);
        else if (arg == "--events")
            o.events = whole_number(arg, value, 1);
        else if (arg == "--latency-ms")
            o.latency_ms = whole_number(arg, value, 0);
        else if (arg == "--clients")
            o.clients = whole_number(arg, value, 1);
        else if (arg == "--reconcile")
            o.reconcile = whole_number(arg, value, 0);
        else if (arg == "--baseline-s")
            o.baseline_s = whole_number(arg, value, 1);
        else if (arg == "--reconcile-s")
            o.reconcile_s = whole_number(arg, value, 1);
        else if (arg == "--pg")
            o.pg = value;
        else if (arg == "--workdir")
            o.workdir = value;
        else if (arg == "--python-baseline")
            o.python_baseline = value;
        else
            throw std::invalid_argument("unknown option " + arg);
    }
    return o;
}

}  // namespace bench
