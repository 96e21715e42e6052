/**
 * The TLA+ module of a spec: constants, variables, the helpers as operators,
 * Init, one action per labelled step, Next, Spec with per-thread weak
 * fairness, and the properties. Text for people: stable order, comments
 * pointing back to the spec source.
 */
import { DONE_LABEL, type Expr, type SpecModel, type ValueType } from '../model/ir.js';
import { bugSitesOf, usesMarks } from '../model/layout.js';
import { initialValueOf, localNames, perModelInitial } from '../model/init.js';
import { stateVariables } from '../model/values.js';
import { renderAction } from './action.js';
import { ExprRenderer, initialView } from './expr.js';
import { actionName, ALIAS_EXTRA_FIELDS, threadSetName, TlaNames } from './names.js';
import { lazyFailures } from './evaluation-order.js';

const RULE = '-'.repeat(77);

/** Plain ASCII for TLA+ comments (SANY reads files as bytes of the platform charset). */
export function asciiOnly(text: string): string {
  return text.replace(/[\u2013\u2014]/g, '--').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[^\x20-\x7e\n]/g, '?');
}

/**
 * Paragraphs of `text` (separated by blank lines) reflowed to `width`; a line
 * starting with "- " (after spaces) starts a list item whose continuation
 * lines are indented under its text.
 */
export function reflow(text: string, width: number): string[] {
  const out: string[] = [];
  const items: { lead: string; hang: string; words: string[] }[] = [];
  const flush = (): void => {
    for (const item of items) {
      let line = item.lead;
      for (const word of item.words) {
        if (line.trim() !== '' && line.length + 1 + word.length > width) {
          out.push(line);
          line = item.hang + word;
        } else line = line.endsWith(' ') || line === '' ? line + word : `${line} ${word}`;
      }
      if (line.trim() !== '') out.push(line);
    }
    items.length = 0;
  };
  for (const raw of asciiOnly(text).split('\n')) {
    if (raw.trim() === '') {
      flush();
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    const bullet = /^(\s*)- /.exec(raw);
    if (bullet || items.length === 0) {
      const lead = bullet ? `${bullet[1]}- ` : '';
      items.push({ lead, hang: ' '.repeat(lead.length), words: raw.slice(bullet ? bullet[0].length : 0).trim().split(/\s+/) });
    } else items[items.length - 1]!.words.push(...raw.trim().split(/\s+/));
  }
  flush();
  while (out[out.length - 1] === '') out.pop();
  return out;
}

/** A (* ... *) box around paragraphs of text, reflowed to the module's width. */
/** `---- MODULE Name ----`, 77 wide; TLA+ needs at least four dashes on each side, so a long name makes it wider. */
export function moduleHeader(name: string): string {
  const title = ` MODULE ${name} `;
  const dashes = Math.max(8, 77 - title.length);
  return `${'-'.repeat(Math.floor(dashes / 2))}${title}${'-'.repeat(Math.ceil(dashes / 2))}`;
}

export function commentBox(lines: string[]): string[] {
  const width = 71;
  const wrapped = reflow(lines.join('\n'), width);
  // A comment must not contain '*)' or the PlusCal marker the grammar reacts to.
  const safe = wrapped.map((l) => l.replace(/\*\)/g, '* )').replace(/--(fair )?algorithm/g, '- -algorithm'));
  return ['(' + '*'.repeat(75) + ')', ...safe.map((l) => `(* ${l.padEnd(width)} *)`), '(' + '*'.repeat(75) + ')'];
}

function typeComment(t: ValueType): string {
  switch (t) {
    case 'int':
      return 'an integer';
    case 'bool':
      return 'a boolean';
    case 'slot':
      return 'an entry, Null or XA_RETRY_ENTRY';
    case 'thread':
      return 'a thread or Null';
    case 'xas':
      return 'an xa_state [index, order, node, offset] or Null';
  }
}

export function constantText(e: Expr): string {
  switch (e.kind) {
    case 'int':
      return String(e.value);
    case 'bool':
      return e.value ? 'TRUE' : 'FALSE';
    case 'null':
      return 'Null';
    default:
      throw new Error(`initial value of kind ${e.kind}`);
  }
}

/** `[t \in Threads |-> v]`, or a CASE on the thread's kind when kinds differ. */
function perThread(spec: SpecModel, valueOf: (kind: string) => string): string {
  const values = spec.threads.map((t) => valueOf(t.name));
  if (values.every((v) => v === values[0])) return `[t \\in Threads |-> ${values[0]}]`;
  const arms = spec.threads.map((t, i) => `ThreadKind[t] = ${JSON.stringify(t.name)} -> ${values[i]}`);
  return `[t \\in Threads |-> CASE ${arms.join('\n                                 [] ')}]`;
}

export function renderModule(spec: SpecModel): string {
  const names = new TlaNames(spec);
  const locals = localNames(spec);
  const variables = stateVariables(spec);
  const params = [...new Set(spec.threads.flatMap((t) => t.params.map((p) => p.name)))];
  // What some model starts with besides the spec's initial state: constants each MC module gives.
  const start = perModelInitial(spec);
  const out: string[] = [];
  out.push(moduleHeader(spec.name));
  out.push(...commentBox([spec.doc, '', `Generated by daxspec from ${[spec.file, ...(spec.libraries ?? [])].join(', ')}: do not edit; run npm run emit.`]));
  out.push('EXTENDS Integers, Sequences, DaxVocabulary', '');

  const constants: [string, string][] = [
    ['Variant', `the code variant: ${spec.variants.map((v) => JSON.stringify(v)).join(', ')}`],
    ['PMD_ORDER', 'a PMD entry covers 2^PMD_ORDER indices'],
    ['NrIndices', 'the XArray holds indices 0 .. NrIndices - 1'],
    ['XA_RETRY_ENTRY', "get_unlocked_entry()'s conflict marker (a model value)"],
    ['ThreadKind', 'ThreadKind[t]: the code path thread t runs'],
    ['ThreadName', 'ThreadName[t]: its name in the model, for readers'],
    ...params.map((p): [string, string] => [p, `${p}[t]: parameter of thread t`]),
    ...(start.xa ? [['InitialXa', 'the XArray when the model starts: index -> entry or Null'] as [string, string]] : []),
    ...(start.xa && usesMarks(spec) ? [['InitialMarks', 'the marks when the model starts: index -> subset of {DIRTY, TOWRITE}'] as [string, string]] : []),
    ...(start.globals.length > 0 ? [['InitialGlobals', `the model's initial ${start.globals.map((g) => g.name).join(', ')}: a record`] as [string, string]] : []),
  ];
  out.push('CONSTANTS', ...listWithComments(constants), '');
  out.push('Threads == 1 .. Len(ThreadKind)', '', 'PG_PMD_COLOUR == 2 ^ PMD_ORDER - 1', '');
  for (const t of spec.threads) out.push(`${threadSetName(t.name)} == {t \\in Threads : ThreadKind[t] = ${JSON.stringify(t.name)}}`);
  out.push('');

  const varDocs: [string, string][] = [
    ['pc', 'pc[t]: the label thread t runs next ("Done" once it has returned)'],
    ...locals.map((l): [string, string] => [l.name, `${l.name}[t]: a local of thread t, ${typeComment(l.type)}`]),
    ...spec.globals.map((g): [string, string] => [g.name, `shared: ${typeComment(g.type)}`]),
    ['xa', 'the XArray: index -> entry or Null'],
    ...(usesMarks(spec) ? [['marks', 'the marks of the entry at each index: index -> subset of {DIRTY, TOWRITE}'] as [string, string]] : []),
    ['waitq', 'the hashed wait table: bucket -> FIFO of [thread, key, exclusive]'],
    ...(spec.usesBugOn ? [['bug', 'the BUG_ON() that fired, or "none"'] as [string, string]] : []),
  ];
  out.push('VARIABLES', ...listWithComments(varDocs), '');
  out.push(`vars == <<${variables.join(', ')}>>`, '');

  if (spec.helpers.length > 0) {
    out.push(`\\* ${RULE.slice(3)}`, '\\* Helpers of the spec (pure functions)', '');
    for (const h of spec.helpers) {
      const temps = new Map(h.params.map((p) => [p.name, names.local(p.name)]));
      const r = new ExprRenderer(names, temps);
      const head = h.params.length === 0 ? h.name : `${h.name}(${h.params.map((p) => temps.get(p.name)).join(', ')})`;
      out.push(...docComment(h.doc, `${h.loc.file}:${h.loc.line}`));
      out.push(`${head} ==`, `    ${r.text(h.body, null, 'top')}`, '');
    }
  }

  out.push(`\\* ${RULE.slice(3)}`, 'Init ==');
  const init: string[] = [
    `pc = ${perThread(spec, (kind) => JSON.stringify(spec.threads.find((t) => t.name === kind)!.steps[0]!.label))}`,
    ...locals.map((l) => `${l.name} = ${perThread(spec, (kind) => constantText(initialValueOf(spec, kind, l.name)))}`),
    ...spec.globals.map((g) => `${g.name} = ${start.globals.includes(g) ? `InitialGlobals.${g.name}` : constantText(g.init)}`),
    start.xa ? 'xa = InitialXa' : 'xa = [i \\in 0 .. NrIndices - 1 |-> Null]',
    ...(usesMarks(spec) ? [start.xa ? 'marks = InitialMarks' : 'marks = [i \\in 0 .. NrIndices - 1 |-> {}]'] : []),
    'waitq = [b \\in 0 .. NrBuckets - 1 |-> <<>>]',
    ...(spec.usesBugOn ? ['bug = "none"'] : []),
  ];
  for (const line of init) out.push(`    /\\ ${line.replace(/\n/g, '\n       ')}`);
  out.push('');

  const ctx = { variables, localNames: locals.map((l) => l.name), globalNames: spec.globals.map((g) => g.name), usesBugOn: spec.usesBugOn, usesMarks: usesMarks(spec) };
  for (const t of spec.threads) {
    out.push(`\\* ${RULE.slice(3)}`, ...docComment(`Thread ${t.name}: ${t.doc}`, `${t.loc.file}:${t.loc.line}`), '');
    for (const step of t.steps) {
      out.push(...docComment(step.doc, `${step.loc.file}:${step.loc.line}`));
      out.push(...renderAction(t, step, names, ctx), '');
    }
    const disjuncts = t.steps.map((s) => `${actionName(t.name, s.label)}(self)`);
    out.push(`${t.name}(self) ==`, ...disjuncts.map((d) => `    \\/ ${d}`), '');
  }

  out.push(`\\* ${RULE.slice(3)}`);
  out.push('\\* Every thread has returned: stutter (not a deadlock).');
  out.push('Terminating ==', '    /\\ \\A t \\in Threads : pc[t] = "Done"', '    /\\ UNCHANGED vars', '');
  // Thread by thread in id order, as the checker tries them: TLC makes one action per thread and tries them in
  // this order, so both search the same states in the same order and, where a state has both a successor that
  // breaks an invariant and a step that fails, both report the same one (fuzzer seed 20831).
  out.push('\\* Thread ids in order, as the checker tries them.');
  out.push('Next ==');
  out.push('    \\/ \\E self \\in Threads :');
  for (const t of spec.threads) out.push(`           \\/ self \\in ${threadSetName(t.name)} /\\ ${t.name}(self)`);
  out.push('    \\/ Terminating', '');
  out.push('\\* Weak fairness per thread, as the checker assumes.');
  out.push('Spec ==', '    /\\ Init', '    /\\ [][Next]_vars');
  for (const t of spec.threads) out.push(`    /\\ \\A self \\in ${threadSetName(t.name)} : WF_vars(${t.name}(self))`);
  out.push('');

  out.push(`\\* ${RULE.slice(3)}`, '\\* Properties', '');
  out.push('\\* A thread is asleep while it is on a wait queue.', 'Sleeping(t) == IsWaiting(waitq, t)', '');
  out.push('\\* Every waiter is eventually woken.', 'NoLostWakeup == \\A t \\in Threads : Sleeping(t) ~> ~Sleeping(t)', '');
  out.push('\\* Every thread eventually returns.', 'Termination == <>(\\A t \\in Threads : pc[t] = "Done")', '');
  if (spec.usesBugOn) out.push('\\* No BUG_ON() fired.', 'NoBUG == bug = "none"', '');
  out.push(...typeAndAlias(spec, variables));
  for (const inv of spec.invariants) {
    const r = new ExprRenderer(names, new Map());
    const view = initialView(ctx.globalNames, []);
    // Arguments the interpreter computes and TLA+ might not (see evaluation-order.ts) are read first.
    const forced = lazyFailures(inv.body).map((v) => { const t = r.text(v, view, 'top'); return `(${t}) = (${t}) /\\ `; }).join('');
    const body = forced + r.text(inv.body, view, forced === '' ? 'top' : 'tight');
    out.push(...docComment(inv.doc, `${inv.loc.file}:${inv.loc.line}`));
    if (inv.when === 'always') out.push(`${inv.name} ==`, `    ${body}`, '');
    else out.push('\\* A final-state property: it must hold once every thread has returned.', `${inv.name} ==`, '    (\\A t \\in Threads : pc[t] = "Done") =>', `        (${body})`, '');
  }
  out.push('='.repeat(77), '');
  return out.join('\n');
}

/** `    name,  \* comment` lines, the comments aligned. */
function listWithComments(items: [string, string][]): string[] {
  const width = Math.max(...items.map(([n]) => n.length)) + 1;
  return items.map(([name, comment], i) => `    ${(name + (i < items.length - 1 ? ',' : '')).padEnd(width)}  \\* ${comment}`);
}

/** The step's doc as \* lines, then where it came from. */
function docComment(doc: string, where: string): string[] {
  const lines = reflow(doc, 74).filter(Boolean);
  return [...lines.map((l) => `\\* ${l}`), `\\* (${where})`];
}

/** The TLA+ set of a value type's values. */
function typeSet(type: ValueType): string {
  switch (type) {
    case 'int':
      return 'Int';
    case 'bool':
      return 'BOOLEAN';
    case 'thread':
      return 'Threads \\cup {Null}';
    case 'slot':
      return 'EntryValues \\cup {Null, XA_RETRY_ENTRY}';
    case 'xas':
      return '[index : Nat, order : Nat, node : {"restart", "walked", "bounds"}, offset : Nat] \\cup {Null}';
  }
}

/**
 * TypeOK's conjunct for a local. Two code paths may declare one name with
 * different types (an entry here, an int there): then each thread's value is
 * checked against its own path's type (a thread whose path does not declare
 * it holds the first declarer's initial value). TLC cannot test an int for
 * membership in a set of records, so a union of the types would not do.
 */
function localTypeOK(spec: SpecModel, name: string, type: import('../model/ir.js').ValueType): string {
  const kindsOf = new Map<string, string[]>();
  for (const t of spec.threads) {
    const own = t.locals.find((l) => l.name === name)?.type ?? type;
    kindsOf.set(own, [...(kindsOf.get(own) ?? []), t.name]);
  }
  if (kindsOf.size === 1) return `${name} \\in [Threads -> ${typeSet(type)}]`;
  const cases = [...kindsOf].map(([ty, kinds]) => `(ThreadKind[t] \\in ${setLiteral(kinds, 0)} /\\ ${name}[t] \\in ${typeSet(ty as import('../model/ir.js').ValueType)})`);
  return `\\A t \\in Threads : ${cases.join(' \\/ ')}`;
}

/**
 * TypeOK (an invariant every MC config checks: each variable holds a value
 * of its type) and Alias (what TLC prints per state of a trace: the
 * variables, then each thread by name at its label).
 */
function typeAndAlias(spec: SpecModel, variables: string[]): string[] {
  const labels = [...new Set([...spec.threads.flatMap((t) => t.steps.map((s) => s.label)), DONE_LABEL])];
  const sites = bugSitesOf(spec);
  const params = new Map(spec.threads.flatMap((t) => t.params.map((p) => [p.name, p.type] as const)));
  const conjuncts = [
    `pc \\in [Threads -> ${setLiteral(labels, 26)}]`,
    // Parameters are constants that each MC module gives as a tuple: checked like the variables.
    ...[...params].map(([name, type]) => `${name} \\in [Threads -> ${typeSet(type)}]`),
    ...localNames(spec).map((l) => localTypeOK(spec, l.name, l.type)),
    ...spec.globals.map((g) => `${g.name} \\in ${typeSet(g.type)}`),
    'xa \\in [0 .. NrIndices - 1 -> EntryValues \\cup {Null}]',
    ...(usesMarks(spec) ? ['marks \\in [0 .. NrIndices - 1 -> SUBSET {DIRTY, TOWRITE}]'] : []),
    'waitq \\in [0 .. NrBuckets - 1 ->\n                 Seq([thread : Threads, key : Nat, exclusive : BOOLEAN])]',
    ...(spec.usesBugOn ? [`bug \\in ${setLiteral(['none', ...sites], 15)}`] : []),
  ];
  const fields = [...variables.map((v) => `${v} |-> ${v}`), `${ALIAS_EXTRA_FIELDS[0]} |-> [t \\in Threads |-> ThreadName[t] \\o " at " \\o pc[t]]`];
  return [
    '\\* An entry: its order, lock and state bits, and its block.',
    'EntryValues == [order : Nat, locked : BOOLEAN, empty : BOOLEAN, zero : BOOLEAN, page : BOOLEAN, pfn : Nat]',
    '',
    '\\* Every variable holds a value of its type (an invariant of every model).',
    'TypeOK ==',
    ...conjuncts.map((c) => `    /\\ ${c}`),
    '',
    "\\* What TLC prints for each state of a trace (the .cfg's ALIAS): the",
    '\\* variables, and each thread by its name at the label it runs next.',
    'Alias ==',
    `    [ ${fields.join(',\n      ')} ]`,
    '',
  ];
}

/** `{"a", "b", ...}` of strings, one per line past the first when it would not fit 77 columns. */
function setLiteral(items: string[], column: number): string {
  const quoted = items.map((i) => JSON.stringify(i));
  const flat = `{${quoted.join(', ')}}`;
  if (column + flat.length <= 77) return flat;
  return `{ ${quoted.join(`,\n${' '.repeat(column + 2)}`)} }`;
}
