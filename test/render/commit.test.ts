/**
 * --format commit: the race a kernel reviewer pastes. Golden output for the
 * seed, the checkpatch line limit and no internal encodings on every spec,
 * and the slice it prints replays in the interpreter to the same violation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { replaySteps } from '../../src/check/replay.js';
import { sliceTrace, violationTest } from '../../src/check/slice.js';
import { COMMIT_LINE_LIMIT, wrap } from '../../src/render/commit.js';
import { runDaxspec } from '../../src/vitest/run-cli.js';
import { loadSpec, specFiles } from '../helpers/specs.js';

const ROOT = new URL('../../', import.meta.url).pathname;

async function commitOutput(...args: string[]): Promise<string> {
  const r = await runDaxspec(['check', ...args, '--format', 'commit'], { cwd: ROOT });
  // Only coverage warnings on stderr (they are not part of what is pasted).
  expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: '))).toEqual([]);
  return String(r.stdout);
}

describe('daxspec check --format commit', () => {
  it('prints the seed races as in the golden file (buggy and the 8-thread buggy-8, sliced to three threads)', async () => {
    const out = await commitOutput('spec/dax-pmd-wakeup.ts', '--model', 'buggy', '--model', 'buggy-8');
    expect(`${out}\n`).toBe(readFileSync(`${ROOT}test/fixtures/commit/dax-pmd-wakeup-buggy.txt`, 'utf8'));
    // The point of the race, in words.
    expect(out).toContain('wakes key 1: nobody');
    expect(out).toContain('pmd_fault(0) sleeps forever on key 0.');
    // buggy-8 has eight threads; only the three that matter are columns.
    const header = out.split('\n').find((l) => l.startsWith('pte_fault(1) ') && l.includes('pmd_fault(0)#2'));
    expect(header).toBeDefined();
    expect(out).not.toContain('pte_fault(2)');
  });

  // Every model expected to fail, up to five threads (the larger ones take
  // minutes in all; the golden test covers an 8-thread one).
  it.each(specFiles())('%s: every line fits 75 columns, with no timings, counts, encodings or empty rows', async (file) => {
    const failing = loadSpec(file).models.filter((m) => m.expect.kind === 'violates' && m.threads.length <= 5);
    expect(failing.length).toBeGreaterThan(0);
    const out = await commitOutput(file, ...failing.flatMap((m) => ['--model', m.name]));
    const lines = out.split('\n');
    expect(lines.some((l) => l.includes('forever') || l.includes('Deadlock') || l.includes('BUG_ON'))).toBe(true);
    for (const line of lines) {
      expect(line.length, line).toBeLessThanOrEqual(COMMIT_LINE_LIMIT);
      expect(line).not.toMatch(/\t| $/);
      expect(line).not.toMatch(/\bstates\b|\btransitions\b|\d\.\d\ds|:=|\bk\.|^\s*-\s*$/);
    }
    // Every wait table of these models has one queue: no queue numbers.
    expect(out).not.toMatch(/queue \d/);
  });
});

describe('wrap', () => {
  it('keeps every line within the width, cutting a word longer than it', () => {
    const lines = wrap('wakes key 0: dax_invalidate_mapping_entry_sync(0)#2 and more words', 16, '  ');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(16);
    expect(lines.join(' ').replace(/\s+/g, '')).toBe('wakeskey0:dax_invalidate_mapping_entry_sync(0)#2andmorewords');
  });
});

describe('sliceTrace', () => {
  const cases: [string, string][] = [
    ['spec/dax-pmd-wakeup.ts', 'buggy'],
    ['spec/dax-pmd-wakeup.ts', 'buggy-6'],
    ['spec/dax-4k-holes.ts', 'buggy'],
    ['spec/dax-lock-mapping-entry.ts', 'retry-holding-lock-a'],
    ['spec/dax-downgrade-writeback.ts', 'downgrade-wakes-one-downgrade-waiters'],
    ['spec/dax-invalidate-wakeup.ts', 'buggy'],
  ];
  it.each(cases)('%s %s: the slice replays in the interpreter and ends in the same violation', (file, name) => {
    const spec = loadSpec(file);
    const { result, machine } = checkModel(spec, spec.models.find((m) => m.name === name)!);
    const slice = sliceTrace(machine, result.trace!, result.verdict);
    expect(slice).not.toBeNull();
    expect(slice!.trace.steps.length).toBeLessThanOrEqual(result.trace!.steps.length);
    const run = replaySteps(machine, slice!.trace.steps);
    expect(run.kind).toBe('ok');
    const last = run.states[run.states.length - 1]!;
    expect(violationTest(machine, result.verdict)!(last)).toBe(true);
    expect(Array.from(last)).toEqual(Array.from(slice!.trace.states[slice!.trace.states.length - 1]!));
  });

  it('drops the threads that do not matter: buggy-6 (six threads, ten steps) becomes two threads, three steps', () => {
    const spec = loadSpec('spec/dax-pmd-wakeup.ts');
    const { result, machine } = checkModel(spec, spec.models.find((m) => m.name === 'buggy-6')!);
    const slice = sliceTrace(machine, result.trace!, result.verdict)!;
    const names = slice.trace.steps.map((s) => `${machine.layout.threads[s.thread]!.name}.${s.label}`);
    expect(names).toEqual(['pte_fault(3).grab_mapping_entry', 'pmd_fault(2).grab_mapping_entry', 'pte_fault(3).dax_unlock_entry']);
  });

  it('keeps the wake-up that finds nobody: a slice never stops a thread that could still move', () => {
    const spec = loadSpec('spec/dax-pmd-wakeup.ts');
    const { result, machine } = checkModel(spec, spec.models.find((m) => m.name === 'buggy')!);
    // Without the PTE owner's unlock the PMD fault is already doomed, but the story would stop short.
    const short = result.trace!.steps.slice(0, 2);
    const run = replaySteps(machine, short);
    expect(run.kind).toBe('ok');
    const slice = sliceTrace(machine, result.trace!, result.verdict)!;
    expect(slice.trace.steps).toHaveLength(3);
  });

  it('does not slice what one state cannot judge (Termination), so the caller prints the trace as found', () => {
    const spec = loadSpec('spec/dax-pmd-wakeup.ts');
    const { machine } = checkModel(spec, spec.models.find((m) => m.name === 'buggy')!);
    expect(violationTest(machine, { kind: 'violated', property: 'Termination', propertyKind: 'liveness' })).toBeNull();
  });
});

describe('replaySteps', () => {
  it('says which step could not run and why', () => {
    const spec = loadSpec('spec/dax-pmd-wakeup.ts');
    const { machine } = checkModel(spec, spec.models.find((m) => m.name === 'buggy')!);
    const run = replaySteps(machine, [
      { thread: 0, label: 'grab_mapping_entry' },
      { thread: 1, label: 'grab_mapping_entry' },
      { thread: 1, label: 'schedule' },
    ]);
    expect(run.kind).toBe('stuck');
    if (run.kind !== 'stuck') return;
    expect(run.at).toBe(2);
    expect(run.reason).toMatch(/pmd_fault\(0\)\.schedule is not enabled.*asleep/);
    const wrong = replaySteps(machine, [{ thread: 0, label: 'dax_unlock_entry' }]);
    expect(wrong.kind === 'stuck' && wrong.reason).toBe('pte_fault(1) is at grab_mapping_entry, not dax_unlock_entry');
  });
});
