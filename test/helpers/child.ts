/**
 * Runs a function exported by one of our TypeScript modules in a child process
 * (node --import tsx) and resolves with its result, passed back as JSON.
 *
 * Why: vitest's worker answers the main process's RPC on its event loop; a test
 * that computes synchronously for many seconds (parsing every spec, checking a
 * 400,000-state model, regenerating docs pages) starves it, and under load the
 * run ends with `Timeout calling "onTaskUpdate"` although every test passed.
 * Such work goes through inChild; the test only awaits.
 */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { RESULT_MARKER, type ChildReply } from './child-protocol.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./child-main.ts', import.meta.url));

/** An error thrown in the child, with the fields it had (e.g. a SpecError's code and loc). */
export class ChildError extends Error {
  constructor(message: string, readonly fields: Record<string, unknown>, readonly childStack: string) {
    super(message);
  }
}

/**
 * `module` is a URL (new URL('../../src/x.ts', import.meta.url)) or a path
 * relative to the repository root; `exportName` names an exported function,
 * sync or async, whose arguments and result survive JSON.
 */
export async function inChild<T>(module: URL | string, exportName: string, ...args: unknown[]): Promise<T> {
  const file = typeof module === 'string' ? module : fileURLToPath(module);
  const run = await execa(process.execPath, ['--import', 'tsx', ENTRY, file, exportName], {
    cwd: ROOT,
    input: JSON.stringify(args),
    reject: false,
    env: { FORCE_COLOR: '0' },
  });
  const marker = String(run.stdout).lastIndexOf(RESULT_MARKER);
  if (marker < 0) throw new Error(`child ${file}#${exportName} printed no result (exit ${run.exitCode}):\n${run.stderr}`);
  const reply = JSON.parse(String(run.stdout).slice(marker + RESULT_MARKER.length)) as ChildReply;
  if ('error' in reply) throw new ChildError(reply.error.message, reply.error.fields, reply.error.stack);
  return reply.value as T;
}
