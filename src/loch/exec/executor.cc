#include "loch/exec/executor.h"

#include <map>
#include <mutex>

#include "loch/common/exception.h"
#include "loch/common/thread_pool.h"
#include "loch/exec/collect_sink.h"

namespace loch {

namespace {

/// Runs fn; a LochException leaving it names `op` and the morsel.
template <class Fn>
void withContext(const PhysicalOperator& op, int64_t morsel, Fn&& fn) {
  try {
    fn();
  } catch (LochException& e) {
    e.addContext("in " + op.toString() +
                 (morsel < 0 ? std::string(", while finalizing") : ", input morsel " + std::to_string(morsel)));
    throw;
  }
}

}  // namespace

void Executor::prepareBreaker(PhysicalOperator& op) {
  for (size_t i = 0; i < op.children().size(); ++i) {
    op.beginSink(static_cast<int>(i), ctx_);
    runInto(*op.children()[i], {}, op, static_cast<int>(i));
  }
  withContext(op, -1, [&] { op.finalize(ctx_); });
}

void Executor::runInto(PhysicalOperator& op, std::vector<PhysicalOperator*> chain, PhysicalOperator& sink,
                       int sink_child) {
  switch (op.role()) {
    case OperatorRole::Streaming:
      chain.insert(chain.begin(), &op);
      runInto(*op.children().at(0), std::move(chain), sink, sink_child);
      return;
    case OperatorRole::Join: {
      // Build side first (child 1, sunk into the join), then stream the probe side.
      op.beginSink(1, ctx_);
      runInto(*op.children().at(1), {}, op, 1);
      op.finalize(ctx_);
      chain.insert(chain.begin(), &op);
      runInto(*op.children().at(0), std::move(chain), sink, sink_child);
      return;
    }
    case OperatorRole::Breaker:
      prepareBreaker(op);
      runPipeline(op, chain, sink, sink_child);
      return;
    case OperatorRole::Source:
      runPipeline(op, chain, sink, sink_child);
      return;
  }
}

void Executor::runPipeline(PhysicalOperator& source, const std::vector<PhysicalOperator*>& chain,
                           PhysicalOperator& sink, int sink_child) {
  int threads = ctx_.pool ? ctx_.pool->threads() : 1;
  // Per-worker states for each streaming operator and the sink.
  std::vector<std::vector<std::unique_ptr<OperatorState>>> op_states(chain.size());
  for (size_t c = 0; c < chain.size(); ++c) {
    for (int w = 0; w < threads; ++w) op_states[c].push_back(chain[c]->makeState(ctx_));
  }
  std::vector<std::unique_ptr<OperatorState>> sink_states;
  for (int w = 0; w < threads; ++w) sink_states.push_back(sink.makeSinkState(ctx_));

  // Each worker evaluates with its own context: the morsel index is the
  // partition index of rand(seed), sample and monotonically_increasing_id.
  std::vector<ExecContext> worker_ctx(static_cast<size_t>(threads), ctx_);

  // push(level, morsel, worker): pushes a batch into chain[level] or the sink.
  std::function<void(size_t, int64_t, int, const RecordBatchPtr&)> push =
      [&](size_t level, int64_t morsel, int worker, const RecordBatchPtr& batch) {
        ExecContext& wctx = worker_ctx[static_cast<size_t>(worker)];
        if (level == chain.size()) {
          withContext(sink, morsel, [&] { sink.sink(batch, morsel, sink_states[worker].get(), wctx); });
          return;
        }
        withContext(*chain[level], morsel, [&] {
          chain[level]->execute(batch, op_states[level][worker].get(), wctx,
                                [&, level, morsel, worker](const RecordBatchPtr& out) {
                                  if (out && out->numRows() > 0) push(level + 1, morsel, worker, out);
                                });
        });
      };

  int64_t morsels = source.morselCount(ctx_);
  auto body = [&](int64_t morsel, int worker) {
    ExecContext& wctx = worker_ctx[static_cast<size_t>(worker)];
    wctx.eval.partition_index = morsel;
    wctx.eval.row_offset = 0;
    withContext(source, morsel, [&] {
      source.produce(morsel, wctx, [&](const RecordBatchPtr& b) {
        if (b && b->numRows() > 0) push(0, morsel, worker, b);
      });
    });
  };
  if (ctx_.pool) {
    ctx_.pool->parallelFor(morsels, body);
  } else {
    for (int64_t m = 0; m < morsels; ++m) body(m, 0);
  }
  // Leftovers of streaming operators (outer joins), in chain order; they
  // count as one more morsel after the last.
  for (size_t c = 0; c < chain.size(); ++c) {
    worker_ctx[0].eval.partition_index = morsels + static_cast<int64_t>(c);
    chain[c]->finish(worker_ctx[0], [&](const RecordBatchPtr& out) {
      if (out && out->numRows() > 0) push(c + 1, morsels + static_cast<int64_t>(c), 0, out);
    });
  }
  for (auto& s : sink_states) sink.combine(s.get(), ctx_);
}

std::vector<RecordBatchPtr> Executor::collect(const PhysicalOperatorPtr& root) {
  auto sink = std::make_shared<CollectSink>(root);
  prepareBreaker(*sink);
  return sink->batches();
}

void Executor::run(const PhysicalOperatorPtr& root, const std::function<void(const RecordBatchPtr&)>& consumer) {
  for (const auto& b : collect(root)) consumer(b);
}

}  // namespace loch
