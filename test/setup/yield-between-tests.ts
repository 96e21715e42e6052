/**
 * After every test, one turn of the event loop (setImmediate passes through
 * the poll phase). vitest runs a file's tests back to back on microtasks, so
 * without this, twenty synchronous tests of three seconds each hold the loop
 * for a minute and the worker's pending RPC call to the main process times out
 * (`Timeout calling "onTaskUpdate"`) although every test passed. With it, only
 * one test's synchronous stretch counts, and test/README.md keeps that short.
 */
import { afterEach } from 'vitest';

afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
