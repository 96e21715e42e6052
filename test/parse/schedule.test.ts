/**
 * `return k.schedule('label')`: the parser makes the step that sleeps until
 * woken and then goes on at the label, as an ordinary step of the thread.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { parseSpecFile } from '../../src/parse/spec.js';

const spec = parseSpecFile('test/fixtures/specs/schedule.ts');
const sleeper = spec.threads.find((t) => t.name === 'sleeper')!;
const strip = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x) => (k === 'loc' ? undefined : x)));

describe('k.schedule()', () => {
  it('makes one sleep step per label woken threads go on at, named after it when there are several', () => {
    expect(sleeper.steps.map((s) => s.label)).toEqual(['first', 'second', 'schedule_first', 'schedule_second']);
  });

  it('the sleep step awaits !isWaiting(self) and goes on at its label; the asking step goes to it', () => {
    const sleep = sleeper.steps.find((s) => s.label === 'schedule_second')!;
    expect(strip(sleep.body)).toEqual([
      { kind: 'await', cond: { kind: 'not', arg: { kind: 'vocab', op: 'isWaiting', args: [{ kind: 'self' }] } } },
      { kind: 'goto', label: 'second' },
    ]);
    expect(JSON.stringify(sleeper.steps[0]!.body)).toContain('"label":"schedule_first"');
  });

  it('a thread that sleeps towards one label gets a step named schedule (the seed: pmd_fault)', () => {
    const seed = parseSpecFile('spec/dax-pmd-wakeup.ts');
    const labels = seed.threads.find((t) => t.name === 'pmd_fault')!.steps.map((s) => s.label);
    expect(labels).toEqual(['grab_mapping_entry', 'dax_unlock_entry', 'schedule']);
  });

  it('the sleeper is woken twice; without the second wake-up it sleeps forever', () => {
    const run = (variant: string) => checkModel(spec, spec.models.find((m) => m.variant === variant)!).result;
    expect(run('woken').verdict).toEqual({ kind: 'holds' });
    expect(run('lost').verdict).toMatchObject({ kind: 'violated', property: 'NoLostWakeup' });
  });
});
