/**
 * One labelled step as a TLA+ action, by symbolic execution of its IR
 * statements: assignments update a view of the state, `if` splits into
 * IF/THEN/ELSE (the statements after it go down both branches; when both
 * branches only change the XArray or the wait table, it becomes one IF per
 * variable instead), `const` becomes LET, `await` a conjunct, and each
 * `goto` ends a path with the primed variables it changed and UNCHANGED for
 * the rest.
 */
import type { Expr, Stmt, StepDef, ThreadDef } from '../model/ir.js';
import { conj, layoutDoc, text, type Doc } from './doc.js';
import { atom, equation, ExprRenderer, ifThenElse, initialView, place, type StateView, type Tla } from './expr.js';
import { operationOf } from '../model/operations.js';
import { actionName, type TlaNames } from './names.js';
import { canFail, evaluatesFirst, mayBeSkipped, statementLazyFailures, valuesOf } from './evaluation-order.js';

interface ActionContext {
  variables: string[];
  localNames: string[];
  globalNames: string[];
  usesBugOn: boolean;
  /** Does the state have marks (so that a store also writes them)? */
  usesMarks: boolean;
}

interface PathState {
  view: StateView;
  bug: Tla;
  guards: Doc[];
}

export function renderAction(thread: ThreadDef, step: StepDef, names: TlaNames, ctx: ActionContext): string[] {
  const renderer = new ExprRenderer(names, new Map());
  const start: PathState = { view: initialView(ctx.globalNames, ctx.localNames), bug: atom('bug'), guards: [] };
  const body = conj([text(`pc[self] = ${JSON.stringify(step.label)}`), execute(step.body, start, renderer, ctx)]);
  const header = `${actionName(thread.name, step.label)}(self) ==`;
  return [header, ...layoutDoc(body).map((l) => `    ${l}`)];
}

function execute(stmts: Stmt[], path: PathState, r: ExprRenderer, ctx: ActionContext): Doc {
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i]!;
    const rest = stmts.slice(i + 1);
    switch (s.kind) {
      case 'let': {
        path = forceValues(s, rest, path, r);
        const value = r.text(s.value, path.view, 'top');
        const { renderer, tlaName } = r.withTemp(s.name);
        const body = execute(rest, { ...path, view: cloneView(path.view), guards: [] }, renderer, ctx);
        // TLA+ evaluates a LET only where it is used, the interpreter at once (see evaluation-order.ts).
        const forced = canFail(s.value) && !evaluatesFirst(body, tlaName) ? conj([text(`${tlaName} = ${tlaName}`), body]) : body;
        return conj([...path.guards, withDefinition(tlaName, value, forced)]);
      }
      case 'if': {
        path = forceValues(s, rest, path, r);
        const test = r.render(s.test, path.view);
        if (effectsOnly(s.then) && effectsOnly(s.else)) {
          // Both branches only change the XArray, the wait table or `bug`: one
          // IF per changed variable, and what follows is written once.
          path = mergeBranches(test, applyEffects(s.then, path, r, ctx), applyEffects(s.else, path, r, ctx));
          break;
        }
        const branch = (b: Stmt[]): Doc => execute([...b, ...rest], { ...path, view: cloneView(path.view), guards: [] }, r, ctx);
        return conj([...path.guards, { kind: 'if', test: test.text, then: branch(s.then), else: branch(s.else) }]);
      }
      case 'await':
        path = forceValues(s, rest, path, r);
        path = { ...path, guards: [...path.guards, text(r.text(s.cond, path.view, 'top'))] };
        break;
      case 'goto':
        return conj([...path.guards, ...assignments(s.label, path, ctx)]);
      default:
        path = applyEffect(s, forceValues(s, rest, path, r), r, ctx);
    }
  }
  throw new Error('internal: a step path without goto (the parser guarantees one)');
}

/** The state after one assignment or effect. */
function applyEffect(s: Stmt, path: PathState, r: ExprRenderer, ctx: ActionContext): PathState {
  const view = cloneView(path.view);
  const e = (x: Expr): Tla => r.render(x, path.view);
  switch (s.kind) {
    case 'setLocal':
      view.locals[s.name] = e(s.value);
      break;
    case 'setGlobal':
      view.globals[s.name] = e(s.value);
      break;
    case 'vocab': {
      const op = operationOf(s.op);
      if (op.form !== 'stmt') throw new Error(`internal: ${s.op} is not a statement`);
      // Every new value is computed from the state before the statement.
      const site = { args: s.args.map((a) => r.text(a, path.view, 'arg')), xa: place(path.view.xa, 'tight'), waitq: place(path.view.waitq, 'tight'), marks: place(path.view.marks, 'tight') };
      view[op.writes] = atom(op.tla(site));
      if (ctx.usesMarks && op.marksAfter !== undefined) view.marks = atom(op.marksAfter(site));
      break;
    }
    case 'bugOn':
      return { ...path, view, bug: ifThenElse(e(s.cond), atom(JSON.stringify(s.site)), path.bug) };
    default:
      throw new Error(`internal: ${s.kind} is not an effect`);
  }
  return { ...path, view };
}

/** Statements that only change the XArray, its marks, the wait table or `bug` (no goto, await, LET or variable). */
function effectsOnly(stmts: Stmt[]): boolean {
  // An effect with a value TLC would evaluate lazily is forced on its own path instead (see forceValues).
  return stmts.every((s) => ((s.kind === 'vocab' || s.kind === 'bugOn') && statementLazyFailures(s).length === 0)
    || (s.kind === 'if' && effectsOnly(s.then) && effectsOnly(s.else)));
}

/** The path after `stmts`, all of them effects (see effectsOnly). */
function applyEffects(stmts: Stmt[], path: PathState, r: ExprRenderer, ctx: ActionContext): PathState {
  let out = path;
  for (const s of stmts) {
    out = s.kind === 'if'
      ? mergeBranches(r.render(s.test, out.view), applyEffects(s.then, out, r, ctx), applyEffects(s.else, out, r, ctx))
      : applyEffect(s, out, r, ctx);
  }
  return out;
}

/** `IF test THEN a ELSE b` for each variable the two paths left different. */
function mergeBranches(test: Tla, a: PathState, b: PathState): PathState {
  const pick = (x: Tla, y: Tla): Tla => (x.text === y.text ? x : ifThenElse(test, x, y));
  return { ...a, view: { ...cloneView(a.view), xa: pick(a.view.xa, b.view.xa), waitq: pick(a.view.waitq, b.view.waitq), marks: pick(a.view.marks, b.view.marks) }, bug: pick(a.bug, b.bug) };
}

function cloneView(v: StateView): StateView {
  return { xa: v.xa, waitq: v.waitq, marks: v.marks, globals: { ...v.globals }, locals: { ...v.locals } };
}

/**
 * The path with a guard `v = v` for each value of `s` that can fail and that
 * TLC might skip or reach only after a later guard (see evaluation-order.ts):
 * TLC then fails where the interpreter does.
 */
function forceValues(s: Stmt, rest: Stmt[], path: PathState, r: ExprRenderer): PathState {
  const failing = [...(mayBeSkipped(s, rest) ? valuesOf(s).filter(canFail) : []), ...statementLazyFailures(s)];
  if (failing.length === 0) return path;
  const forced = failing.map((v) => {
    // `NonNull(x) # Null` reads as what it checks; any other value: `v = v`, true wherever v has a value.
    if (v.kind === 'nonNull') return text(`${r.text(v, path.view, 'tight')} # Null`);
    const t = r.text(v, path.view, 'top');
    return text(`(${t}) = (${t})`);
  });
  return { ...path, guards: [...path.guards, ...forced] };
}

/** LET name == value IN body, folding a LET directly inside into one list of definitions. */
function withDefinition(name: string, value: string, body: Doc): Doc {
  const inner = body.kind === 'conj' && body.items.length === 1 ? body.items[0]! : body;
  if (inner.kind === 'let') return { kind: 'let', defs: [[name, value], ...inner.defs], body: inner.body };
  return { kind: 'let', defs: [[name, value]], body };
}

function assignments(label: string, path: PathState, ctx: ActionContext): Doc[] {
  const out: Doc[] = [text(`pc' = [pc EXCEPT ![self] = ${JSON.stringify(label)}]`)];
  const changed = new Set(['pc']);
  for (const name of ctx.localNames) {
    const v = path.view.locals[name]!;
    if (v.text !== `${name}[self]`) {
      out.push(text(`${name}' = [${name} EXCEPT ${equation('![self]', v)}]`));
      changed.add(name);
    }
  }
  for (const name of ctx.globalNames) {
    const v = path.view.globals[name]!;
    if (v.text !== name) {
      out.push(text(equation(`${name}'`, v)));
      changed.add(name);
    }
  }
  if (path.view.xa.text !== 'xa') {
    out.push(text(equation("xa'", path.view.xa)));
    changed.add('xa');
  }
  if (path.view.marks.text !== 'marks') {
    out.push(text(equation("marks'", path.view.marks)));
    changed.add('marks');
  }
  if (path.view.waitq.text !== 'waitq') {
    out.push(text(equation("waitq'", path.view.waitq)));
    changed.add('waitq');
  }
  if (ctx.usesBugOn && path.bug.text !== 'bug') {
    // An IF may stand bare as the last thing of a conjunct: nothing follows it.
    out.push(text(`bug' = ${path.bug.text}`));
    changed.add('bug');
  }
  const unchanged = ctx.variables.filter((v) => !changed.has(v));
  if (unchanged.length === 1) out.push(text(`UNCHANGED ${unchanged[0]}`));
  else if (unchanged.length > 1) out.push(text(`UNCHANGED <<${unchanged.join(', ')}>>`));
  return out;
}
