/**
 * Compares the interpreter's result for a model with TLC's: verdict,
 * distinct states (when both explored the whole graph), and the TLC
 * counterexample replayed in the interpreter.
 */
import type { CheckRun } from '../check/check.js';
import { describeVerdict, type Verdict } from '../check/result.js';
import type { TlcOutcome, TlcResult } from './parse-output.js';
import { replayTlcTrace, type Replay } from './replay.js';

export interface Agreement {
  model: string;
  agrees: boolean;
  interpreter: { verdict: string; distinctStates: number; seconds: number };
  tlc: { verdict: string; distinctStates: number | null; seconds: number };
  /** Null when the counts are not comparable (a run stopped at its first violation). */
  statesCompared: boolean;
  replay: Replay | null;
  differences: string[];
}

export function describeTlcOutcome(o: TlcOutcome): string {
  switch (o.kind) {
    case 'ok':
      return 'holds';
    case 'invariant':
      return `violates ${o.name}`;
    case 'property':
      return 'violates a temporal property';
    case 'deadlock':
      return 'violates Deadlock';
    case 'error': {
      const where = o.location ? ` (${o.location.module ? `module ${o.location.module}, ` : ''}line ${o.location.line}, col ${o.location.col})` : '';
      const message = o.message.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
      return `error: ${message || 'TLC stopped without a message'}${where}`;
    }
  }
}

function sameVerdict(ours: Verdict, theirs: TlcOutcome): boolean {
  if (ours.kind === 'holds') return theirs.kind === 'ok';
  if (ours.kind !== 'violated') return false;
  switch (ours.propertyKind) {
    case 'liveness':
      return theirs.kind === 'property';
    case 'deadlock':
      return theirs.kind === 'deadlock';
    case 'invariant':
      return theirs.kind === 'invariant' && (theirs.name === ours.property || (ours.property === 'BUG_ON' && theirs.name === 'NoBUG'));
  }
}

export function compareWithTlc(run: CheckRun, tlc: TlcResult, tlcSeconds: number): Agreement {
  const ours = run.result;
  const differences: string[] = [];
  if (!sameVerdict(ours.verdict, tlc.outcome)) {
    differences.push(`verdict: interpreter ${describeVerdict(ours.verdict)}, TLC ${describeTlcOutcome(tlc.outcome)}`);
  }
  const complete = (ours.verdict.kind === 'holds' || (ours.verdict.kind === 'violated' && ours.verdict.propertyKind === 'liveness'))
    && (tlc.outcome.kind === 'ok' || tlc.outcome.kind === 'property');
  if (complete && tlc.distinctStates !== ours.distinctStates) {
    differences.push(`distinct states: interpreter ${ours.distinctStates}, TLC ${tlc.distinctStates}`);
  }
  let replay: Replay | null = null;
  if (tlc.trace !== null) {
    replay = replayTlcTrace(run.machine, tlc.trace);
    if (!replay.ok) differences.push(`TLC's counterexample does not replay: at state ${replay.state}: ${replay.message}`);
    else if (tlc.outcome.kind === 'property' && replay.violates.length === 0) differences.push("TLC's lasso replays but violates no property in the interpreter");
  } else if (ours.verdict.kind === 'violated') {
    differences.push('TLC printed no counterexample');
  }
  return {
    model: ours.model,
    agrees: differences.length === 0,
    interpreter: { verdict: describeVerdict(ours.verdict), distinctStates: ours.distinctStates, seconds: ours.seconds },
    tlc: { verdict: describeTlcOutcome(tlc.outcome), distinctStates: tlc.distinctStates, seconds: tlcSeconds },
    statesCompared: complete,
    replay,
    differences,
  };
}
