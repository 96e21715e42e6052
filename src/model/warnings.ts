/**
 * What is legal in a spec but almost certainly a mistake: reported as
 * warnings (file:line:col, a hint), never stopping the run.
 */
import type { SourceLoc, SpecModel, Stmt } from './ir.js';

export interface SpecWarning {
  code: 'DSW001'; // a step no path reaches
  message: string;
  loc: SourceLoc;
  hint: string;
}

function gotos(stmts: Stmt[], out: Set<string>): void {
  for (const s of stmts) {
    if (s.kind === 'goto') out.add(s.label);
    else if (s.kind === 'if') {
      gotos(s.then, out);
      gotos(s.else, out);
    }
  }
}

/** Steps of a thread that neither start it nor follow any reachable step. */
function unreachableSteps(spec: SpecModel): SpecWarning[] {
  const warnings: SpecWarning[] = [];
  for (const thread of spec.threads) {
    const byLabel = new Map(thread.steps.map((s) => [s.label, s]));
    const reached = new Set<string>();
    const queue = thread.steps.length > 0 ? [thread.steps[0]!.label] : [];
    while (queue.length > 0) {
      const label = queue.pop()!;
      if (reached.has(label)) continue;
      reached.add(label);
      const next = new Set<string>();
      gotos(byLabel.get(label)?.body ?? [], next);
      for (const n of next) if (byLabel.has(n)) queue.push(n);
    }
    for (const step of thread.steps) {
      if (reached.has(step.label)) continue;
      warnings.push({
        code: 'DSW001',
        message: `step ${step.label} of thread ${thread.name} is never reached: no path from its first step returns '${step.label}' or falls through to it`,
        loc: step.loc,
        hint: `return '${step.label}' where it should run, or remove it`,
      });
    }
  }
  return warnings;
}

export function specWarnings(spec: SpecModel): SpecWarning[] {
  return unreachableSteps(spec);
}

export function formatSpecWarning(w: SpecWarning): string {
  return `${w.loc.file}:${w.loc.line}:${w.loc.col}: warning ${w.code}: ${w.message}\n  hint: ${w.hint}`;
}
