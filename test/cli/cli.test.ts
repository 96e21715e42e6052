/**
 * `daxspec check` as a user runs it (a child process running the CLI from the
 * sources; test/package/pack-install.test.ts runs the built bin): exit codes 0 / 1 /
 * 2, file:line:col errors without stack traces, and the --json lines.
 */
import { describe, expect, it } from 'vitest';
import { runDaxspec } from '../../src/vitest/run-cli.js';

const ROOT = new URL('../../', import.meta.url).pathname;

async function daxspec(...args: string[]): Promise<{ exitCode: number | undefined; stdout: string; stderr: string }> {
  return runDaxspec(args, { cwd: ROOT });
}

const JSON_KEYS = ['spec', 'model', 'configuration', 'doc', 'variant', 'threads', 'expected', 'verdict', 'property', 'thread', 'threadId', 'reason', 'asExpected', 'distinctStates', 'transitions', 'depth', 'seconds', 'trace', 'warnings', 'coverage'];

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** No JavaScript stack trace anywhere in the output. */
function expectNoStack(text: string): void {
  expect(text).not.toMatch(/^ {4}at /m);
  expect(text).not.toMatch(/TypeError|ReferenceError/);
}

describe('daxspec check: exit codes', () => {
  it('exits 0 when every selected model of the seed gets its expected verdict', async () => {
    const r = await daxspec('check', 'spec/dax-pmd-wakeup.ts', '--model', 'buggy', '--model', 'conflict-fallback-v5.4');
    expect(r.exitCode).toBe(0);
    // One line per model, in the order asked for, then the summary.
    expect(r.stdout).toMatch(/^ok +buggy +violates NoLostWakeup \(pmd_fault\(0\)\) +12 states, 12 transitions, depth 5/m);
    expect(r.stdout).toMatch(/^ok +conflict-fallback-v5.4 +holds +11 states, 12 transitions, depth 5/m);
    expect(r.stdout).toMatch(/2 of 2 model\(s\) got their expected verdict$/);
    // The buggy model's counterexample, in kernel words.
    expect(r.stdout).toMatch(/wake one on key 1: nobody/);
    expect(r.stdout).toMatch(/asleep forever: pmd_fault\(0\) on key 0/);
  });

  it('exits 1 when a model does not get its expected verdict', async () => {
    const r = await daxspec('check', 'test/fixtures/specs/expect-fail.ts');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^ok +right +violates NoLostWakeup/m);
    expect(r.stdout).toMatch(/^FAIL wrong +violates NoLostWakeup \(sleeper\(\)\).*\(expected: holds\)$/m);
    expect(r.stdout).toMatch(/1 of 2 model\(s\) got their expected verdict; 1 did not/);
  });

  it('exits 0 on the same file when only the right model is selected', async () => {
    const r = await daxspec('check', 'test/fixtures/specs/expect-fail.ts', '--model', 'right');
    expect(r.exitCode).toBe(0);
  });

  it('exits 2 on an unknown option', async () => {
    const r = await daxspec('check', 'spec/dax-pmd-wakeup.ts', '--nope');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/error DSX006: unknown option '--nope'/);
    expect(r.stderr).toMatch(/hint: /);
    expectNoStack(r.stderr);
  });

  it('exits 2 on a missing file', async () => {
    const r = await daxspec('check', 'spec/no-such-spec.ts');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/error DSX007: no such spec file: spec\/no-such-spec\.ts/);
    expectNoStack(r.stderr);
  });

  it('exits 2 on an unknown model name', async () => {
    const r = await daxspec('check', 'spec/dax-pmd-wakeup.ts', '--model', 'no-such-model');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/DSX006.*no-such-model/);
    expectNoStack(r.stderr);
  });

  it('exits 2 on a bad spec, with file:line:col and a hint, no stack trace', async () => {
    const r = await daxspec('check', 'test/fixtures/bad-specs/bit-and.ts');
    expect(r.exitCode).toBe(2);
    // bit-and.ts line 11: `      const key = t.index & ~1;` — the `&` at col 27.
    expect(r.stderr).toMatch(/^test\/fixtures\/bad-specs\/bit-and\.ts:11:27: error DSX002: /m);
    expect(r.stderr).toMatch(/^ {2}hint: .*alignDown/m);
    expectNoStack(r.stderr);
    expectNoStack(r.stdout);
  });

  it('exits 2 on a type error, with TypeScript\'s message at file:line:col', async () => {
    const r = await daxspec('check', 'test/fixtures/bad-specs/type-error.ts');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^test\/fixtures\/bad-specs\/type-error\.ts:11:13: error DSX001: type error: Type 'boolean' is not assignable to type 'number'/m);
    expectNoStack(r.stderr);
  });

  it('exits 2 on a step that fails at run time, at its file:line:col', async () => {
    const r = await daxspec('check', 'test/fixtures/bad-specs/null-deref.ts');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^test\/fixtures\/bad-specs\/null-deref\.ts:11:17: error DSX005: /m);
    expectNoStack(r.stderr);
  });

  // BUG (src/parse/lower-stmt.ts lowerStepBody): a step with an empty body
  // crashes the parser with a TypeError; main() only catches SpecError, so
  // the user sees a Node stack trace and exit code 1 (as if a model had
  // failed) instead of a result (or exit 2 with file:line:col).
  it('a spec with an empty step body is checked, not crashed on', async () => {
    const r = await daxspec('check', 'test/fixtures/specs/empty-step.ts');
    expectNoStack(r.stderr);
    expect(r.exitCode).toBe(0);
  });

  it('with --json, a bad spec also prints the error as one JSON object on stdout', async () => {
    const r = await daxspec('check', 'test/fixtures/bad-specs/let.ts', '--json');
    expect(r.exitCode).toBe(2);
    const [line, ...more] = jsonLines(r.stdout);
    expect(more).toEqual([]);
    expect(line).toEqual({
      error: {
        code: 'DSX002',
        message: expect.stringMatching(/let/),
        loc: { file: 'test/fixtures/bad-specs/let.ts', line: 11, col: 7 },
        hint: expect.stringMatching(/const/),
      },
    });
  });
});

describe('daxspec check --json', () => {
  it('prints one object per model with exactly the documented keys and types', async () => {
    const r = await daxspec('check', 'spec/dax-pmd-wakeup.ts', '--model', 'buggy', '--model', 'conflict-fallback-v5.4', '--json');
    expect(r.exitCode).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(2);
    for (const o of lines) {
      expect(Object.keys(o).sort()).toEqual([...JSON_KEYS].sort());
      for (const k of ['spec', 'model', 'variant', 'expected', 'verdict']) expect(typeof o[k]).toBe('string');
      for (const k of ['property', 'thread', 'reason']) expect(o[k] === null || typeof o[k] === 'string').toBe(true);
      expect(typeof o.asExpected).toBe('boolean');
      for (const k of ['distinctStates', 'transitions', 'depth', 'seconds']) expect(typeof o[k]).toBe('number');
      for (const k of ['distinctStates', 'transitions', 'depth']) expect(Number.isInteger(o[k])).toBe(true);
      expect(o.seconds as number).toBeGreaterThanOrEqual(0);
      expect(o.trace === null || (typeof o.trace === 'object' && !Array.isArray(o.trace))).toBe(true);
    }
    const [buggy, fallback] = lines as [Record<string, unknown>, Record<string, unknown>];
    // Hand counts in test/check/seed.test.ts.
    expect(buggy).toMatchObject({
      spec: 'DaxPmdWakeup',
      model: 'buggy',
      configuration: '',
      variant: 'buggy',
      expected: 'violates NoLostWakeup',
      verdict: 'violated',
      property: 'NoLostWakeup',
      thread: 'pmd_fault(0)',
      reason: null,
      asExpected: true,
      distinctStates: 12,
      transitions: 12,
      depth: 5,
    });
    const trace = buggy.trace as { states: Record<string, unknown>[]; steps: { number: number; thread: string; label: string }[]; loop: unknown };
    expect(trace.steps.map((s) => [s.number, s.thread, s.label])).toEqual([
      [1, 'pte_fault(1)', 'grab_mapping_entry'],
      [2, 'pmd_fault(0)', 'grab_mapping_entry'],
      [3, 'pte_fault(1)', 'dax_unlock_entry'],
    ]);
    expect(trace.loop).toEqual({ kind: 'stuttering' });
    // Four states for three steps; the last has the PMD fault asleep on key 0 and the PTE fault Done.
    expect(trace.states).toHaveLength(4);
    // One numbering of threads: per-thread variables are keyed by the ids of the thread table, which the waiters use too.
    expect(trace.states[3]!.pc).toEqual({ 1: 'Done', 2: 'schedule' });
    expect(trace.states[3]!.waitq).toEqual({ 0: [{ thread: 2, key: 0, exclusive: true }] });
    expect(buggy.threads).toEqual([
      { id: 1, name: 'pte_fault(1)', kind: 'pte_fault', params: { index: 1 } },
      { id: 2, name: 'pmd_fault(0)', kind: 'pmd_fault', params: { index: 0 } },
    ]);
    expect(buggy.threadId).toBe(2);
    expect(buggy.doc).toBe('The report: a PTE fault at index 1 and a PMD fault over [0, 2).');
    expect((trace.steps as unknown as { threadId: number }[]).map((s) => s.threadId)).toEqual([1, 2, 1]);

    expect(fallback).toMatchObject({
      model: 'conflict-fallback-v5.4',
      variant: 'conflict-fallback-v5.4',
      expected: 'holds',
      verdict: 'holds',
      property: null,
      thread: null,
      reason: null,
      asExpected: true,
      distinctStates: 11,
      transitions: 12,
      depth: 5,
      trace: null,
    });
  });

  it('--variant runs every configuration of the spec under that variant, grouped by configuration', async () => {
    const r = await daxspec('check', 'spec/dax-invalidate-wakeup.ts', '--variant', 'buggy', '--json');
    expect(r.exitCode).toBe(0);
    expect(jsonLines(r.stdout).map((o) => [o.configuration, o.variant, o.model, o.verdict])).toEqual([
      ['', 'buggy', 'buggy', 'violated'],
      ['8', 'buggy', 'buggy-8', 'violated'],
    ]);
    const text = await daxspec('check', 'spec/dax-4k-holes.ts', '--variant', 'fixed');
    expect(text.stdout.split('\n').filter((l) => /^(configuration|ok|FAIL)/.test(l)).map((l) => l.split(/[ :]+/).slice(0, 2).join(' '))).toEqual([
      'configuration (unnamed)', 'ok fixed', 'configuration 7', 'ok fixed-7',
    ]);
  });

  it('--variant with a variant the spec does not declare is bad usage, naming its variants', async () => {
    const r = await daxspec('check', 'spec/dax-4k-holes.ts', '--variant', 'my-fix');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no variant 'my-fix'/);
    expect(r.stderr).toMatch(/buggy, fixed/);
  });

    it('--max-states 5 on a big model exits 4 (incomplete, not a wrong verdict) with verdict incomplete', async () => {
    const r = await daxspec('check', 'spec/dax-pmd-wakeup.ts', '--model', 'buggy-8', '--max-states', '5', '--json');
    expect(r.exitCode).toBe(4);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(1);
    const o = lines[0]!;
    expect(Object.keys(o).sort()).toEqual([...JSON_KEYS].sort());
    // The initial state has all 8 threads enabled, each leading to a new
    // state: the 5th distinct state is the 4th successor of the initial state.
    expect(o).toMatchObject({ model: 'buggy-8', verdict: 'incomplete', property: null, thread: null, asExpected: false, distinctStates: 5, transitions: 4, trace: null });
    expect(o.reason).toMatch(/max-states 5/);
  });

  it('--max-states in text output marks the run stop, not FAIL: a run cut short has no wrong verdict', async () => {
    const r = await daxspec('check', 'spec/dax-pmd-wakeup.ts', '--model', 'buggy-8', '--max-states', '5');
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toMatch(/^stop buggy-8 +incomplete: .*max-states 5/m);
    expect(r.stdout).not.toMatch(/^FAIL/m);
  });

  it('--max-states without a number is bad usage', async () => {
    const r = await daxspec('check', 'spec/dax-pmd-wakeup.ts', '--max-states', 'many');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/DSX006/);
    expectNoStack(r.stderr);
  });
});
