#include "support/Subprocess.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace scaleout {

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string Exit::describe() const {
    std::ostringstream s;
    if (timed_out)
        s << "timed out";
    else if (signal != 0)
        s << "killed by signal " << signal << " (" << strsignal(signal) << ")";
    else
        s << "exit code " << code;
    s << "\n--- stdout ---\n" << out << "--- stderr ---\n" << err;
    return s.str();
}

Subprocess::Subprocess(const std::vector<std::string>& argv,
                       const std::map<std::string, std::string>& env,
                       const std::filesystem::path& out_file, const std::filesystem::path& err_file)
    : out_file_(out_file), err_file_(err_file) {
    std::vector<std::string> environment;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry = *e;
        const std::string name = entry.substr(0, entry.find('='));
        if (env.count(name) == 0)
            environment.push_back(entry);
    }
    for (const auto& [name, value] : env)
        if (value != "\x01unset")
            environment.push_back(name + "=" + value);
    std::vector<char*> args, envp;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (const auto& e : environment)
        envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_file.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_file.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
}

Subprocess::~Subprocess() {
    if (!reaped_ && pid_ > 0) {
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
}

bool Subprocess::running() {
    if (reaped_)
        return false;
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == 0)
        return true;
    reaped_ = true;
    if (r == pid_) {
        if (WIFSIGNALED(status))
            exit_.signal = WTERMSIG(status);
        else if (WIFEXITED(status))
            exit_.code = WEXITSTATUS(status);
    }
    return false;
}

Exit Subprocess::wait(int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (running()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(pid_, SIGKILL);
            int status = 0;
            ::waitpid(pid_, &status, 0);
            reaped_ = true;
            exit_.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    Exit result = exit_;
    result.out = out();
    result.err = err();
    return result;
}

void Subprocess::signal(int sig) {
    if (!reaped_)
        ::kill(pid_, sig);
}

std::string Subprocess::out() const {
    return read_file(out_file_);
}

std::string Subprocess::err() const {
    return read_file(err_file_);
}

std::string Subprocess::wait_for_output(const std::string& needle, int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
        std::istringstream lines(out());
        std::string line;
        while (std::getline(lines, line))
            if (line.find(needle) != std::string::npos)
                return line;
        if (!running() || std::chrono::steady_clock::now() >= deadline)
            return {};
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace scaleout
