/**
 * Plain-text rendering of check results: one line per model, and for a
 * violation the counterexample as a numbered step table.
 */
import type { Change, ExplainedTrace } from '../check/explain.js';
import { describeExpectation, describeVerdict, type ModelResult } from '../check/result.js';
import type { Coverage } from '../check/coverage.js';
import type { ModelConfig, SourceLoc } from '../model/ir.js';

export function formatSeconds(s: number): string {
  return s < 10 ? `${s.toFixed(2)}s` : `${s.toFixed(1)}s`;
}

export interface TextOptions {
  /** Print run times (off for pages that must not change from run to run). */
  times: boolean;
}

/** `ok   buggy  violates NoLostWakeup (pmd_fault(0))  12 states, 12 transitions, depth 5, 0.01s` */
export function resultLine(r: ModelResult, nameWidth: number, options: TextOptions = { times: true }): string {
  // A run stopped by a limit has no verdict to be wrong about: it says 'stop', not FAIL (it has its own exit code too).
  const mark = r.asExpected ? 'ok  ' : r.verdict.kind === 'incomplete' ? 'stop' : 'FAIL';
  const verdict = describeVerdict(r.verdict);
  const expected = r.asExpected ? '' : `  (expected: ${describeExpectation(r.expected)})`;
  const stats = `${r.distinctStates} states, ${r.transitions} transitions, depth ${r.depth}${options.times ? `, ${formatSeconds(r.seconds)}` : ''}`;
  return `${mark} ${r.model.padEnd(nameWidth)}  ${verdict.padEnd(44)} ${stats}${expected}`;
}

function describeChange(c: Change, buckets: number): string {
  const range = (a: number, b: number): string => (a === b ? `xa[${a}]` : `xa[${a}..${b}]`);
  switch (c.kind) {
    case 'store':
      return `${range(c.first, c.last)} := ${c.entry}`;
    case 'erase':
      return `${range(c.first, c.last)} := null`;
    case 'mark':
      return `${range(c.first, c.last)} ${c.set ? 'marked' : 'no longer'} ${c.mark}`;
    case 'wait':
      // A queue number says something only when keys are hashed to several queues.
      return `sleeps on key ${c.key}${buckets > 1 ? ` (queue ${c.bucket}${c.exclusive ? ', exclusive' : ''})` : c.exclusive ? ' (exclusive)' : ''}`;
    case 'wake': {
      const how = `${c.all ? 'wake all' : 'wake one'}${c.keyFilter ? '' : ' (no key filter)'} on key ${c.key}`;
      return `${how}: ${c.woken.length === 0 ? 'nobody' : `woke ${c.woken.join(', ')}`}`;
    }
    case 'bug':
      return `BUG_ON fired (${c.site})`;
    case 'global':
      return c.words ?? `${c.name} := ${c.value}`;
  }
}

/** The step table; `deadlock` adds the closing line of a deadlock (no loop, nothing can move). */
export function traceTable(t: ExplainedTrace, deadlock = false): string[] {
  const threadWidth = Math.max(6, ...t.steps.map((s) => s.thread.length));
  const labelWidth = Math.max(4, ...t.steps.map((s) => s.label.length));
  const lines = [`    ${'#'.padStart(3)}  ${'thread'.padEnd(threadWidth)}  ${'step'.padEnd(labelWidth)}  what it did`];
  for (const s of t.steps) {
    if (t.loopFrom !== null && s.number === t.loopFrom) lines.push(`    ${'--- loop: the steps below repeat forever ---'}`);
    const changes = s.changes.length === 0 ? ['-'] : s.changes.map((c) => describeChange(c, t.buckets));
    lines.push(`    ${String(s.number).padStart(3)}  ${s.thread.padEnd(threadWidth)}  ${s.label.padEnd(labelWidth)}  ${changes[0]}`);
    for (const more of changes.slice(1)) lines.push(`    ${''.padStart(3)}  ${''.padEnd(threadWidth)}  ${''.padEnd(labelWidth)}  ${more}`);
  }
  if (t.loopFrom !== null) lines.push(`    --- back to step ${t.loopFrom} ---`);
  if (t.stuttering) {
    const sleepers = t.sleepingAtEnd.map((s) => `${s.thread} on key ${s.key}`).join(', ');
    lines.push(`    then no thread can move${sleepers ? `; asleep forever: ${sleepers}` : ''}`);
  }
  if (deadlock) {
    const stuck = t.unfinishedAtEnd.map((u) => `${u.thread} at ${u.label}`).join(', ');
    lines.push(`    then no thread can move: deadlock (${stuck})`);
  }
  return lines;
}

/**
 * The line that opens a configuration's group of models, when `model` starts
 * one (models come grouped by configuration, variants in spec order; each
 * model's line is followed by the configuration's doc).
 */
export function configurationHeading(previous: ModelConfig | null, model: ModelConfig): string | null {
  if (model.configuration === undefined || model.configuration === null || previous?.configuration === model.configuration) return null;
  return `configuration ${model.configuration === '' ? '(unnamed)' : model.configuration}`;
}

/** A model's line, its doc (what the configuration is) and, for a violation, its counterexample table. */
export function modelReport(r: ModelResult, explained: ExplainedTrace | null, nameWidth: number, options: TextOptions = { times: true }, doc = ''): string[] {
  const lines = [resultLine(r, nameWidth, options)];
  if (doc !== '') lines.push(`      ${doc}`);
  if (explained && r.verdict.kind === 'violated') {
    lines.push(...traceTable(explained, r.verdict.propertyKind === 'deadlock'));
    if (r.verdict.propertyKind === 'final') lines.push(`    then every thread has returned, and ${r.verdict.property} does not hold`);
  }
  return lines;
}

/**
 * --coverage, TLC -coverage style: transitions per step, and under each step
 * its if statements (source line, the line's text when `sourceLine` has it)
 * with the transitions through each arm; a count 0 is marked.
 */
export function coverageLines(c: Coverage, sourceLine: (loc: SourceLoc) => string | null = () => null): string[] {
  const width = Math.max(...c.steps.map((s) => s.thread.length + 1 + s.label.length));
  const lines = ['    coverage (transitions per step; per if of a step, transitions through then / else; 0! never taken):'];
  for (const s of c.steps) {
    lines.push(`      ${`${s.thread}.${s.label}`.padEnd(width)}  ${String(s.transitions).padStart(8)}${s.transitions === 0 ? '  never enabled' : ''}`);
    for (const b of c.branches) {
      if (b.thread !== s.thread || b.label !== s.label) continue;
      const arm = (n: number | null): string => (n === null ? '-' : n === 0 && !b.constant ? '0!' : String(n));
      const text = sourceLine(b.loc);
      const where = `${b.loc.file}:${b.loc.line}${text === null ? '' : `  ${text.length > 48 ? `${text.slice(0, 47)}…` : text}`}`;
      lines.push(`        ${arm(b.then).padStart(8)} / ${arm(b.else).padEnd(8)}  ${where}`);
    }
  }
  return lines;
}
