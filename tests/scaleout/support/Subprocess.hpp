#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace scaleout {

// How a child process ended.
struct Exit {
    bool timed_out = false;  // still running at the deadline (then killed)
    int code = -1;           // exit status when it exited normally
    int signal = 0;          // the signal that ended it, 0 when it exited
    std::string out, err;    // everything it wrote to stdout and stderr

    bool ok() const { return !timed_out && signal == 0 && code == 0; }
    std::string describe() const;  // for assertion messages
};

// One child process (posix_spawn), its stdout and stderr going to files.
// `env` is added to (and overrides) this process's environment; a value of
// "\x01unset" removes the variable. The destructor kills a child still running.
class Subprocess {
  public:
    Subprocess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
               const std::filesystem::path& out_file, const std::filesystem::path& err_file);
    ~Subprocess();
    Subprocess(const Subprocess&) = delete;
    Subprocess& operator=(const Subprocess&) = delete;

    pid_t pid() const { return pid_; }
    bool running();
    // Waits until it ends or `timeout_ms` passes (then SIGKILL and timed_out).
    Exit wait(int timeout_ms);
    void signal(int sig);
    std::string out() const;  // what it has written so far
    std::string err() const;
    // Polls stdout until `needle` appears; returns the line holding it, or ""
    // when the process ends or `timeout_ms` passes first.
    std::string wait_for_output(const std::string& needle, int timeout_ms);

  private:
    pid_t pid_ = -1;
    bool reaped_ = false;
    Exit exit_;
    std::filesystem::path out_file_, err_file_;
};

std::string read_file(const std::filesystem::path& file);

}  // namespace scaleout
