/**
 * A counterexample as a Mermaid sequence diagram (renders on GitHub and in
 * most Markdown viewers): one lifeline per thread, plus the XArray and the
 * wait queues, an arrow per thing a step did, the loop of a lasso boxed.
 */
import type { Change, ExplainedTrace } from '../check/explain.js';

const XA = 'XA';
const WQ = 'WQ';

const range = (first: number, last: number): string => (first === last ? `xa[${first}]` : `xa[${first}..${last}]`);

/** The diagram lines for one change made by thread `from` in step `label`. */
function changeLines(from: string, label: string, change: Change, ids: Map<string, string>): string[] {
  switch (change.kind) {
    case 'store':
      return [`${from}->>${XA}: ${label}: ${range(change.first, change.last)} := ${change.entry}`];
    case 'erase':
      return [`${from}->>${XA}: ${label}: ${range(change.first, change.last)} := null`];
    case 'wait':
      return [`${from}->>${WQ}: ${label}: sleep on key ${change.key}${change.exclusive ? ' (exclusive)' : ''}`];
    case 'wake': {
      const how = `${label}: ${change.all ? 'wake all' : 'wake one'}${change.keyFilter ? '' : ' (no key filter)'} on key ${change.key}`;
      if (change.woken.length === 0) return [`${from}-x${WQ}: ${how}: nobody`];
      return [`${from}->>${WQ}: ${how}`, ...change.woken.map((w) => `${WQ}-->>${ids.get(w) ?? w}: woken`)];
    }
    case 'bug':
      return [`Note over ${from}: ${label}: BUG_ON fired (${change.site})`];
    case 'global':
      return [`Note over ${from}: ${label}: k.${change.name} := ${change.value}`];
  }
}

/** Mermaid text (without the ``` fence). `threads` are the model's thread names, in order. */
export function sequenceDiagram(trace: ExplainedTrace, threads: string[]): string {
  const ids = new Map(threads.map((name, i) => [name, `T${i + 1}`]));
  const lines = ['sequenceDiagram'];
  for (const [name, id] of ids) lines.push(`  participant ${id} as ${name}`);
  lines.push(`  participant ${XA} as XArray`, `  participant ${WQ} as wait queues`);
  for (const step of trace.steps) {
    const inLoop = trace.loopFrom !== null && step.number >= trace.loopFrom;
    if (inLoop && step.number === trace.loopFrom) lines.push('  loop forever');
    const indent = inLoop ? '    ' : '  ';
    const from = ids.get(step.thread)!;
    const body = step.changes.length === 0 ? [`Note over ${from}: ${step.label}`] : step.changes.flatMap((c) => changeLines(from, step.label, c, ids));
    lines.push(...body.map((l) => indent + l));
  }
  if (trace.loopFrom !== null) lines.push('  end');
  if (trace.stuttering) {
    for (const s of trace.sleepingAtEnd) lines.push(`  Note over ${ids.get(s.thread)!}: asleep forever on key ${s.key}`);
  }
  return lines.join('\n');
}
