/**
 * A counterexample as a Mermaid sequence diagram (renders on GitHub and in
 * most Markdown viewers): one lifeline per thread, plus the XArray and the
 * wait queues. Each step is exactly one arrow, so `autonumber` numbers them
 * as the text table does; the loop of a lasso is boxed, and a final state
 * where nothing can move ends with a note saying so.
 */
import type { Change, ExplainedTrace } from '../check/explain.js';

const XA = 'XA';
const WQ = 'WQ';

const range = (first: number, last: number): string => (first === last ? `xa[${first}]` : `xa[${first}..${last}]`);

/**
 * Text safe inside a Mermaid message or alias: `#` starts an entity code
 * (`pmd_fault(0)#2` lost its suffix) and `;` ends a statement, so both are
 * written as entity codes, like the angle brackets HTML would read.
 */
export function mermaidText(s: string): string {
  return s.replace(/[#;<>]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** What one change says, and the lifeline it goes to. */
function changeText(change: Change): { to: string; text: string } {
  switch (change.kind) {
    case 'store':
      return { to: XA, text: `${range(change.first, change.last)} := ${change.entry}` };
    case 'erase':
      return { to: XA, text: `${range(change.first, change.last)} := null` };
    case 'mark':
      return { to: XA, text: `${range(change.first, change.last)} ${change.set ? '+' : '-'}${change.mark}` };
    case 'wait':
      return { to: WQ, text: `sleep on key ${change.key}${change.exclusive ? ' (exclusive)' : ''}` };
    case 'wake': {
      const how = `${change.all ? 'wake all' : 'wake one'}${change.keyFilter ? '' : ' (no key filter)'} on key ${change.key}`;
      return { to: WQ, text: `${how}: ${change.woken.length === 0 ? 'nobody' : `woke ${change.woken.join(', ')}`}` };
    }
    case 'bug':
      return { to: '', text: `BUG_ON fired (${change.site})` };
    case 'global':
      return { to: '', text: change.words ?? `${change.name} := ${change.value}` };
  }
}

export interface DiagramOptions {
  /** The trace ends in a deadlock (no loop, nothing can move). */
  deadlock?: boolean;
}

/** Mermaid text (without the ``` fence). `threads` are the model's thread names, in order. */
export function sequenceDiagram(trace: ExplainedTrace, threads: string[], options: DiagramOptions = {}): string {
  const ids = new Map(threads.map((name, i) => [name, `T${i + 1}`]));
  const lines = ['sequenceDiagram', '  autonumber'];
  for (const [name, id] of ids) lines.push(`  participant ${id} as ${mermaidText(name)}`);
  lines.push(`  participant ${XA} as XArray`, `  participant ${WQ} as wait queues`);
  for (const step of trace.steps) {
    const inLoop = trace.loopFrom !== null && step.number >= trace.loopFrom;
    if (inLoop && step.number === trace.loopFrom) lines.push('  loop forever');
    const indent = inLoop ? '    ' : '  ';
    const from = ids.get(step.thread)!;
    const parts = step.changes.map(changeText);
    // One arrow per step: to the XArray or the wait queues (whichever it touched first), else to itself.
    const to = parts.find((p) => p.to !== '')?.to ?? from;
    const nobody = parts.length > 0 && parts.every((p) => p.to === WQ && p.text.endsWith(': nobody'));
    const text = [step.label, ...parts.map((p) => p.text)].map(mermaidText).join('<br/>');
    lines.push(`${indent}${from}${nobody ? '-x' : '->>'}${to}: ${text}`);
  }
  if (trace.loopFrom !== null) lines.push('  end');
  const all = threads.length > 1 ? `${ids.get(threads[0]!)},${ids.get(threads[threads.length - 1]!)}` : 'T1';
  if (trace.stuttering) {
    for (const s of trace.sleepingAtEnd) lines.push(`  Note over ${ids.get(s.thread)!}: asleep forever on key ${s.key}`);
    lines.push(`  Note over ${all}: then no thread can move`);
  }
  if (options.deadlock) {
    const stuck = trace.unfinishedAtEnd.map((u) => `${u.thread} at ${u.label}`).join(', ');
    lines.push(`  Note over ${all}: ${mermaidText(`deadlock: nothing can move (${stuck})`)}`);
  }
  return lines.join('\n');
}
