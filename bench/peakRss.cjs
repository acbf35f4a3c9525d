// Preloaded into benchmarked processes: writes the process's peak RSS (KiB) to $BENCH_RSS_FILE on exit.
"use strict";
const fs = require("node:fs");
process.on("exit", () => {
  if (process.env.BENCH_RSS_FILE) fs.writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
