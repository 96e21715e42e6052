/**
 * The test suite's configuration, chosen to stay stable on a loaded 2-core
 * machine (see test/README.md for the conventions that keep it so).
 *
 * - pool 'forks': each worker is a child process, so a crash or a leak in one
 *   test file cannot take the runner with it, and native modules
 *   (tree-sitter's wasm, TLC's children) are isolated.
 * - at most 2 workers: one per core. More only adds contention: the heavy
 *   tests already run their work in child processes (test/helpers/child.ts),
 *   which count against the same cores.
 * - vitest's worker talks to the main process over RPC with a fixed 60 s
 *   timeout; a test that blocks its event loop longer (under load: one that
 *   takes "only" 15 s when the machine is idle) ends the run with
 *   `Timeout calling "onTaskUpdate"` although every test passed. No timeout
 *   here can fix that. What does: the setup file yields to the event loop
 *   between tests (so the stretches of consecutive synchronous tests do not
 *   add up), and heavy work runs in child processes (so no single test holds
 *   the loop for long).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/yield-between-tests.ts'],
    pool: 'forks',
    maxWorkers: 2,
    minWorkers: 1,
    // Generous: a test waiting on a child process under load is slow, not stuck.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    teardownTimeout: 60_000,
  },
});
