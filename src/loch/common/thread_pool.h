#pragma once
// Morsel-driven parallelism (Leis et al., "Morsel-Driven Parallelism",
// SIGMOD 2014): a fixed pool of workers; a parallel task is a number of
// morsels that workers claim one at a time from a shared counter, so fast
// workers take more and no static partitioning is needed.

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace loch {

/// A fixed set of worker threads that run `parallelFor` jobs.
class ThreadPool {
 public:
  /// @param threads number of threads used by parallelFor, including the
  ///        caller's thread (so threads-1 workers are started).
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return threads_; }

  /// Runs fn(morsel, worker) for morsel in [0, morsels), morsels claimed
  /// dynamically; worker is in [0, threads()) and identifies the thread, so
  /// callers can keep per-worker state without locks. Blocks until all are
  /// done. The first exception thrown by fn is rethrown here (remaining
  /// morsels are skipped).
  void parallelFor(int64_t morsels, const std::function<void(int64_t, int)>& fn);

 private:
  void workerLoop(int worker);
  void runMorsels(int worker);

  int threads_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  const std::function<void(int64_t, int)>* job_ = nullptr;
  int64_t job_morsels_ = 0;
  int64_t next_morsel_ = 0;
  int active_ = 0;
  uint64_t generation_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
  std::mutex job_mutex_;  // one parallelFor at a time
};

}  // namespace loch
