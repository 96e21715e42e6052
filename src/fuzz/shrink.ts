/**
 * Shrinks a spec that makes the interpreter and TLC disagree: greedily drops
 * models, thread instances, threads, helpers, variables, steps and
 * statements, and replaces expressions by simpler ones of the same type,
 * keeping each change after which the same kind of disagreement persists.
 * A change that makes the spec illegal (the parser rejects it) is simply not
 * kept.
 */
import type { FExpr, FSpec, FStmt, FType } from './ast.js';
import { children } from './generate.js';

type Path = (string | number)[];

function clone<T>(v: T): T {
  return structuredClone(v);
}

function at(root: unknown, path: Path): any {
  let v: any = root;
  for (const k of path) v = v[k];
  return v;
}

/** The simplest expression of a type, where one is always legal. */
function simplest(type: FType, inStep: boolean): FExpr[] {
  switch (type) {
    case 'int':
    case 'small':
    case 'index':
    case 'order':
      return [{ kind: 'int', value: 0, type }];
    case 'bool':
      return [{ kind: 'bool', value: true, type }, { kind: 'bool', value: false, type }];
    case 'slot':
      return [{ kind: 'widen', arg: { kind: 'null', type }, type }];
    case 'entry':
      return [{ kind: 'makeEntry', fields: [['order', { kind: 'int', value: 0, type: 'order' }]], type }];
    case 'thread':
      return inStep ? [{ kind: 'self', type }, { kind: 'int', value: 1, type }] : [{ kind: 'int', value: 1, type }];
    case 'mode':
      return [{ kind: 'mode', mode: 'WAKE_NEXT', type }, { kind: 'mode', mode: 'WAKE_ALL', type }];
    case 'mark':
      return [{ kind: 'mark', mark: 'DIRTY', type }];
    case 'xas':
      // Only ever the thread's own xa_state local: nothing simpler.
      return [];
  }
}

interface Sites {
  lists: Path[];
  exprs: { path: Path; inStep: boolean }[];
}

const EXPR_FIELDS = ['arg', 'left', 'right', 'test', 'then', 'else', 'entry', 'index', 'order', 'who'] as const;

function walkExpr(e: FExpr, path: Path, inStep: boolean, sites: Sites): void {
  sites.exprs.push({ path, inStep });
  const rec = e as unknown as Record<string, unknown>;
  for (const f of EXPR_FIELDS) {
    const child = rec[f];
    if (child !== undefined && child !== null && typeof child === 'object' && 'kind' in child) walkExpr(child as FExpr, [...path, f], inStep, sites);
  }
  if (e.kind === 'makeEntry' || e.kind === 'withFields') e.fields.forEach(([, v], i) => walkExpr(v, [...path, 'fields', i, 1], inStep, sites));
  if (e.kind === 'call' || e.kind === 'op') e.args.forEach((a, i) => walkExpr(a, [...path, 'args', i], inStep, sites));
}

function walkStmts(list: FStmt[], path: Path, inStep: boolean, sites: Sites): void {
  sites.lists.push(path);
  list.forEach((s, i) => {
    const p = [...path, i];
    switch (s.kind) {
      case 'const':
      case 'setLocal':
      case 'setGlobal':
        walkExpr(s.value, [...p, 'value'], inStep, sites);
        break;
      case 'if':
        walkExpr(s.test, [...p, 'test'], inStep, sites);
        walkStmts(s.then, [...p, 'then'], inStep, sites);
        if (s.else !== null) walkStmts(s.else, [...p, 'else'], inStep, sites);
        break;
      case 'effect':
      case 'macro':
      case 'op':
        s.args.forEach((a, j) => walkExpr(a, [...p, 'args', j], inStep, sites));
        break;
      case 'wait':
        walkExpr(s.key, [...p, 'key'], inStep, sites);
        break;
      case 'return':
        if (s.value !== null) walkExpr(s.value, [...p, 'value'], inStep, sites);
        break;
    }
  });
}

function sitesOf(spec: FSpec): Sites {
  const sites: Sites = { lists: [], exprs: [] };
  spec.helpers.forEach((h, i) => walkStmts(h.body, ['helpers', i, 'body'], false, sites));
  spec.threads.forEach((t, i) => t.steps.forEach((s, j) => walkStmts(s.body, ['threads', i, 'steps', j, 'body'], true, sites)));
  spec.invariants.forEach((v, i) => walkExpr(v.body, ['invariants', i, 'body'], false, sites));
  return sites;
}

/** Smaller variants of `spec`, biggest cuts first. */
export function* reductions(spec: FSpec): Generator<FSpec> {
  const edit = (f: (s: FSpec) => boolean | void): FSpec | null => {
    const s = clone(spec);
    return f(s) === false ? null : s;
  };
  const out = function* (...cands: (FSpec | null)[]): Generator<FSpec> {
    for (const c of cands) if (c !== null) yield c;
  };
  for (let i = 0; i < spec.models.length && spec.models.length > 1; i++) yield* out(edit((s) => void s.models.splice(i, 1)));
  for (let m = 0; m < spec.models.length; m++) {
    for (let i = 0; i < spec.models[m]!.instances.length && spec.models[m]!.instances.length > 1; i++) yield* out(edit((s) => void s.models[m]!.instances.splice(i, 1)));
  }
  for (let i = 0; i < spec.threads.length && spec.threads.length > 1; i++) {
    yield* out(edit((s) => {
      const [gone] = s.threads.splice(i, 1);
      for (const m of s.models) m.instances = m.instances.filter((x) => x.thread !== gone!.name);
      return s.models.every((m) => m.instances.length > 0);
    }));
  }
  for (let i = 0; i < spec.invariants.length; i++) yield* out(edit((s) => void s.invariants.splice(i, 1)));
  for (let i = spec.helpers.length - 1; i >= 0; i--) yield* out(edit((s) => void s.helpers.splice(i, 1)));
  for (let ti = 0; ti < spec.threads.length; ti++) {
    const t = spec.threads[ti]!;
    for (let j = 0; j < t.steps.length && t.steps.length > 1; j++) yield* out(edit((s) => void s.threads[ti]!.steps.splice(j, 1)));
  }
  const sites = sitesOf(spec);
  for (const list of sites.lists) {
    const stmts = at(spec, list) as FStmt[];
    for (let i = stmts.length - 1; i >= 0; i--) {
      const s = stmts[i]!;
      yield* out(edit((c) => void (at(c, list) as FStmt[]).splice(i, 1)));
      if (s.kind === 'if') {
        yield* out(edit((c) => void (at(c, list) as FStmt[]).splice(i, 1, ...clone(s.then))));
        if (s.else !== null) {
          yield* out(edit((c) => void (at(c, list) as FStmt[]).splice(i, 1, ...clone(s.else!))));
          yield* out(edit((c) => void ((at(c, list) as FStmt[])[i] = { ...clone(s), else: null })));
        }
      }
      if (s.kind === 'wait') yield* out(edit((c) => void ((at(c, list) as FStmt[])[i] = { kind: 'return', label: s.sleep, value: null })));
    }
  }
  for (let ti = 0; ti < spec.threads.length; ti++) {
    for (let i = spec.threads[ti]!.locals.length - 1; i >= 0; i--) yield* out(edit((s) => void s.threads[ti]!.locals.splice(i, 1)));
  }
  for (let i = spec.globals.length - 1; i >= 0; i--) yield* out(edit((s) => void s.globals.splice(i, 1)));
  for (const { path, inStep } of sites.exprs) {
    const e = at(spec, path) as FExpr;
    const replacements = [...simplest(e.type, inStep), ...children(e).filter((c) => c.type === e.type)];
    for (const r of replacements) {
      if (JSON.stringify(r) === JSON.stringify(e)) continue;
      yield* out(edit((c) => {
        const parent = at(c, path.slice(0, -1));
        parent[path[path.length - 1]!] = clone(r);
      }));
    }
  }
  for (let m = 0; m < spec.models.length; m++) {
    const model = spec.models[m]!;
    if (model.buckets !== 1) yield* out(edit((s) => void (s.models[m]!.buckets = 1)));
    if (model.deadlock !== null) yield* out(edit((s) => void (s.models[m]!.deadlock = null)));
    if (model.termination !== null) yield* out(edit((s) => void (s.models[m]!.termination = null)));
    if (model.expect !== null) yield* out(edit((s) => void (s.models[m]!.expect = null)));
  }
}

export interface ShrinkResult {
  spec: FSpec;
  tries: number;
  kept: number;
}

/**
 * Greedy shrinking: try the reductions of the current spec in order, keep the
 * first that is still `interesting`, start over from it; stop when none is,
 * or after `budget` tries.
 */
export async function shrink(spec: FSpec, interesting: (candidate: FSpec) => Promise<boolean>, budget: number): Promise<ShrinkResult> {
  let current = spec;
  let tries = 0;
  let kept = 0;
  const seen = new Set<string>([JSON.stringify(spec)]);
  for (let progress = true; progress && tries < budget;) {
    progress = false;
    for (const candidate of reductions(current)) {
      const key = JSON.stringify(candidate);
      if (seen.has(key)) continue;
      seen.add(key);
      if (tries >= budget) break;
      tries++;
      if (await interesting(candidate)) {
        current = candidate;
        kept++;
        progress = true;
        break;
      }
    }
  }
  return { spec: current, tries, kept };
}
