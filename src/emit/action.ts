/**
 * One labelled step as a TLA+ action, by symbolic execution of its IR
 * statements: assignments update a view of the state, `if` splits into
 * IF/THEN/ELSE (the statements after it go down both branches), `const`
 * becomes LET, `await` a conjunct, and each `goto` ends a path with the
 * primed variables it changed and UNCHANGED for the rest.
 */
import type { Stmt, StepDef, ThreadDef } from '../model/ir.js';
import { conj, layoutDoc, text, type Doc } from './doc.js';
import { ExprRenderer, initialView, type StateView } from './expr.js';
import { actionName, type TlaNames } from './names.js';

interface ActionContext {
  variables: string[];
  localNames: string[];
  globalNames: string[];
  usesBugOn: boolean;
}

interface PathState {
  view: StateView;
  bug: string;
  guards: Doc[];
}

export function renderAction(thread: ThreadDef, step: StepDef, names: TlaNames, ctx: ActionContext): string[] {
  const renderer = new ExprRenderer(names, new Map());
  const start: PathState = { view: initialView(ctx.globalNames, ctx.localNames), bug: 'bug', guards: [] };
  const body = conj([text(`pc[self] = ${JSON.stringify(step.label)}`), execute(step.body, start, renderer, ctx)]);
  const header = `${actionName(thread.name, step.label)}(self) ==`;
  return [header, ...layoutDoc(body).map((l) => `    ${l}`)];
}

function execute(stmts: Stmt[], path: PathState, r: ExprRenderer, ctx: ActionContext): Doc {
  const view = path.view;
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i]!;
    const rest = stmts.slice(i + 1);
    switch (s.kind) {
      case 'let': {
        const value = r.render(s.value, view);
        const { renderer, tlaName } = r.withTemp(s.name);
        const body = execute(rest, { ...path, view: { ...view }, guards: [] }, renderer, ctx);
        return conj([...path.guards, withDefinition(tlaName, value, body)]);
      }
      case 'if': {
        const test = r.render(s.test, view);
        const branch = (b: Stmt[]): Doc => execute([...b, ...rest], { ...path, view: cloneView(view), guards: [] }, r, ctx);
        return conj([...path.guards, { kind: 'if', test, then: branch(s.then), else: branch(s.else) }]);
      }
      case 'await':
        path = { ...path, guards: [...path.guards, text(r.render(s.cond, view))] };
        break;
      case 'setLocal':
        view.locals[s.name] = r.render(s.value, view);
        break;
      case 'setGlobal':
        view.globals[s.name] = r.render(s.value, view);
        break;
      case 'store':
        view.xa = `StoreEntry(${view.xa}, ${r.render(s.index, view)}, ${r.render(s.entry, view)})`;
        break;
      case 'erase':
        view.xa = `EraseEntry(${view.xa}, ${r.render(s.index, view)})`;
        break;
      case 'prepareToWait':
        view.waitq = `PrepareToWait(${view.waitq}, self, ${r.render(s.key, view)}, ${s.wait === 'exclusive' ? 'TRUE' : 'FALSE'})`;
        break;
      case 'wakeUp':
        view.waitq = `${s.keyFilter ? 'WakeUp' : 'WakeUpAnyKey'}(${view.waitq}, ${r.render(s.key, view)}, ${r.render(s.nr, view)})`;
        break;
      case 'bugOn':
        path = { ...path, bug: `IF ${r.render(s.cond, view)} THEN ${JSON.stringify(s.site)} ELSE ${path.bug}` };
        break;
      case 'goto':
        return conj([...path.guards, ...assignments(s.label, path, ctx)]);
      default: {
        const never: never = s;
        throw new Error(`unknown statement ${JSON.stringify(never)}`);
      }
    }
  }
  throw new Error('internal: a step path without goto (the parser guarantees one)');
}

function cloneView(v: StateView): StateView {
  return { xa: v.xa, waitq: v.waitq, globals: { ...v.globals }, locals: { ...v.locals } };
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
    if (v !== `${name}[self]`) {
      out.push(text(`${name}' = [${name} EXCEPT ![self] = ${v}]`));
      changed.add(name);
    }
  }
  for (const name of ctx.globalNames) {
    const v = path.view.globals[name]!;
    if (v !== name) {
      out.push(text(`${name}' = ${v}`));
      changed.add(name);
    }
  }
  if (path.view.xa !== 'xa') {
    out.push(text(`xa' = ${path.view.xa}`));
    changed.add('xa');
  }
  if (path.view.waitq !== 'waitq') {
    out.push(text(`waitq' = ${path.view.waitq}`));
    changed.add('waitq');
  }
  if (ctx.usesBugOn && path.bug !== 'bug') {
    out.push(text(`bug' = ${path.bug}`));
    changed.add('bug');
  }
  const unchanged = ctx.variables.filter((v) => !changed.has(v));
  if (unchanged.length === 1) out.push(text(`UNCHANGED ${unchanged[0]}`));
  else if (unchanged.length > 1) out.push(text(`UNCHANGED <<${unchanged.join(', ')}>>`));
  return out;
}
