#include "Report.hpp"

#include <iomanip>
#include <iostream>
#include <sstream>

namespace bench {

std::string fixed(double value, int decimals) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

void print_figure(const std::string& name, const std::string& what, const std::string& value,
                  const Verdict& verdict) {
    std::cout << "figure " << std::left << std::setw(22) << name << " " << std::setw(52) << what
              << " " << value;
    if (!verdict.target.empty())
        std::cout << "   [target " << verdict.target << ": " << (verdict.met ? "met" : "NOT met")
                  << "]";
    std::cout << std::endl;
}

void print_skipped(const std::string& name, const std::string& what, const std::string& why) {
    std::cout << "figure " << std::left << std::setw(22) << name << " " << std::setw(52) << what
              << " skipped: " << why << std::endl;
}

}  // namespace bench
