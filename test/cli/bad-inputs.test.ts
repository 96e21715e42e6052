/**
 * The bad-input corpus (test/fixtures/bad-inputs/cases.ts): every row run as
 * a user runs it, in child processes — most rows several to a child, rows
 * that need a process of their own (a FIFO, a closed pipe, /dev/full, no
 * java, a read-only mount) one each — at most two children at a time, so the
 * worker's event loop stays free and the file takes seconds, not minutes.
 */
import { spawnSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';
import { BAD_INPUT_CASES, type BadInputCase } from '../fixtures/bad-inputs/cases.js';
import { BIN, inParallel, ROOT, runCli, runCliBatch, type CliRun } from '../helpers/cli.js';

const BATCH_SIZE = 12;
const PARALLEL = 2;

let tmp = '';
/** A directory of links to everything on PATH except java. */
let noJavaPath = '';
/** Can this machine mount a read-only tmpfs in a user namespace (unshare -rm)? */
let canMountReadOnly = false;
const results = new Map<string, CliRun | Error>();

function substitute(text: string): string {
  return text.replaceAll('{tmp}', tmp);
}

function argvOf(c: BadInputCase): string[] {
  return c.args.map((a) => substitute(a === '$IN' ? c.input! : a));
}

function makeScratch(): void {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'daxspec-bad-inputs-'));
  spawnSync('mkfifo', [path.join(tmp, 'fifo.ts')]);
  symlinkSync('/dev/zero', path.join(tmp, 'zero.ts'));
  mkdirSync(path.join(tmp, 'dir.ts'));
  writeFileSync(path.join(tmp, 'huge.ts'), '');
  truncateSync(path.join(tmp, 'huge.ts'), 50 * 2 ** 20); // sparse: no disk used
  writeFileSync(path.join(tmp, 'a-file'), 'not a directory\n');
  writeFileSync(path.join(tmp, 'empty.jar'), '');
  writeFileSync(path.join(tmp, 'text.jar'), 'this is not a zip archive\n');
  // The smallest valid zip: an end-of-central-directory record and nothing else.
  writeFileSync(path.join(tmp, 'other.jar'), Buffer.concat([Buffer.from('PK\x05\x06'), Buffer.alloc(18)]));
  noJavaPath = path.join(tmp, 'no-java-bin');
  mkdirSync(noJavaPath);
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (name === 'java' || existsSync(path.join(noJavaPath, name))) continue;
      symlinkSync(path.join(dir, name), path.join(noJavaPath, name));
    }
  }
  canMountReadOnly = spawnSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o ro none ${tmp}/dir.ts`]).status === 0;
}

/** Runs `daxspec` until its first line of output, then closes the pipe like `| head -1`. */
function runUntilFirstLine(argv: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn('node', [BIN, ...argv], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.stdout.on('data', (d) => {
      stdout += String(d);
      if (stdout.includes('\n')) child.stdout.destroy();
    });
    child.on('close', (code, signal) => resolve({ exitCode: code ?? undefined, signal: signal ?? undefined, stdout, stderr }));
  });
}

async function runOwnProcess(c: BadInputCase): Promise<CliRun> {
  const p = c.process!;
  const argv = argvOf(c);
  const env: Record<string, string> = Object.fromEntries(Object.entries(p.env ?? {}).map(([k, v]) => [k, substitute(v)]));
  if (p.noJava) env.PATH = noJavaPath;
  if (p.stdout === 'close-after-first-line') return runUntilFirstLine(argv);
  if (p.readOnlyOut) {
    // A tmpfs mounted read-only in a private mount namespace: nothing outside sees it.
    const ro = path.join(tmp, 'ro');
    mkdirSync(ro, { recursive: true });
    const quoted = [BIN, ...argv.map((a) => a.replaceAll('{ro}', ro))].map((a) => `'${a}'`).join(' ');
    const { execa } = await import('execa');
    const r = await execa('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o ro none '${ro}' && exec node ${quoted}`], { cwd: ROOT, reject: false, timeout: 120_000 });
    return { exitCode: r.exitCode, signal: r.signal ?? undefined, stdout: String(r.stdout), stderr: String(r.stderr) };
  }
  if (p.script) {
    const { execa } = await import('execa');
    const r = await execa(path.join(ROOT, p.script), argv, { cwd: ROOT, reject: false, timeout: 600_000, env });
    return { exitCode: r.exitCode, signal: r.signal ?? undefined, stdout: String(r.stdout), stderr: String(r.stderr) };
  }
  if (p.stdout === 'dev-full') {
    // The descriptor itself, not a pipe through this process: the child must meet ENOSPC.
    const fd = openSync('/dev/full', 'w');
    try {
      return await new Promise<CliRun>((resolve) => {
        const child = spawn('node', [BIN, ...argv], { cwd: ROOT, stdio: ['ignore', fd, 'pipe'] });
        let stderr = '';
        child.stderr!.on('data', (d) => (stderr += String(d)));
        child.on('close', (code, signal) => resolve({ exitCode: code ?? undefined, signal: signal ?? undefined, stdout: '', stderr }));
      });
    } finally {
      closeSync(fd);
    }
  }
  return runCli(argv, { env });
}

beforeAll(async () => {
  makeScratch();
  const batched = BAD_INPUT_CASES.filter((c) => c.process === undefined);
  const own = BAD_INPUT_CASES.filter((c) => c.process !== undefined);
  const batches: BadInputCase[][] = [];
  for (let i = 0; i < batched.length; i += BATCH_SIZE) batches.push(batched.slice(i, i + BATCH_SIZE));
  const jobs: (() => Promise<void>)[] = [
    ...batches.map((batch) => async () => {
      try {
        const runs = await runCliBatch(batch.map(argvOf));
        batch.forEach((c, i) => results.set(c.name, runs[i]!));
      } catch (err) {
        for (const c of batch) results.set(c.name, err as Error);
      }
    }),
    ...own.map((c) => async () => {
      if (c.process?.readOnlyOut && !canMountReadOnly) return;
      results.set(c.name, await runOwnProcess(c).catch((err: Error) => err));
    }),
  ];
  await inParallel(jobs, PARALLEL);
}, 600_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('bad inputs and faults', () => {
  it('has at least 60 cases, each with its own name', () => {
    expect(BAD_INPUT_CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(BAD_INPUT_CASES.map((c) => c.name)).size).toBe(BAD_INPUT_CASES.length);
  });

  it.for(BAD_INPUT_CASES)('$name', (c, ctx) => {
    if (c.process?.readOnlyOut && !canMountReadOnly) return ctx.skip();
    const r = results.get(c.name);
    if (r instanceof Error) throw r;
    expect(r, 'the case did not run').toBeDefined();
    const run = r!;
    const output = `${run.stderr}${run.stdout}`;
    expect(run.signal, output).toBeUndefined();
    expect(run.exitCode, output).toBe(EXIT_CODES[c.exit].code);
    expect(c.message.test(c.process?.stdout === 'close-after-first-line' ? run.stderr : output), output).toBe(true);
    // Never a stack trace or an internal error, whatever went wrong.
    expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(output).not.toMatch(/internal error|TypeError|RangeError|ReferenceError|Exception in thread/);
    const input = c.input === undefined ? null : substitute(c.input);
    const located = input !== null && new RegExp(`^${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: (error|warning) `, 'm').test(run.stderr);
    expect(located, `located? ${run.stderr}`).toBe(c.located);
    expect(/^ {2}hint: \S/m.test(run.stderr), `hint? ${run.stderr}`).toBe(c.hint);
    if (c.verdict !== undefined) {
      const verdicts = run.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { verdict?: string }).verdict);
      expect(verdicts.length).toBeGreaterThan(0);
      for (const v of verdicts) expect(v).toBe(c.verdict);
    }
  });
});
