/**
 * Renders the fuzzer's spec picture (ast.ts) as a TypeScript spec file, with
 * the fewest parentheses TypeScript's precedence allows (plus the redundant
 * ones the generator asked for), so that the parser and the emitter see
 * every precedence mix a person could write.
 */
import type { FExpr, FHelper, FInitialEntry, FModel, FSpec, FStmt, FThread, FType } from './ast.js';

const PRIMARY = 20;
const UNARY = 15;
const PREC: Record<string, number> = {
  '*': 13, '%': 13, '+': 12, '-': 12, '<': 10, '<=': 10, '>': 10, '>=': 10, '===': 9, '!==': 9, '&&': 5, '||': 4,
};
const COND = 3;

export function tsType(type: FType): string {
  switch (type) {
    case 'int':
    case 'small':
    case 'index':
    case 'order':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'slot':
      return 'Slot';
    case 'entry':
      return 'Entry';
    case 'thread':
      return 'ThreadId | null';
    case 'mode':
      return 'WakeMode';
    case 'xas':
      return 'XaState | null';
    case 'mark':
      return 'Mark';
  }
}

function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

function precOf(e: FExpr): number {
  switch (e.kind) {
    case 'int':
      return e.value < 0 ? UNARY : PRIMARY;
    case 'binary':
      return PREC[e.op]!;
    case 'variant':
      return PREC['===']!;
    case 'cond':
      return COND;
    case 'not':
    case 'neg':
      return UNARY;
    default:
      return PRIMARY;
  }
}

function wrap(e: FExpr, minPrec: number): string {
  const text = renderExpr(e);
  return precOf(e) < minPrec ? `(${text})` : text;
}

/** An operand of `.field` or `!`: only calls, names and parenthesised expressions. */
function target(e: FExpr): string {
  const text = renderExpr(e);
  const bare = precOf(e) === PRIMARY && e.kind !== 'withFields' && !(e.kind === 'int');
  return bare ? text : `(${text})`;
}

function fields(list: [string, FExpr][]): string {
  return list.map(([f, v]) => `${f}: ${renderExpr(v)}`).join(', ');
}

export function renderExpr(e: FExpr): string {
  switch (e.kind) {
    case 'int':
      return String(e.value);
    case 'bool':
      return String(e.value);
    case 'null':
      return 'null';
    case 'mode':
      return e.mode;
    case 'const':
      return `k.${e.name}`;
    case 'self':
      return 't.self';
    case 'thread':
      return `t.${e.name}`;
    case 'global':
      return `k.${e.name}`;
    case 'temp':
      return e.name;
    case 'variant':
      return `k.variant ${e.negated ? '!==' : '==='} '${e.name}'`;
    case 'not':
      return `!${wrap(e.arg, UNARY)}`;
    case 'neg': {
      const inner = wrap(e.arg, UNARY);
      return inner.startsWith('-') ? `-(${renderExpr(e.arg)})` : `-${inner}`;
    }
    case 'binary': {
      const p = PREC[e.op]!;
      return `${wrap(e.left, p)} ${e.op} ${wrap(e.right, p + 1)}`;
    }
    case 'cond':
      return `${wrap(e.test, COND + 1)} ? ${wrap(e.then, COND)} : ${wrap(e.else, COND)}`;
    case 'field':
      return `${target(e.entry)}.${e.field}`;
    case 'nonNull':
      return `${target(e.arg)}!`;
    case 'makeEntry':
      return `k.makeEntry({ ${fields(e.fields)} })`;
    case 'withFields':
      return `{ ...${target(e.entry)}${e.fields.length > 0 ? `, ${fields(e.fields)}` : ''} }`;
    case 'call':
      return `${e.fn}(${[...(e.kernel ? ['k'] : []), ...e.args.map(renderExpr)].join(', ')})`;
    case 'findConflict':
      return `k.findConflict(${renderExpr(e.index)}, ${renderExpr(e.order)})`;
    case 'load':
      return `k.load(${renderExpr(e.index)})`;
    case 'alignDown':
      return `k.alignDown(${renderExpr(e.index)}, ${renderExpr(e.order)})`;
    case 'isWaiting':
      return `k.isWaiting(${renderExpr(e.who)})`;
    case 'op':
      return `k.${e.op}(${e.args.map(renderExpr).join(', ')})`;
    case 'mark':
      return e.mark;
    case 'widen':
      // `as` binds like `<`: a comparison or anything looser needs its own parentheses.
      return `(${wrap(e.arg, PREC['<']! + 1)} as ${tsType(e.type)})`;
    case 'paren':
      return `(${renderExpr(e.arg)})`;
  }
}

function labelText(label: string): string {
  return `'${label}'`;
}

function renderStmts(stmts: FStmt[], indent: string, inStep: boolean): string[] {
  return stmts.flatMap((s) => renderStmt(s, indent, inStep));
}

function renderStmt(s: FStmt, indent: string, inStep: boolean): string[] {
  switch (s.kind) {
    case 'const':
      return [`${indent}const ${s.name}: ${tsType(s.type)} = ${renderExpr(s.value)};`];
    case 'setLocal':
      return [`${indent}t.${s.name} = ${renderExpr(s.value)};`];
    case 'setGlobal':
      return [`${indent}k.${s.name} = ${renderExpr(s.value)};`];
    case 'if': {
      const out = [`${indent}if (${renderExpr(s.test)}) {`, ...renderStmts(s.then, `${indent}  `, inStep)];
      if (s.else !== null) out.push(`${indent}} else {`, ...renderStmts(s.else, `${indent}  `, inStep));
      out.push(`${indent}}`);
      return out;
    }
    case 'effect':
      return [`${indent}k.${s.effect}(${s.args.map(renderExpr).join(', ')});`];
    case 'wait':
      return [`${indent}k.${s.exclusive ? 'prepareToWaitExclusive' : 'prepareToWait'}(${renderExpr(s.key)});`, `${indent}return ${s.schedule ? `k.schedule(${labelText(s.sleep)})` : labelText(s.sleep)};`];
    case 'return':
      if (!inStep) return [`${indent}return${s.value === null ? '' : ` ${renderExpr(s.value)}`};`];
      if (s.label === null) return [`${indent}return;`];
      return [`${indent}return ${s.label === 'DONE' ? 'DONE' : labelText(s.label)};`];
    case 'op':
      return [`${indent}k.${s.op}(${s.args.map(renderExpr).join(', ')});`];
    case 'macro': {
      const call = `${s.fn}(${['k', ...s.args.map(renderExpr)].join(', ')})`;
      if (s.target === null) return [`${indent}${call};`];
      switch (s.target.kind) {
        case 'const':
          return [`${indent}const ${s.target.name}: ${tsType(s.target.type)} = ${call};`];
        case 'local':
          return [`${indent}t.${s.target.name} = ${call};`];
        case 'global':
          return [`${indent}k.${s.target.name} = ${call};`];
      }
    }
  }
}

function renderHelper(h: FHelper): string[] {
  const params = [...(h.kernel ? ['k: K'] : []), ...h.params.map((p) => `${p.name}: ${tsType(p.type)}`)];
  const kind = h.pure ? 'computes a value (a TLA+ operator)' : 'touches the shared state (inlined as a macro)';
  return [
    `/** A helper that ${kind}. */`,
    `function ${h.name}(${params.join(', ')}): ${h.result === null ? 'void' : tsType(h.result)} {`,
    ...renderStmts(h.body, '  ', false),
    '}',
    '',
  ];
}

function initText(v: { type: FType; init: FExpr }): string {
  const text = renderExpr(v.init);
  if (v.type === 'slot' || v.type === 'thread' || v.type === 'xas') return `${text} as ${tsType(v.type)}`;
  return text;
}

function renderThread(th: FThread): string[] {
  const out = [`const ${th.name} = thread({`];
  out.push(`  params: { ${th.params.map((p) => `${p.name}: ${p.default}`).join(', ')} },`);
  out.push(`  locals: { ${th.locals.map((l) => `${l.name}: ${initText(l)}`).join(', ')} },`);
  out.push('  steps: {');
  for (const step of th.steps) {
    out.push(`    ${isIdentifier(step.label) ? step.label : labelText(step.label)}(k: K, t) {`);
    out.push(...renderStmts(step.body, '      ', true));
    out.push('    },');
  }
  out.push('  },', '});', '');
  return out;
}

function renderModel(m: FModel): string {
  const parts = [`name: '${m.name}'`, `variant: '${m.variant}'`, `indices: ${m.indices}`, `PMD_ORDER: ${m.pmdOrder}`, `buckets: ${m.buckets}`];
  parts.push(`threads: [${m.instances.map((i) => `${i.thread}({ ${i.params.map(([n, v]) => `${n}: ${v}`).join(', ')} })`).join(', ')}]`);
  if (m.deadlock !== null) parts.push(`deadlock: ${m.deadlock}`);
  if (m.termination !== null) parts.push(`termination: ${m.termination}`);
  if (m.expect !== null) parts.push(m.expect === 'holds' ? "expect: 'holds'" : `expect: { violates: '${m.expect}' }`);
  if (m.initial !== null) {
    const entry = (e: FInitialEntry): string =>
      `{ index: ${e.index}, order: ${e.order}, locked: ${e.locked}${e.flags.map((f) => `, ${f}: true`).join('')}, pfn: ${e.pfn}${e.marks.length > 0 ? `, marks: [${e.marks.map((k) => `'${k}'`).join(', ')}]` : ''} }`;
    parts.push(`initial: { xa: [${m.initial.xa.map(entry).join(', ')}], globals: { ${m.initial.globals.map(([n, v]) => `${n}: ${v}`).join(', ')} } }`);
  }
  return `    { ${parts.join(', ')} },`;
}

/** The spec as a TypeScript file; `dslImport` is the path of src/dsl/index.js relative to the file. */
export function renderSpec(spec: FSpec, dslImport: string): string {
  const globalsType = spec.globals.map((g) => `${g.name}: ${tsType(g.type)}`).join('; ');
  const out = [
    `/** Generated by the daxspec fuzzer (seed ${spec.seed}). */`,
    `import { defineSpec, thread, DONE, WAKE_NEXT, WAKE_ALL, DIRTY, TOWRITE, type Entry, type Kernel, type Mark, type Slot, type ThreadId, type WakeMode, type XaState } from '${dslImport}';`,
    '',
    `type K = Kernel<${spec.variants.map((v) => `'${v}'`).join(' | ')}, { ${globalsType} }>;`,
    '',
  ];
  for (const h of spec.helpers) out.push(...renderHelper(h));
  for (const th of spec.threads) out.push(...renderThread(th));
  out.push('export default defineSpec({');
  out.push(`  name: '${spec.name}',`);
  out.push(`  variants: [${spec.variants.map((v) => `'${v}'`).join(', ')}],`);
  if (spec.globals.length > 0) out.push(`  globals: { ${spec.globals.map((g) => `${g.name}: ${initText(g)}`).join(', ')} },`);
  out.push(`  threads: { ${spec.threads.map((t) => t.name).join(', ')} },`);
  for (const [block, final] of [['invariants', false], ['finally', true]] as const) {
    const list = spec.invariants.filter((inv) => inv.final === final);
    if (list.length === 0) continue;
    out.push(`  ${block}: {`);
    for (const inv of list) out.push(`    ${inv.name}: (k: K) => ${renderExpr(inv.body)},`);
    out.push('  },');
  }
  out.push('  models: [', ...spec.models.map(renderModel), '  ],', '});', '');
  return out.join('\n');
}
