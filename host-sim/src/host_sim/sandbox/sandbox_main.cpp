// jodo-sandbox --port N --key K --secret S [--webhook-url U [--webhook-secret W]]
//              [--answer-shape TRAITS]
// Runs the offline Jodo Pay API on 127.0.0.1 until SIGINT or SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

#include <spdlog/spdlog.h>

#include "host_sim/sandbox/JodoSandbox.hpp"

namespace {

void usage(std::ostream& out) {
    out << "usage: jodo-sandbox [--port N] [--key K] [--secret S] [--webhook-url U]\n"
           "                    [--webhook-secret W] [--chaos P] [--tls-cert F --tls-key K]\n"
           "                    [--answer-shape TRAITS] [--merchant NAME] [--latency-ms N]\n"
           "                    [--verbose]\n"
           "  --port    TCP port on 127.0.0.1 (default 8089; 0 picks a free one)\n"
           "  --key     API key callers must send (default sandbox_key)\n"
           "  --secret  API secret callers must send (default sandbox_secret)\n"
           "  --webhook-url     POST Jodo webhooks here (http://, loopback host only)\n"
           "  --webhook-secret  sign them: X-Jodo-Signature = hex HMAC-SHA256(secret, body)\n"
           "  --chaos P         inject a random fault (FaultInjector.hpp) into a fraction P\n"
           "                    (0..1) of /api/ requests\n"
           "  --tls-cert F --tls-key K  serve HTTPS with this PEM certificate and key\n"
           "  --merchant NAME   the school the hosted checkout names\n"
           "  --answer-shape T  how answers are written, comma-separated traits:\n"
           "                    integers|numbers|strings (amounts 1000 | 1000.0 | \"1000.0\"),\n"
           "                    string-years, no-create-status, extra-fields, string-ids;\n"
           "                    default documented\n"
           "  --latency-ms N    every /api/ request waits N ms before it is answered\n"
           "  --verbose log every request (method, path, status)\n"
           "Acting as Jodo's app and bank (from 127.0.0.1 only):\n"
           "  POST /_sandbox/students/<jodo_student_id>/pay   a parent pays what is owed\n"
           "       (payment.debited); body optional: {\"fee_components\":[{\"component_type\",\n"
           "       \"amount\"}],\"mode\":\"upi\"}\n"
           "  POST /_sandbox/students/<id>/payments/<payment_id>/settle   (payment.settled)\n"
           "  POST /_sandbox/orders/<order_id>/pay, .../settle, .../expire   (checkout orders)\n";
}

bool parse_port(const std::string& text, std::uint16_t& port) {
    if (text.empty() || text.size() > 5)
        return false;
    unsigned long value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + static_cast<unsigned long>(c - '0');
    }
    if (value > 65535)
        return false;
    port = static_cast<std::uint16_t>(value);
    return true;
}

bool parse_probability(const std::string& text, double& probability) {
    if (text.empty())
        return false;
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !(value >= 0.0 && value <= 1.0))
        return false;
    probability = value;
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    jodo::sandbox::SandboxOptions options;
    options.port = 8089;
    jodo::sandbox::WebhookOptions webhooks;
    jodo::sandbox::ChaosFaults chaos;
    int latency_ms = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            usage(std::cout);
            return 0;
        }
        if (arg == "--verbose") {
            spdlog::set_level(spdlog::level::debug);
            continue;
        }
        if (i + 1 < argc && (arg == "--webhook-url" || arg == "--webhook-secret")) {
            (arg == "--webhook-url" ? webhooks.url : webhooks.secret) = argv[++i];
            continue;
        }
        if (i + 1 < argc && (arg == "--tls-cert" || arg == "--tls-key")) {
            (arg == "--tls-cert" ? options.tls_cert_file : options.tls_key_file) = argv[++i];
            continue;
        }
        if (i + 1 < argc && arg == "--merchant") {
            options.merchant_name = argv[++i];
            continue;
        }
        if (i + 1 < argc && arg == "--answer-shape") {
            std::string reason;
            auto shape = jodo::sandbox::parse_answer_shape(argv[++i], &reason);
            if (!shape) {
                std::cerr << "jodo-sandbox: --answer-shape: " << reason << "\n";
                return 2;
            }
            options.answer_shape = *shape;
            continue;
        }
        if (i + 1 < argc && arg == "--latency-ms") {
            const std::string value = argv[++i];
            std::uint16_t ms = 0;  // up to 65 s
            if (!parse_port(value, ms)) {
                std::cerr << "jodo-sandbox: --latency-ms needs a number from 0 to 65535\n";
                return 2;
            }
            latency_ms = ms;
            continue;
        }
        if (i + 1 < argc && arg == "--chaos") {
            if (!parse_probability(argv[++i], chaos.probability)) {
                std::cerr << "jodo-sandbox: --chaos needs a number from 0 to 1\n";
                return 2;
            }
            continue;
        }
        if (i + 1 >= argc || (arg != "--port" && arg != "--key" && arg != "--secret")) {
            std::cerr << "jodo-sandbox: unexpected argument " << arg << "\n";
            usage(std::cerr);
            return 2;
        }
        const std::string value = argv[++i];
        if (arg == "--port") {
            if (!parse_port(value, options.port)) {
                std::cerr << "jodo-sandbox: --port needs a number from 0 to 65535\n";
                return 2;
            }
        } else if (arg == "--key") {
            options.api_key = value;
        } else {
            options.api_secret = value;
        }
    }

    // Block the stop signals before any server thread exists, so every thread
    // inherits the mask and only sigwait below receives them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    jodo::sandbox::JodoSandbox sandbox(options);
    try {
        sandbox.set_webhooks(webhooks);
        sandbox.set_chaos(chaos);
        sandbox.set_latency_ms(latency_ms);
        sandbox.start();
    } catch (const std::exception& e) {
        std::cerr << "jodo-sandbox: " << e.what() << "\n";
        return 1;
    }
    std::cout << "Jodo sandbox listening on " << sandbox.base_url() << std::endl;

    int received = 0;
    sigwait(&stop_signals, &received);
    std::cout << "Jodo sandbox stopping (signal " << received << ")" << std::endl;
    sandbox.stop();
    return 0;
}
