/**
 * The checker on models small enough to count by hand
 * (test/fixtures/specs/counting.ts and sleep.ts): distinct states,
 * transitions, depth (TLC's count: the initial state is depth 1), verdicts
 * and counterexamples. Each expected number is worked out in the comment
 * above its assertion.
 */
import { describe, expect, it } from 'vitest';
import { checkModel, type CheckRun } from '../../src/check/check.ts';
import type { Machine } from '../../src/check/compile.ts';
import { explainTrace } from '../../src/check/explain.ts';
import type { Trace } from '../../src/check/result.ts';
import type { SpecModel } from '../../src/model/ir.ts';
import { labelAt } from '../../src/model/layout.ts';
import { parseSpecFile } from '../../src/parse/spec.ts';

const counting = parseSpecFile('test/fixtures/specs/counting.ts');
const sleep = parseSpecFile('test/fixtures/specs/sleep.ts');

function run(spec: SpecModel, name: string, maxStates?: number): CheckRun {
  const model = spec.models.find((m) => m.name === name);
  if (model === undefined) throw new Error(`no model ${name} in ${spec.name}`);
  return checkModel(spec, model, maxStates === undefined ? {} : { maxStates });
}

/** The pc label of every thread in a state. */
function pcs(machine: Machine, state: Int32Array): string[] {
  const { layout } = machine;
  return layout.threads.map((slot, t) => labelAt(slot, state[layout.pcOff + t]!));
}

/** Thread instance name and label of each step. */
function stepNames(machine: Machine, trace: Trace): string[] {
  return trace.steps.map((s) => `${machine.layout.threads[s.thread]!.name}.${s.label}`);
}

/** Every step of the trace, replayed with machine.step, leads to the next state, with the label the thread was at. */
function expectReplays(machine: Machine, trace: Trace): void {
  expect(trace.states.length).toBe(trace.steps.length + 1);
  trace.steps.forEach((step, i) => {
    const work = trace.states[i]!.slice();
    expect(pcs(machine, trace.states[i]!)[step.thread]).toBe(step.label);
    expect(machine.step(step.thread, work)).toBe(true);
    expect(Array.from(work)).toEqual(Array.from(trace.states[i + 1]!));
  });
}

describe('counting.ts: pc-only threads', () => {
  it('one thread with two steps: 3 states, 2 transitions, depth 3, holds', () => {
    // pc first -> second -> Done: three states on one line, one transition
    // between each neighbour pair; BFS levels 1, 2, 3.
    const { result } = run(counting, 'one-thread');
    expect(result.verdict).toEqual({ kind: 'holds' });
    expect(result.asExpected).toBe(true);
    expect(result.distinctStates).toBe(3);
    expect(result.transitions).toBe(2);
    expect(result.depth).toBe(3);
    expect(result.trace).toBeNull();
  });

  it('two independent threads of two steps each: 3 x 3 = 9 states, 12 transitions, depth 5', () => {
    // Each thread's pc is in {first, second, Done}: 9 pairs, all reachable.
    // Thread 1 can step in the 6 states where it is not Done, thread 2 too: 12.
    // The farthest state (Done, Done) is 4 steps away: depth 5.
    const { result } = run(counting, 'two-threads');
    expect(result.verdict).toEqual({ kind: 'holds' });
    expect(result.distinctStates).toBe(9);
    expect(result.transitions).toBe(12);
    expect(result.depth).toBe(5);
  });

  it('two runs give identical results and traces (determinism)', () => {
    for (const [spec, name] of [[counting, 'bug-on'], [sleep, 'livelock'], [sleep, 'early-wake'], [counting, 'two-threads']] as const) {
      const a = run(spec, name);
      const b = run(spec, name);
      const strip = (r: CheckRun): unknown => ({ ...r.result, seconds: 0, trace: null });
      expect(strip(b)).toEqual(strip(a));
      expect(b.result.trace?.steps).toEqual(a.result.trace?.steps);
      expect(b.result.trace?.loop).toEqual(a.result.trace?.loop);
      expect(b.result.trace?.states.map((s) => Array.from(s))).toEqual(a.result.trace?.states.map((s) => Array.from(s)));
    }
  });
});

describe('counting.ts: a lock handed over through a shared variable', () => {
  it('handoff with await: 8 states, 8 transitions, depth 5, holds (no deadlock, mutual exclusion)', () => {
    // (pc1, pc2, owner): (lock, lock, -) -> (unlock, lock, 1) | (lock, unlock, 2).
    // While one holds the lock the other's await is false, so each of those
    // has one move: the holder unlocks -> (Done, lock, -) | (lock, Done, -);
    // then the other locks -> (Done, unlock, 2) | (unlock, Done, 1), and
    // unlocks -> (Done, Done, -). inside and owner follow the pcs.
    // States: 1 + 2 + 2 + 2 + 1 = 8; transitions: 2 from the first, 1 from
    // each of the 6 middle ones = 8; (Done, Done) is 4 steps away: depth 5.
    const { result } = run(counting, 'handoff');
    expect(result.verdict).toEqual({ kind: 'holds' });
    expect(result.distinctStates).toBe(8);
    expect(result.transitions).toBe(8);
    expect(result.depth).toBe(5);
  });

  it('without the await MutualExclusion fails, with the shortest counterexample: both lock', () => {
    // BFS: id0 = initial; thread 1 locks -> id1, thread 2 locks -> id2 (2
    // transitions). id1: thread 1 unlocks -> id3, thread 2 locks -> id4 with
    // inside = 2: violated. 5 states, 4 transitions.
    const { result, machine } = run(counting, 'racy');
    expect(result.verdict).toEqual({ kind: 'violated', property: 'MutualExclusion', propertyKind: 'invariant' });
    expect(result.asExpected).toBe(true);
    expect(result.distinctStates).toBe(5);
    expect(result.transitions).toBe(4);
    const trace = result.trace!;
    expect(trace.loop).toBeNull();
    expect(stepNames(machine, trace)).toEqual(['locker().lock', 'locker()#2.lock']);
    expectReplays(machine, trace);
    expect(pcs(machine, trace.states[2]!)).toEqual(['unlock', 'unlock']);
    expect(machine.violatedInvariant(trace.states[1]!)).toBe(-1);
    expect(machine.invariantNames[machine.violatedInvariant(trace.states[2]!)]).toBe('MutualExclusion');
  });

  it('a BUG_ON that fires gives a BUG_ON verdict with the shortest path and names the site', () => {
    // BFS over (pc1, pc2, count): id0 (bump, bump, 0); id1 (check, bump, 1),
    // id2 (bump, check, 1); from id1: (Done, bump, 1) id3, (check, check, 2)
    // id4; from id2: (check, check, 2) again, (bump, Done, 1) id5; from id3:
    // (Done, check, 2) id6; from id4 thread 1 checks with count 2: BUG, id7.
    // 8 states; transitions 2 + 2 + 2 + 1 + 1 = 8.
    const { result, machine } = run(counting, 'bug-on');
    expect(result.verdict).toEqual({ kind: 'violated', property: 'BUG_ON', propertyKind: 'invariant' });
    expect(result.asExpected).toBe(true);
    expect(result.distinctStates).toBe(8);
    expect(result.transitions).toBe(8);
    const trace = result.trace!;
    expect(stepNames(machine, trace)).toEqual(['bumper().bump', 'bumper()#2.bump', 'bumper().check']);
    expectReplays(machine, trace);
    const explained = explainTrace(machine, trace);
    expect(explained.steps[2]!.changes).toEqual([{ kind: 'bug', site: 'bumper.check' }]);
    // The bumps show as changes of the shared counter; the BUG step changes nothing else.
    expect(explained.steps[0]!.changes).toEqual([{ kind: 'global', name: 'count', value: '1' }]);
    expect(explained.steps[1]!.changes).toEqual([{ kind: 'global', name: 'count', value: '2' }]);
  });
});

describe('sleep.ts: lost wake-ups', () => {
  it('a thread that sleeps with nobody to wake it violates NoLostWakeup: one step, then stuttering', () => {
    // wait -> schedule (queued on key 0) and then the await is false forever:
    // 2 states, 1 transition, depth 2; the sleeping state has no step at all,
    // so the lasso stutters there.
    const { result, machine } = run(sleep, 'stuck-sleeper');
    expect(result.verdict).toEqual({ kind: 'violated', property: 'NoLostWakeup', propertyKind: 'liveness', thread: 'sleeper()' });
    expect(result.distinctStates).toBe(2);
    expect(result.transitions).toBe(1);
    expect(result.depth).toBe(2);
    const trace = result.trace!;
    expect(trace.steps).toEqual([{ thread: 0, label: 'wait' }]);
    expect(trace.loop).toEqual({ kind: 'stuttering' });
    expectReplays(machine, trace);
    const last = trace.states[1]!;
    expect(machine.vocab.isWaiting(last, 1)).toBe(true);
    expect(machine.step(0, last.slice())).toBe(false);
    const explained = explainTrace(machine, trace);
    expect(explained.stuttering).toBe(true);
    expect(explained.sleepingAtEnd).toEqual([{ thread: 'sleeper()', key: 0 }]);
  });

  it('a wake-up before the sleep is lost: the shortest lasso wakes first, then sleeps', () => {
    // (sleeper pc, waker pc, queue): A (wait, wake, []) -> B (schedule, wake,
    // [s]) | C (wait, Done, []). B: waker wakes s -> D (schedule, Done, []).
    // C: sleeper sleeps -> E (schedule, Done, [s]), stuck. D -> F (Done, Done).
    // 6 states; transitions A 2, B 1, C 1, D 1 = 5; F is 3 steps away: depth 4.
    // Waiting states: B (the waker can still leave it: not fair) and E.
    const { result, machine } = run(sleep, 'early-wake');
    expect(result.verdict).toEqual({ kind: 'violated', property: 'NoLostWakeup', propertyKind: 'liveness', thread: 'sleeper()' });
    expect(result.distinctStates).toBe(6);
    expect(result.transitions).toBe(5);
    expect(result.depth).toBe(4);
    const trace = result.trace!;
    expect(stepNames(machine, trace)).toEqual(['blind_waker().wake', 'sleeper().wait']);
    expect(trace.loop).toEqual({ kind: 'stuttering' });
    expectReplays(machine, trace);
    const explained = explainTrace(machine, trace);
    expect(explained.steps[0]!.changes).toEqual([{ kind: 'wake', key: 0, bucket: 0, all: false, keyFilter: true, woken: [] }]);
    expect(explained.steps[1]!.changes).toEqual([{ kind: 'wait', thread: 'sleeper()', key: 0, bucket: 0, exclusive: true }]);
  });

  it('a waker that waits for the sleeper to be queued: 4 states, 3 transitions, depth 4, holds', () => {
    // A (wait, wake, []): only the sleeper can move (the waker awaits
    // isWaiting(1)) -> B (schedule, wake, [s]): only the waker -> C
    // (schedule, Done, []) -> D (Done, Done, []). A chain of 4.
    const { result } = run(sleep, 'handshake');
    expect(result.verdict).toEqual({ kind: 'holds' });
    expect(result.distinctStates).toBe(4);
    expect(result.transitions).toBe(3);
    expect(result.depth).toBe(4);
  });
});

describe('sleep.ts: fairness', () => {
  it('livelock: a poller spins forever while the sleeper waits; the lasso loops back and the loop replays', () => {
    // (poller pc, sleeper pc): id0 (poll, wait); id1 (relax, wait) by the
    // poller, id2 (poll, schedule) by the sleeper; id3 (relax, schedule).
    // 4 states; the poller moves everywhere (4), the sleeper only at wait (2):
    // 6 transitions; depth 3. Sleeper-waiting states {id2, id3} are one SCC
    // where the poller steps and the sleeper is disabled: fair.
    // Lasso: id0 -(sleeper wait)-> id2 -(poller poll)-> id3 -(poller relax)-> back to id2 = states[1].
    const { result, machine } = run(sleep, 'livelock');
    expect(result.verdict).toEqual({ kind: 'violated', property: 'NoLostWakeup', propertyKind: 'liveness', thread: 'sleeper()' });
    expect(result.distinctStates).toBe(4);
    expect(result.transitions).toBe(6);
    expect(result.depth).toBe(3);
    const trace = result.trace!;
    expect(stepNames(machine, trace)).toEqual(['sleeper().wait', 'poller().poll']);
    expect(trace.loop?.kind).toBe('backTo');
    if (trace.loop?.kind !== 'backTo') return;
    expect(trace.loop.backTo).toBe(1);
    expect(trace.loop.step).toEqual({ thread: 0, label: 'relax' });
    expectReplays(machine, trace);
    // The closing step really returns to the stated state.
    const last = trace.states[trace.states.length - 1]!.slice();
    expect(pcs(machine, last)[trace.loop.step.thread]).toBe(trace.loop.step.label);
    expect(machine.step(trace.loop.step.thread, last)).toBe(true);
    expect(Array.from(last)).toEqual(Array.from(trace.states[trace.loop.backTo]!));
    // Every state of the loop has the sleeper asleep.
    for (const s of trace.states.slice(trace.loop.backTo)) expect(machine.vocab.isWaiting(s, 2)).toBe(true);
    const explained = explainTrace(machine, trace);
    expect(explained.loopFrom).toBe(2);
    expect(explained.steps.map((s) => `${s.thread}.${s.label}`)).toEqual(['sleeper().wait', 'poller().poll', 'poller().relax']);
  });

  it('a spinner that would starve the setter without weak fairness: holds, 5 states, 6 transitions, depth 3', () => {
    // (poller pc, setter pc; flag = setter is Done): flag 0: (poll, set),
    // (relax, set); flag 1: (poll, Done), (relax, Done), (Done, Done): 5.
    // Transitions: 2 + 2 from the flag-0 states, 1 + 1 from (poll|relax, Done): 6.
    // Levels: (poll, set); (relax, set), (poll, Done); (relax, Done), (Done, Done): depth 3.
    // The poll/relax cycle with the flag unset is an SCC, but the setter is
    // enabled there and never steps inside it: not fair, so Termination holds.
    const { result } = run(sleep, 'fair-spin');
    expect(result.verdict).toEqual({ kind: 'holds' });
    expect(result.distinctStates).toBe(5);
    expect(result.transitions).toBe(6);
    expect(result.depth).toBe(3);
  });
});

describe('sleep.ts: deadlock on and off', () => {
  it('deadlock: true reports Deadlock at the sleeping state, with the one-step path', () => {
    const { result, machine } = run(sleep, 'stuck-sleeper-deadlock');
    expect(result.verdict).toEqual({ kind: 'violated', property: 'Deadlock', propertyKind: 'deadlock' });
    expect(result.asExpected).toBe(true);
    expect(result.distinctStates).toBe(2);
    expect(result.transitions).toBe(1);
    const trace = result.trace!;
    expect(trace.steps).toEqual([{ thread: 0, label: 'wait' }]);
    expect(trace.loop).toBeNull();
    expectReplays(machine, trace);
  });

  it('an await nobody satisfies: Termination without the deadlock check, Deadlock with it, holds without either', () => {
    // One state, (check) with flag 0: the await is false, no transition.
    const off = run(sleep, 'stuck-awaiter');
    expect(off.result.verdict).toEqual({ kind: 'violated', property: 'Termination', propertyKind: 'liveness' });
    expect(off.result.distinctStates).toBe(1);
    expect(off.result.transitions).toBe(0);
    expect(off.result.depth).toBe(1);
    expect(off.result.trace!.steps).toEqual([]);
    expect(off.result.trace!.loop).toEqual({ kind: 'stuttering' });

    const on = run(sleep, 'stuck-awaiter-deadlock');
    expect(on.result.verdict).toEqual({ kind: 'violated', property: 'Deadlock', propertyKind: 'deadlock' });
    expect(on.result.trace!.steps).toEqual([]);
    expect(on.result.trace!.states).toHaveLength(1);
    expect(on.result.trace!.loop).toBeNull();

    const neither = run(sleep, 'stuck-awaiter-no-termination');
    expect(neither.result.verdict).toEqual({ kind: 'holds' });
  });

  it('a model whose threads all end is no deadlock', () => {
    // handoff has deadlock: true and ends in (Done, Done): still holds.
    expect(run(counting, 'handoff').result.verdict).toEqual({ kind: 'holds' });
    expect(run(sleep, 'handshake').result.verdict).toEqual({ kind: 'holds' });
  });
});

describe('--max-states', () => {
  it('stops with an incomplete verdict, never as expected', () => {
    // two-threads in BFS: id0 gives id1, id2; id1 gives id3, id4: the 5th
    // state, after 4 transitions.
    const { result } = run(counting, 'two-threads', 5);
    expect(result.verdict.kind).toBe('incomplete');
    expect(result.asExpected).toBe(false);
    expect(result.distinctStates).toBe(5);
    expect(result.transitions).toBe(4);
    expect(result.trace).toBeNull();
  });

  it('a limit above the state count changes nothing', () => {
    const { result } = run(counting, 'two-threads', 10);
    expect(result.verdict).toEqual({ kind: 'holds' });
    expect(result.distinctStates).toBe(9);
  });

  // BUG (src/check/explore.ts): the limit is only tested after a state is
  // added, never for the initial state, so maxStates 1 explores 2 states.
  it('never keeps more states than the limit (maxStates 1)', () => {
    for (const limit of [1, 2, 3]) {
      const { result } = run(counting, 'two-threads', limit);
      expect(result.verdict.kind).toBe('incomplete');
      expect(result.distinctStates).toBeLessThanOrEqual(limit);
    }
  });
});
