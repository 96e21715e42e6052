/**
 * Stopping TLC runs: SIGINT / SIGTERM to `daxspec tlc` or to tools/tlc.sh
 * leave no java behind and no daxspec-tlc* directory; TLC killed under
 * daxspec is reported as such (exit 5), not as a bug or a disagreement.
 * Each run gets its own TMPDIR, so "left behind" is looked for there only.
 * Needs java and a TLC jar; skipped with the reason otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';
import { BIN, ROOT } from '../helpers/cli.js';
import { tlcAvailability } from './tlc-available.js';

const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

function freshTmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'daxspec-signals-'));
  scratch.push(d);
  return d;
}

/** Pids of the processes whose command line mentions `text`. */
function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function javaUnder(tmp: string): number[] {
  return processesMentioning(tmp).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('tlc2.TLC');
    } catch {
      return false;
    }
  });
}

/**
 * Polls `probe` until it gives a value, or fails when `child` exits first.
 * No deadline of its own: on a loaded machine java may take minutes to
 * start, and only the test's timeout should decide how long is too long.
 */
async function until<T>(probe: () => T | null, child: ChildProcess): Promise<T> {
  for (;;) {
    const v = probe();
    if (v !== null) return v;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the process exited (${child.exitCode ?? child.signalCode}) before java was seen`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
}

/** A model TLC needs minutes for: there is time to signal it mid-run. */
const LONG = ['tlc', 'spec/dax-pmd-wakeup.ts', '--model', 'buggy-8'];

describe('stopping TLC', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} to daxspec tlc stops java and removes the temporary directories`, { timeout: 900_000 }, async (ctx) => {
      if (!(await tlcAvailability()).available) return ctx.skip();
      const tmp = freshTmp();
      const child = spawn('node', [BIN, ...LONG], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
      const done = exited(child);
      await until(() => (javaUnder(tmp).length > 0 ? true : null), child);
      child.kill(signal);
      const r = await done;
      expect(r.code).toBe(128 + os.constants.signals[signal]);
      expect(r.stderr).toMatch(new RegExp(`stopped by ${signal}`));
      expect(processesMentioning(tmp)).toEqual([]);
      expect(readdirSync(tmp).filter((f) => f.startsWith('daxspec-tlc'))).toEqual([]);
    });
  }

  it('SIGTERM to tools/tlc.sh stops java and removes its directory', { timeout: 900_000 }, async (ctx) => {
    if (!(await tlcAvailability()).available) return ctx.skip();
    const tmp = freshTmp();
    const work = path.join(tmp, 'modules');
    cpSync(path.join(ROOT, 'tla'), work, { recursive: true });
    const child = spawn(path.join(ROOT, 'tools/tlc.sh'), [path.join(work, 'MC_DaxPmdWakeup_buggy_8.tla')], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    const done = exited(child);
    await until(() => (javaUnder(tmp).length > 0 ? true : null), child);
    child.kill('SIGTERM');
    const r = await done;
    expect(r.code).toBe(143);
    expect(processesMentioning(tmp)).toEqual([]);
    expect(readdirSync(tmp).filter((f) => f.startsWith('daxspec-tlc'))).toEqual([]);
  });

  it('TLC killed under daxspec tlc: said so, with the signal, exit 5', { timeout: 900_000 }, async (ctx) => {
    if (!(await tlcAvailability()).available) return ctx.skip();
    const tmp = freshTmp();
    const child = spawn('node', [BIN, ...LONG], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    const done = exited(child);
    const [java] = await until(() => {
      const pids = javaUnder(tmp);
      return pids.length > 0 ? pids : null;
    }, child);
    process.kill(java!, 'SIGKILL');
    const r = await done;
    expect(r.code).toBe(EXIT_CODES.tlcFailed.code);
    expect(r.stderr).toMatch(/TLC was killed by SIGKILL .* on model buggy-8, before a verdict/);
    expect(r.stderr).not.toMatch(/internal error|bug in daxspec|DISAGREE/);
    expect(readdirSync(tmp).filter((f) => f.startsWith('daxspec-tlc'))).toEqual([]);
  });
});
