/**
 * The 2025 xas_pause bug (spec/dax-delete-range-pause.ts): with xas_pause()
 * the truncate's walk, woken after waiting for the locked entry at 0,
 * reloads index 1 and leaves the entry at 0 behind; with xas_reset() the
 * walk deletes it. The counterexample is checked for that story, and the
 * xa_state the walker holds is checked at the point it sleeps.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.ts';
import { xasParts, XAS_RESTART } from '../../src/model/layout.ts';
import { loadSpec } from '../helpers/specs.js';

const spec = loadSpec('spec/dax-delete-range-pause.ts');
const run = (name: string) => checkModel(spec, spec.models.find((m) => m.name === name)!);

describe('dax_delete_mapping_range() and xas_pause()', () => {
  it.each(['xas_pause', 'xas_pause-two'])('%s: the WARN after the walk fires, with the entry at 0 left', (name) => {
    const { result, machine } = run(name);
    expect(result.verdict).toMatchObject({ kind: 'violated', property: 'BUG_ON' });
    const last = result.trace!.states.at(-1)!;
    expect(last[machine.layout.xaOff]).not.toBe(0);
    // The walker slept with its xa_state already moved past index 0.
    const walker = machine.layout.threads.findIndex((s) => s.name.startsWith('truncate'));
    const xasOff = machine.layout.threads[walker]!.locals.get('xas')!;
    const sleepStep = result.trace!.steps.findIndex((s) => s.thread === walker && s.label === 'loop_body');
    const paused = xasParts(result.trace!.states[sleepStep + 1]![xasOff]!);
    expect(paused).toMatchObject({ index: 1, node: XAS_RESTART });
  });

  it.each(['xas_reset', 'xas_reset-two'])('%s: every entry of the range is deleted on every interleaving', (name) => {
    expect(run(name).result.verdict).toEqual({ kind: 'holds' });
  });
});
