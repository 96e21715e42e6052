/**
 * Checks one model configuration: explore, then invariants / deadlock (found
 * during exploration), then NoLostWakeup for each thread, then Termination.
 * The first property that fails is the verdict, with its counterexample.
 */
import { SpecError } from '../model/errors.js';
import type { ModelConfig, SpecModel } from '../model/ir.js';
import { labelAt } from '../model/layout.js';
import { compileModel, type Machine } from './compile.js';
import { recordBranches, type BranchRecord } from './branches.js';
import { explore, type ExploreOptions, type StateGraph } from './explore.js';
import { fewestThreadsPath } from './fewest-threads.js';
import { cyclicCore, fairCycle, findFairComponent, type CyclicCore } from './liveness.js';
import { matchesExpectation, type ModelResult, type Trace, type TraceStep, type Verdict } from './result.js';

export interface CheckOptions extends ExploreOptions {
  /** Called as each liveness property (per thread, for NoLostWakeup) starts being checked. */
  onLiveness?: (property: string) => void;
  /** Count the transitions through each branch arm (--coverage); slower, so off by default. */
  branchCounts?: boolean;
}

export interface CheckRun {
  result: ModelResult;
  machine: Machine;
  graph: StateGraph;
  /** What the exploration's steps took of each branch arm (a copy: later replays of the machine do not change it). */
  branches: BranchRecord;
}

export function checkModel(spec: SpecModel, model: ModelConfig, options: CheckOptions = {}): CheckRun {
  const started = performance.now();
  const machine = compileModel(spec, model, { branchCounts: options.branchCounts });
  const { graph, outcome } = explore(machine, options);
  const branches = recordBranches(machine);
  let verdict: Verdict;
  let trace: Trace | null = null;
  switch (outcome.kind) {
    case 'invariant':
      verdict = { kind: 'violated', property: outcome.name, propertyKind: machine.invariantKinds[machine.invariantNames.indexOf(outcome.name)]! };
      trace = pathTrace(graph, outcome.state);
      break;
    case 'deadlock':
      verdict = { kind: 'violated', property: 'Deadlock', propertyKind: 'deadlock' };
      trace = pathTrace(graph, outcome.state);
      break;
    case 'limit':
      verdict = {
        kind: 'incomplete',
        reason: outcome.byDefault
          ? `stopped at ${outcome.maxStates} states, the default limit, before the state space was exhausted (is a counter unbounded? raise the limit with --max-states N)`
          : `stopped at --max-states ${outcome.maxStates} before the state space was exhausted`,
      };
      break;
    case 'memory':
      verdict = {
        kind: 'incomplete',
        reason: `stopped at ${graph.store.count} states (${graph.transitions} transitions, depth ${graph.depth}, ${mib(outcome.held)} held): `
          + `the next step would pass the memory budget of ${mib(outcome.budget)}${outcome.byDefault ? ' (3/4 of the free memory; set it with --max-memory SIZE)' : ' (--max-memory)'}`,
      };
      break;
    case 'stepFailure': {
      const slot = machine.layout.threads[outcome.thread]!;
      const label = labelAt(slot, graph.store.get(outcome.state)[machine.layout.pcOff + outcome.thread]!);
      throw new SpecError('DSX005', `step ${slot.def.name}.${label} of thread ${slot.name} failed in model ${model.name}: ${outcome.failure.message}`, outcome.failure.loc, 'fix the step so that it cannot fail in a reachable state (check for null before reading an entry, keep indices in range)');
    }
    case 'complete': {
      let liveness: ReturnType<typeof checkLiveness>;
      try {
        liveness = checkLiveness(graph, model, options.onLiveness);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        verdict = { kind: 'incomplete', reason: `explored all ${graph.store.count} states, but the liveness check ran out of memory (${err.message})` };
        break;
      }
      verdict = liveness?.verdict ?? { kind: 'holds' };
      trace = liveness?.trace ?? null;
      break;
    }
  }
  const result: ModelResult = {
    spec: spec.name,
    model: model.name,
    configuration: model.configuration ?? null,
    variant: model.variant,
    expected: model.expect,
    verdict,
    asExpected: matchesExpectation(model.expect, verdict),
    distinctStates: graph.store.count,
    transitions: graph.transitions,
    // Stopped at a violation: the depth reached is that of the violating state.
    depth: trace !== null && trace.loop === null ? trace.states.length : graph.depth,
    seconds: (performance.now() - started) / 1000,
    trace,
  };
  return { result, machine, graph, branches };
}

function mib(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function checkLiveness(graph: StateGraph, model: ModelConfig, onLiveness?: (property: string) => void): { verdict: Verdict; trace: Trace } | null {
  const T = graph.threads;
  const n = graph.store.count;
  // Shared by every property; computed when the first one is checked.
  let core: CyclicCore | null = null;
  let everWaiting = 0;
  for (let id = 0; id < n; id++) everWaiting |= graph.waiting[id]!;
  for (let t = 0; t < T; t++) {
    const bit = 1 << t;
    if ((everWaiting & bit) === 0) continue; // never asleep: nothing to wake
    onLiveness?.(`NoLostWakeup for ${model.threads[t]!.name}`);
    const component = findFairComponent(graph, (core ??= cyclicCore(graph)), (id) => (graph.waiting[id]! & bit) !== 0);
    if (component) {
      return {
        verdict: { kind: 'violated', property: 'NoLostWakeup', propertyKind: 'liveness', thread: model.threads[t]!.name },
        trace: lassoTrace(graph, component),
      };
    }
  }
  if (model.termination) {
    onLiveness?.('Termination');
    const all = (1 << T) - 1;
    const component = findFairComponent(graph, (core ??= cyclicCore(graph)), (id) => graph.done[id] !== all);
    if (component) return { verdict: { kind: 'violated', property: 'Termination', propertyKind: 'liveness' }, trace: lassoTrace(graph, component) };
  }
  return null;
}

function stepOf(graph: StateGraph, from: number, thread: number): TraceStep {
  const slot = graph.machine.layout.threads[thread]!;
  const pc = graph.store.get(from)[graph.machine.layout.pcOff + thread]!;
  return { thread, label: labelAt(slot, pc) };
}

function pathIds(graph: StateGraph, target: number): { ids: number[]; steps: TraceStep[] } {
  const { ids, threads } = fewestThreadsPath(graph, target);
  return { ids, steps: threads.map((t, i) => stepOf(graph, ids[i]!, t)) };
}

function pathTrace(graph: StateGraph, target: number): Trace {
  const { ids, steps } = pathIds(graph, target);
  return { states: ids.map((id) => graph.store.get(id)), steps, loop: null };
}

function lassoTrace(graph: StateGraph, component: { members: number[] }): Trace {
  const cycle = fairCycle(graph, component);
  const entry = cycle.states[0]!;
  const { ids, steps } = pathIds(graph, entry);
  if (cycle.states.length === 1) {
    return { states: ids.map((id) => graph.store.get(id)), steps, loop: { kind: 'stuttering' } };
  }
  const backTo = ids.length - 1;
  const loopIds = cycle.states.slice(1, -1);
  const loopSteps = cycle.threads.map((t, i) => stepOf(graph, cycle.states[i]!, t));
  const closing = loopSteps.pop()!;
  return {
    states: [...ids, ...loopIds].map((id) => graph.store.get(id)),
    steps: [...steps, ...loopSteps],
    loop: { kind: 'backTo', backTo, step: closing },
  };
}
