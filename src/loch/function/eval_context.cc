#include "loch/function/eval_context.h"

#include <chrono>

#include "loch/types/datetime.h"

namespace loch {

EvalContext EvalContext::defaults() {
  EvalContext ctx;
  ctx.time_zone = &lookupTimeZone(ctx.time_zone_name);
  ctx.current_timestamp_micros =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  return ctx;
}

}  // namespace loch
