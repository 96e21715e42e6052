/** A replayed scenario as text (the trace table, where it stopped, its end) and as JSON. */
import type { ExplainedTrace } from '../check/explain.js';
import type { ScenarioResult } from '../check/scenario.js';
import type { Json } from './json.js';
import { traceTable } from './text.js';

export function scenarioEndLines(r: ScenarioResult): string[] {
  const e = r.end;
  const lines: string[] = [];
  if (e.invariant !== null) lines.push(`${e.invariant} is violated`);
  for (const s of e.asleepForever) lines.push(`${s.thread} sleeps forever on key ${s.key}: no continuation wakes it`);
  for (const s of e.asleep) lines.push(`${s.thread} is asleep on key ${s.key}; a continuation can still wake it`);
  if (e.deadlock) lines.push('deadlock: no thread can move');
  if (lines.length === 0) lines.push(e.done.length === r.machine.layout.threads.length ? 'every thread has returned' : 'no property is violated here');
  return lines;
}

export function scenarioReport(file: string, model: string, r: ScenarioResult, explained: ExplainedTrace): string[] {
  const lines = [`${file}: model ${model}, ${r.trace.steps.length} step(s) ran`];
  if (explained.steps.length > 0) lines.push(...traceTable(explained));
  if (r.stopped !== null) lines.push(`    step ${r.stopped.at + 1} (${r.stopped.step}) could not run: ${r.stopped.reason}`);
  lines.push(...scenarioEndLines(r).map((l) => `at the end: ${l}`));
  return lines;
}

export function scenarioJson(spec: string, model: string, r: ScenarioResult, explained: ExplainedTrace): Record<string, Json> {
  return {
    spec,
    model,
    ran: r.trace.steps.length,
    stopped: r.stopped as unknown as Json,
    end: r.end as unknown as Json,
    steps: explained.steps as unknown as Json,
  };
}
