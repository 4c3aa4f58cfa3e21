// Preloaded (`node -r bench/maxrss.cjs ...`) into a process the benchmark measures: prints its
// peak resident memory (kB) on stderr when it exits.
process.on('exit', () => {
  try {
    require('node:fs').writeSync(2, `\nmaxrss-kb ${process.resourceUsage().maxRSS}\n`);
  } catch {
    /* stderr closed */
  }
});
