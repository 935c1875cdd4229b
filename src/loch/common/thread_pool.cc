#include "loch/common/thread_pool.h"

namespace loch {

ThreadPool::ThreadPool(int threads) : threads_(threads < 1 ? 1 : threads) {
  for (int i = 1; i < threads_; ++i) {
    workers_.emplace_back([this, i] { workerLoop(i); });
  }
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

void ThreadPool::runMorsels(int worker) {
  while (true) {
    int64_t morsel;
    {
      std::lock_guard lock(mutex_);
      if (error_ || next_morsel_ >= job_morsels_) return;
      morsel = next_morsel_++;
    }
    try {
      (*job_)(morsel, worker);
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!error_) error_ = std::current_exception();
      return;
    }
  }
}

void ThreadPool::workerLoop(int worker) {
  uint64_t seen = 0;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      ++active_;
    }
    runMorsels(worker);
    {
      std::lock_guard lock(mutex_);
      --active_;
    }
    done_.notify_all();
  }
}

void ThreadPool::parallelFor(int64_t morsels, const std::function<void(int64_t, int)>& fn) {
  if (morsels <= 0) return;
  std::lock_guard job_lock(job_mutex_);
  if (threads_ == 1 || morsels == 1) {
    for (int64_t m = 0; m < morsels; ++m) fn(m, 0);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    job_ = &fn;
    job_morsels_ = morsels;
    next_morsel_ = 0;
    error_ = nullptr;
    ++generation_;
  }
  wake_.notify_all();
  runMorsels(0);
  std::exception_ptr error;
  {
    std::unique_lock lock(mutex_);
    // Workers that woke late find no morsels and leave at once.
    done_.wait(lock, [&] { return active_ == 0 && (next_morsel_ >= job_morsels_ || error_); });
    job_ = nullptr;
    job_morsels_ = 0;
    error = error_;
    error_ = nullptr;
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace loch
