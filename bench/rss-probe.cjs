// Preloaded into a benchmarked CLI process (NODE_OPTIONS=--require): on exit it writes the process's
// peak resident memory to the file named by VRIC_BENCH_RSS, so the benchmark can report it.
const fs = require('node:fs');

const target = process.env.VRIC_BENCH_RSS;
if (target) {
  process.on('exit', () => {
    try {
      fs.writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
    } catch {
      // The benchmark reports a missing figure; never fail the measured run.
    }
  });
}
