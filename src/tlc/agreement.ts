/**
 * Compares the interpreter's result for a model with TLC's: verdict,
 * distinct states (when both explored the whole graph), and the TLC
 * counterexample replayed in the interpreter.
 */
import type { CheckRun } from '../check/check.js';
import { describeVerdict, type Verdict } from '../check/result.js';
import type { TlcOutcome, TlcResult } from './parse-output.js';
import { replayTlcTrace, type Replay } from './replay.js';
import { nameUnnamedViolation } from './unnamed-violation.js';

export interface Agreement {
  model: string;
  agrees: boolean;
  interpreter: { verdict: string; distinctStates: number; seconds: number };
  /** The verdict names the temporal property TLC's counterexample violates, found by replaying it. */
  tlc: { verdict: string; distinctStates: number | null; statesLeftOnQueue: number | null; seconds: number };
  /** Null when the counts are not comparable (a run stopped at its first violation). */
  statesCompared: boolean;
  replay: Replay | null;
  differences: string[];
  /** What was not compared, and why (TLC's distributed mode checks no temporal property). */
  notes: string[];
}

export interface CompareOptions {
  /** False for TLC's distributed mode (TLCServer), which ignores the config's PROPERTY lines. */
  temporal: boolean;
}

export function describeTlcOutcome(o: TlcOutcome): string {
  switch (o.kind) {
    case 'ok':
      return 'holds';
    case 'invariant':
      return `violates ${o.name}`;
    case 'property':
      return o.names.length > 0 ? `violates ${o.names.join(' and ')}` : 'violates a temporal property';
    case 'deadlock':
      return 'violates Deadlock';
    case 'unnamed':
      return 'violates a safety property it does not name';
    case 'error': {
      const where = o.location ? ` (${o.location.module ? `module ${o.location.module}, ` : ''}line ${o.location.line}, col ${o.location.col})` : '';
      const message = o.message.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
      return `error: ${message || 'TLC stopped without a message'}${where}`;
    }
  }
}

/** A liveness violation is no violation to a TLC that checks no temporal property. */
function isLivenessViolation(v: Verdict): boolean {
  return v.kind === 'violated' && v.propertyKind === 'liveness';
}

function sameVerdict(ours: Verdict, theirs: TlcOutcome, options: CompareOptions): boolean {
  if (ours.kind === 'holds' || (!options.temporal && isLivenessViolation(ours))) return theirs.kind === 'ok';
  if (ours.kind !== 'violated') return false;
  switch (ours.propertyKind) {
    case 'liveness':
      return theirs.kind === 'property';
    case 'deadlock':
      return theirs.kind === 'deadlock';
    case 'invariant':
    case 'final':
      return theirs.kind === 'invariant' && (theirs.name === ours.property || (ours.property === 'BUG_ON' && theirs.name === 'NoBUG'));
  }
}

export function compareWithTlc(run: CheckRun, tlc: TlcResult, tlcSeconds: number, options: CompareOptions = { temporal: true }): Agreement {
  const ours = run.result;
  const differences: string[] = [];
  const notes: string[] = [];
  if (!options.temporal && isLivenessViolation(ours.verdict)) {
    notes.push(`not compared: the interpreter's ${describeVerdict(ours.verdict)} (TLC's distributed mode checks no temporal property); safety and the state count are`);
  }
  const unnamed = tlc.outcome.kind === 'unnamed';
  let outcome = tlc.outcome;
  if (outcome.kind === 'unnamed') {
    const named = tlc.trace === null ? { found: false as const, why: 'it printed no state' } : nameUnnamedViolation(run, tlc.trace);
    if (named.found) {
      outcome = named.outcome;
      notes.push(`TLC's distributed mode names no property and prints only its last step: it ${describeTlcOutcome(outcome).replace(/^violates/u, 'stopped at a state that violates')} in the interpreter; its trace is not replayed`);
    } else {
      differences.push(`TLC's distributed mode reports a violation the interpreter cannot place: ${named.why}`);
    }
  }
  if (!sameVerdict(ours.verdict, outcome, options)) {
    differences.push(`verdict: interpreter ${describeVerdict(ours.verdict)}, TLC ${describeTlcOutcome(outcome)}`);
  }
  // Both explored the whole graph: the interpreter does unless it stopped at
  // an invariant or deadlock; TLC did when nothing was left on its queue (it
  // checks liveness periodically and may stop at a violation mid-search).
  const complete = (ours.verdict.kind === 'holds' || isLivenessViolation(ours.verdict))
    && (tlc.outcome.kind === 'ok' || (tlc.outcome.kind === 'property' && tlc.statesLeftOnQueue === 0));
  if (complete && tlc.distinctStates !== ours.distinctStates) {
    differences.push(`distinct states: interpreter ${ours.distinctStates}, TLC ${tlc.distinctStates}`);
  }
  let replay: Replay | null = null;
  /** The temporal properties TLC found violated. */
  let tlcProperties: string[] = [];
  if (tlc.trace !== null && !unnamed) {
    replay = replayTlcTrace(run.machine, tlc.trace);
    if (!replay.ok) differences.push(`TLC's counterexample does not replay: at state ${replay.state}: ${replay.message}`);
    else if (tlc.outcome.kind === 'property') {
      if (replay.violates.length === 0) differences.push("TLC's lasso replays but violates no property in the interpreter");
      // Older TLC versions do not name the violated properties: then its lasso, replayed, says which.
      if (tlc.outcome.names.length === 0) tlcProperties = replay.violates.map((v) => v.property);
    }
  } else if (tlc.outcome.kind === 'invariant' && tlc.outcome.constantLevel) {
    // No trace to replay: the interpreter must have found it broken in the initial state.
    if (ours.trace !== null && ours.trace.states.length !== 1) differences.push(`TLC found the constant invariant ${tlc.outcome.name} FALSE, the interpreter only after ${ours.trace.states.length - 1} step(s)`);
  } else if (ours.verdict.kind === 'violated' && !unnamed && (options.temporal || !isLivenessViolation(ours.verdict))) {
    differences.push('TLC printed no counterexample');
  }
  if (tlc.outcome.kind === 'property' && tlc.outcome.names.length > 0) tlcProperties = tlc.outcome.names;
  if (tlcProperties.length > 0 && ours.verdict.kind === 'violated' && ours.verdict.propertyKind === 'liveness' && !tlcProperties.includes(ours.verdict.property)) {
    differences.push(`violated property: interpreter ${ours.verdict.property}, TLC ${tlcProperties.join(' and ')}`);
  }
  const tlcVerdict = outcome.kind === 'property' && tlcProperties.length > 0 ? `violates ${tlcProperties.join(' and ')}` : describeTlcOutcome(outcome);
  return {
    model: ours.model,
    agrees: differences.length === 0,
    interpreter: { verdict: describeVerdict(ours.verdict), distinctStates: ours.distinctStates, seconds: ours.seconds },
    tlc: { verdict: tlcVerdict, distinctStates: tlc.distinctStates, statesLeftOnQueue: tlc.statesLeftOnQueue, seconds: tlcSeconds },
    statesCompared: complete,
    replay,
    differences,
    notes,
  };
}
