/**
 * A counterexample as a kernel commit message shows a race: one column per
 * thread that takes part, kernel function names, what each call did in
 * words, and how it ends — at most 75 characters a line (checkpatch), no
 * state counts, times or encodings. A rendering of an ExplainedTrace (best
 * a sliced one, src/check/slice.ts); it computes nothing.
 */
import type { Change, EntryFacts, ExplainedTrace } from '../check/explain.js';
import { describeVerdict, type ModelResult, type Verdict } from '../check/result.js';

export const COMMIT_LINE_LIMIT = 75;
/** The last column keeps at least this much room for its text. */
const LAST_COLUMN_MIN = 30;
/** Two columns never sit further apart than this. */
const STRIDE_MAX = 38;

/** `locked empty PTE`, `PMD (pfn 1)`. */
function adjectives(e: EntryFacts): string {
  const flags = (['locked', 'empty', 'zero'] as const).filter((f) => e[f]).map((f) => (f === 'zero' ? 'zero-page' : f));
  return [...flags, noun(e)].join(' ') + (e.pfn !== 0 ? ` (pfn ${e.pfn})` : '');
}

/** What the slot holds: a page, or a DAX entry by its size (PTE, PMD, order-k). */
const noun = (e: EntryFacts): string => (e.page ? 'page' : e.size);

const article = (words: string): string => (/^[aeiou]/i.test(words) ? `an ${words}` : `a ${words}`);

/** What changed in an entry besides its lock bit, as `now ...` words. */
function otherChanges(before: EntryFacts, after: EntryFacts): string[] {
  const out: string[] = [];
  if (before.empty && !after.empty) out.push(after.zero ? 'the zero page' : 'filled');
  else if (!before.empty && after.empty) out.push('empty');
  else if (!before.zero && after.zero) out.push('the zero page');
  else if (before.zero && !after.zero) out.push('no longer the zero page');
  if (before.pfn !== after.pfn && after.pfn !== 0) out.push(`pfn ${after.pfn}`);
  return out;
}

/** One change in words: `inserts a locked empty PTE at 1`, `wakes key 1: nobody`. */
export function changeWords(c: Change, buckets: number): string {
  switch (c.kind) {
    case 'store': {
      const { before, after } = c;
      if (before === null) return `inserts ${article(adjectives(after))} at ${c.first}`;
      if (before.order !== after.order || before.page !== after.page) return `replaces the ${noun(before)} by ${article(adjectives(after))} at ${c.first}`;
      const verb = !before.locked && after.locked ? 'locks' : before.locked && !after.locked ? 'unlocks' : 'updates';
      const now = otherChanges(before, after);
      return `${verb} the ${noun(after)} at ${c.first}${now.length > 0 ? `, now ${now.join(', ')}` : ''}`;
    }
    case 'erase':
      return `deletes the ${c.before === null ? 'entry' : noun(c.before)} at ${c.first}`;
    case 'mark':
      return c.set ? `marks the ${c.size} at ${c.first} ${c.mark}` : `clears ${c.mark} of the ${c.size} at ${c.first}`;
    case 'wait':
      return `sleeps on key ${c.key}${buckets > 1 ? ` (queue ${c.bucket})` : ''}${c.exclusive ? '' : ', shared'}`;
    case 'wake': {
      const target = c.keyFilter ? `key ${c.key}` : `queue ${c.bucket}, any key`;
      return `wakes ${c.all ? 'all on ' : ''}${target}: ${c.woken.length === 0 ? 'nobody' : c.woken.join(', ')}`;
    }
    case 'bug':
      return `BUG_ON() fires (${c.site})`;
    case 'global':
      return c.words ?? `sets ${c.name} to ${c.value}`;
  }
}

/** Greedy word wrap; a word longer than the width is cut. Continuation lines get `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  const room = (): number => Math.max(1, width - (lines.length > 0 ? indent.length : 0));
  const flush = (): void => {
    lines.push((lines.length > 0 ? indent : '') + line);
    line = '';
  };
  for (let word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line !== '' && line.length + 1 + word.length > room()) flush();
    while (word.length > room()) {
      if (line !== '') flush();
      line = word.slice(0, room());
      word = word.slice(room());
      flush();
    }
    line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '' || lines.length === 0) flush();
  return lines;
}

/** How the story ends, in one sentence (wrapped by the caller). */
export function endingWords(t: ExplainedTrace, verdict: Verdict): string {
  if (verdict.kind !== 'violated') return '';
  const stuck = t.unfinishedAtEnd.map((u) => `${u.thread} in ${u.label}()`).join(', ');
  switch (verdict.propertyKind) {
    case 'invariant':
      return verdict.property === 'BUG_ON' ? 'The kernel hits the BUG_ON().' : `${verdict.property} no longer holds.`;
    case 'final':
      return `Every thread has returned, and ${verdict.property} does not hold.`;
    case 'deadlock':
      return `Deadlock: nothing can run${stuck ? `; stuck: ${stuck}` : ''}.`;
    case 'liveness': {
      if (verdict.property === 'NoLostWakeup' && verdict.thread !== undefined) {
        const sleeping = t.sleepingAtEnd.filter((s) => s.thread === verdict.thread);
        if (t.loopFrom === null && sleeping.length > 0) {
          const others = t.sleepingAtEnd.filter((s) => s.thread !== verdict.thread).map((s) => `${s.thread} on key ${s.key}`);
          return `${verdict.thread} sleeps forever on key ${sleeping[0]!.key}${others.length > 0 ? ` (and so does ${others.join(', ')})` : ''}.`;
        }
        return `${verdict.thread} is never woken for good: the steps below the mark repeat forever.`;
      }
      if (t.loopFrom !== null) return `${verdict.property} fails: the steps below the mark repeat forever.`;
      return `${verdict.property} fails: ${stuck ? `${stuck} never return` : 'nothing can run'}.`;
    }
  }
}

/**
 * The race, ready to paste. Columns are the threads that move, in the order
 * they first do; a row belongs to one thread, so its text may run on to the
 * right margin over the (empty) columns after it.
 */
export function commitRace(t: ExplainedTrace, verdict: Verdict): string[] {
  const threads = [...new Set(t.steps.map((s) => s.thread))];
  const n = threads.length;
  const stride = n <= 1 ? 0 : Math.min(STRIDE_MAX, Math.floor((COMMIT_LINE_LIMIT - LAST_COLUMN_MIN) / (n - 1)));
  const column = new Map(threads.map((name, i) => [name, i * stride]));
  const lines: string[] = [];
  // Header: the names side by side when each fits its column, else one per
  // line, each starting at its column (like the rows below); then underlined.
  const room = (i: number): number => (i === n - 1 ? COMMIT_LINE_LIMIT - i * stride : stride - 1);
  const fits = threads.every((name, i) => name.length <= room(i));
  if (fits) {
    lines.push(threads.reduce((line, name, i) => line.padEnd(i * stride) + name, ''));
  } else {
    threads.forEach((name, i) => lines.push(...wrap(name, COMMIT_LINE_LIMIT - i * stride).map((l) => ' '.repeat(i * stride) + l)));
  }
  lines.push(threads.reduce((line, name, i) => line.padEnd(i * stride) + '-'.repeat(Math.min(name.length, room(i))), ''), '');
  for (const step of t.steps) {
    if (t.loopFrom !== null && step.number === t.loopFrom) lines.push('- - - - from here the steps repeat forever - - - -');
    const at = column.get(step.thread)!;
    const width = COMMIT_LINE_LIMIT - at;
    const pad = ' '.repeat(at);
    // A step named after the call its words spell out (down_read / `down_read(i_mmap_sem)`) shows the words as the call.
    const said = step.changes.find((c) => c.kind === 'global' && c.words?.startsWith(`${step.label}(`));
    const call = said?.kind === 'global' ? said.words! : `${step.label}()`;
    for (const l of wrap(call, width)) lines.push(pad + l);
    for (const c of step.changes) {
      if (c === said) continue;
      for (const l of wrap(changeWords(c, t.buckets), width - 2, '  ')) lines.push(`${pad}  ${l}`);
    }
  }
  const ending = endingWords(t, verdict);
  if (ending !== '') lines.push('', ...wrap(ending, COMMIT_LINE_LIMIT));
  return lines.map((l) => l.trimEnd());
}

/**
 * One model for --format commit: a `#` line naming the model and its verdict
 * (git drops `#` lines from a message, so the block pastes as is), then the
 * race of a violation.
 */
export function commitReport(r: ModelResult, shown: ExplainedTrace | null): string[] {
  const expected = r.asExpected ? '' : ' (NOT as expected)';
  const head = wrap(`${r.model}: ${describeVerdict(r.verdict)}${expected}`, COMMIT_LINE_LIMIT - 2, '  ').map((l) => `# ${l}`);
  if (shown === null || r.verdict.kind !== 'violated') return head;
  return [...head, '', ...commitRace(shown, r.verdict), ''];
}
