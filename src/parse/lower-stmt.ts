/**
 * Lowers the statements of a step to IR: helper macros are inlined, and early
 * `return`s are folded into if/else so that every path through a step ends in
 * exactly one `goto` (the same normal form PlusCal's translator produces).
 */
import type { Expression, Statement } from 'ts-morph';
import { Node, SyntaxKind } from './ts-morph.js';
import { SpecError } from '../model/errors.js';
import { DONE_LABEL, type Expr, type Stmt } from '../model/ir.js';
import { args, isKernel, isThreadView, kernelMethod, loc, lowerExpr, unsupported } from './lower-expr.js';
import { operation, OPERATIONS } from '../model/operations.js';
import { bindAlias, bindTemp, isImmutable, type HelperInfo, type Scope } from './scope.js';

/** What the lowered code continues with when a statement list runs off its end. */
type Continuation = (scope: Scope) => Stmt[];

/** Where a macro's `return value` goes. */
type ResultTarget =
  | { kind: 'none' }
  | { kind: 'let'; source: string }
  | { kind: 'local'; name: string }
  | { kind: 'global'; name: string };

/** A `return` inside the code being lowered: in a step it names a label, in a macro it yields a value. */
type ReturnHandler = (scope: Scope, node: Node, value: Expression | undefined) => Stmt[];

interface Frame {
  onReturn: ReturnHandler;
  /** Macros being inlined, to reject recursion. */
  inlining: readonly string[];
}

/** Lowers a step body; `next` is the label that follows it in program order. */
export function lowerStepBody(scope: Scope, block: import('ts-morph').Block, next: string): Stmt[] {
  const body = block.getStatements();
  const labels = scope.thread?.labels ?? [];
  const onReturn: ReturnHandler = (s, node, value) => {
    const at = loc(s, node);
    if (value === undefined) return [{ kind: 'goto', label: next, loc: at }];
    const woken = scheduleTarget(value, s.kName);
    if (woken !== null) return [{ kind: 'goto', label: s.thread!.sleepSteps.get(woken)!, loc: at }];
    const label = labelOf(s, value);
    if (label !== DONE_LABEL && !labels.includes(label)) {
      throw new SpecError('DSX003', `no step is labelled '${label}' in thread ${scope.thread?.name}`, loc(s, value), `the labels are: ${[...labels, 'DONE'].join(', ')}`);
    }
    return [{ kind: 'goto', label, loc: at }];
  };
  // Falling off the end of the step (or an empty step) goes on with the next label.
  const end: Continuation = () => [{ kind: 'goto', label: next, loc: loc(scope, body[body.length - 1] ?? block) }];
  return lowerList(scope, body, 0, end, { onReturn, inlining: [] });
}

/**
 * `k.schedule('label')` (with `k` the step's kernel parameter): the label a
 * thread goes on at once woken, or null for any other expression.
 */
export function scheduleTarget(value: Node, kName: string | null): string | null {
  if (!Node.isCallExpression(value)) return null;
  const callee = value.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'schedule' || callee.getExpression().getText() !== kName) return null;
  const [arg] = value.getArguments();
  return arg !== undefined && (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg)) ? arg.getLiteralText() : null;
}

function labelOf(scope: Scope, value: Expression): string {
  if (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) return value.getLiteralText();
  if (Node.isIdentifier(value) && value.getText() === 'DONE') return DONE_LABEL;
  throw unsupported(scope, value, 'returning a computed value from a step', "return the next step's label as a string literal ('schedule') or DONE");
}

function containsReturn(node: Node): boolean {
  if (Node.isReturnStatement(node)) return true;
  return node.getDescendants().some((d) => Node.isReturnStatement(d));
}

function statementsOf(node: Statement | undefined): Statement[] {
  if (node === undefined) return [];
  if (Node.isBlock(node)) return node.getStatements();
  return [node];
}

function lowerList(scope: Scope, stmts: Statement[], i: number, end: Continuation, frame: Frame): Stmt[] {
  if (i >= stmts.length) return end(scope);
  const stmt = stmts[i]!;
  const rest: Continuation = (s) => lowerList(s, stmts, i + 1, end, frame);
  const at = loc(scope, stmt);

  if (Node.isReturnStatement(stmt)) {
    const after = stmts[i + 1];
    if (after !== undefined) throw unsupported(scope, after, 'code after a return', 'remove it, or move it before the return');
    return frame.onReturn(scope, stmt, stmt.getExpression());
  }
  if (Node.isBlock(stmt)) {
    return lowerList(scope, [...stmt.getStatements(), ...stmts.slice(i + 1)], 0, end, frame);
  }
  if (Node.isIfStatement(stmt)) {
    const test = lowerExpr(scope, stmt.getExpression());
    const thenStmts = statementsOf(stmt.getThenStatement());
    const elseStmts = statementsOf(stmt.getElseStatement());
    if (test.kind === 'bool') {
      // Known here (a macro called with true/false): keep only the branch taken.
      return lowerList(scope, test.value ? thenStmts : elseStmts, 0, rest, frame);
    }
    if (containsReturn(stmt)) {
      // A branch leaves early: what follows the if belongs to the paths that fall through.
      return [{
        kind: 'if',
        test,
        then: lowerList(scope, thenStmts, 0, rest, frame),
        else: lowerList(scope, elseStmts, 0, rest, frame),
        loc: at,
      }];
    }
    // The emitter writes what follows the if inside each branch's LETs, so
    // the names a branch bound stay taken after it (else a second inlining of
    // a macro redefines a LET name in its own scope, which TLA+ rejects).
    const taken = new Set(scope.taken);
    const fallThrough: Continuation = (s) => {
      for (const name of s.taken) taken.add(name);
      return [];
    };
    const then = lowerList(scope, thenStmts, 0, fallThrough, frame);
    const otherwise = lowerList(scope, elseStmts, 0, fallThrough, frame);
    return [{ kind: 'if', test, then, else: otherwise, loc: at }, ...rest({ ...scope, taken })];
  }
  if (Node.isVariableStatement(stmt)) {
    const decls = stmt.getDeclarations();
    if (stmt.getDeclarationKind() !== 'const' || decls.length !== 1) {
      throw unsupported(scope, stmt, 'let/var or several declarations in one statement', 'declare one value per statement with const; change thread state through t.local = value');
    }
    const decl = decls[0]!;
    const nameNode = decl.getNameNode();
    if (!Node.isIdentifier(nameNode)) throw unsupported(scope, nameNode, 'destructuring', 'declare one name: const entry = ...');
    const init = decl.getInitializer();
    if (init === undefined) throw unsupported(scope, decl, 'a const without a value', 'write const name = value;');
    const macro = macroCall(scope, init);
    if (macro !== null) return inlineMacro(scope, macro, init, { kind: 'let', source: nameNode.getText() }, rest, frame);
    const moving = movingCall(scope, init);
    if (moving !== null) {
      // The value is read from the xa_state before the move.
      const bound = bindTemp(scope, nameNode.getText());
      return [{ kind: 'let', name: bound.name, value: moving.value, loc: at }, moving.move, ...rest(bound.scope)];
    }
    const value = lowerExpr(scope, init);
    const bound = bindTemp(scope, nameNode.getText());
    return [{ kind: 'let', name: bound.name, value, loc: at }, ...rest(bound.scope)];
  }
  if (Node.isExpressionStatement(stmt)) {
    const expr = stmt.getExpression();
    if (Node.isBinaryExpression(expr) && expr.getOperatorToken().getText() === '=') {
      const target = assignTarget(scope, expr.getLeft());
      const right = expr.getRight();
      const macro = macroCall(scope, right);
      if (macro !== null) return inlineMacro(scope, macro, right, target, rest, frame);
      const moving = movingCall(scope, right);
      const value = moving?.value ?? lowerExpr(scope, right);
      if (moving !== null && target.kind === 'local' && moving.move.kind === 'setLocal' && moving.move.name === target.name) {
        throw unsupported(scope, expr, 'assigning the result to the xa_state it moves', 'keep the entry in another local: t.entry = k.xas_load(t.xas)');
      }
      const set: Stmt = target.kind === 'local'
        ? { kind: 'setLocal', name: target.name, value, loc: at }
        : { kind: 'setGlobal', name: target.name, value, loc: at, ...wordsOf(stmt) };
      return [set, ...(moving === null ? [] : [moving.move]), ...rest(scope)];
    }
    if (Node.isCallExpression(expr)) {
      const macro = macroCall(scope, expr);
      if (macro !== null) return inlineMacro(scope, macro, expr, { kind: 'none' }, rest, frame);
      return [...lowerEffect(scope, expr), ...rest(scope)];
    }
  }
  const update = compoundUpdate(stmt);
  if (update !== null) {
    throw unsupported(scope, stmt, `'${update.operator}'`, `assign the new value: ${update.target} = ${update.target} ${update.op} ${update.amount};`);
  }
  throw unsupported(scope, stmt, `this statement (${stmt.getKindName()})`, 'a step is made of const declarations, t.local = value, k.global = value, if/else, calls of k.* effects or helpers, and return');
}

const COMPOUND_OPERATORS: Record<string, string> = { '+=': '+', '-=': '-', '*=': '*', '%=': '%' };

/** `x++`, `x--`, `x += n` as a statement: what it updates and how, for the hint. */
function compoundUpdate(stmt: Statement): { operator: string; target: string; op: string; amount: string } | null {
  if (!Node.isExpressionStatement(stmt)) return null;
  const e = stmt.getExpression();
  if (Node.isPostfixUnaryExpression(e) || Node.isPrefixUnaryExpression(e)) {
    const op = e.getOperatorToken();
    const target = e.getOperand().getText();
    if (op === SyntaxKind.PlusPlusToken) return { operator: '++', target, op: '+', amount: '1' };
    if (op === SyntaxKind.MinusMinusToken) return { operator: '--', target, op: '-', amount: '1' };
    return null;
  }
  if (Node.isBinaryExpression(e)) {
    const operator = e.getOperatorToken().getText();
    const op = COMPOUND_OPERATORS[operator];
    if (op !== undefined) return { operator, target: e.getLeft().getText(), op, amount: e.getRight().getText() };
  }
  return null;
}

/**
 * Lowers a macro's body on its own, with its parameters as unknown values,
 * only to reject what is not legal DSL: a helper nothing calls is never
 * inlined, so it would otherwise pass unchecked.
 */
export function checkMacroBody(scope: Scope, helper: HelperInfo): void {
  const params = helper.decl.getParameters();
  let inner: Scope = { ...scope, pure: false, kName: helper.kernelParam >= 0 ? params[helper.kernelParam]!.getName() : null, where: `${helper.name}()` };
  params.forEach((p, i) => {
    if (i === helper.kernelParam) return;
    if (/\bXaState\b/.test(p.getType().getText(p))) {
      // An xa_state parameter stands for the caller's t.xas (see inlineMacro): check the body as if it were a thread local.
      const locals = new Map(inner.thread?.locals ?? []);
      locals.set(p.getName(), 'xas');
      const thread = { name: helper.name, params: new Set<string>(), labels: [], sleepSteps: new Map(), ...inner.thread, locals };
      inner = bindAlias({ ...inner, thread }, p.getName(), { kind: 'local', name: p.getName(), loc: loc(scope, p) });
      return;
    }
    inner = bindTemp(inner, p.getName()).scope;
  });
  const body = helper.decl.getBody();
  if (body === undefined || !Node.isBlock(body)) throw unsupported(scope, helper.decl, 'a helper without a body', 'give it a { ... } body');
  const onReturn: ReturnHandler = (s, _node, value) => {
    if (value !== undefined) lowerExpr(s, value);
    return [];
  };
  lowerList(inner, body.getStatements(), 0, () => [], { onReturn, inlining: [helper.name] });
}

function assignTarget(scope: Scope, left: Expression): { kind: 'local'; name: string } | { kind: 'global'; name: string } {
  if (Node.isPropertyAccessExpression(left)) {
    const obj = left.getExpression();
    const name = left.getName();
    if (isThreadView(scope, obj)) {
      if (scope.thread?.locals.has(name)) return { kind: 'local', name };
      if (scope.thread?.params.has(name) || name === 'self') {
        throw unsupported(scope, left, `assigning the parameter ${scope.tName}.${name}`, 'parameters are fixed per thread; declare a local for a value that changes');
      }
      throw new SpecError('DSX003', `unknown name '${scope.tName}.${name}'`, loc(scope, left), `declare it in the locals of thread ${scope.thread?.name}`);
    }
    if (isKernel(scope, obj)) {
      if (scope.spec.globals.has(name)) return { kind: 'global', name };
      throw new SpecError('DSX003', `unknown shared variable 'k.${name}'`, loc(scope, left), `declare it in defineSpec({ globals: { ${name}: ... } })`);
    }
  }
  throw unsupported(scope, left, 'assigning this', 'assign a thread local (t.name = value) or a shared variable (k.name = value); const values cannot change');
}

/**
 * For a call of a vocabulary operation that moves the xa_state in its first
 * argument (a thread local): its value (read before the move) and the
 * statement that moves the state. Null for any other expression.
 */
function movingCall(scope: Scope, node: Node): { value: Expr; move: Stmt } | null {
  const method = kernelMethod(scope, node);
  const op = method === null ? undefined : operation(method);
  if (op === undefined || op.moves === undefined || !Node.isCallExpression(node)) return null;
  const at = loc(scope, node);
  if (op.form !== 'expr') throw unsupported(scope, node, `using the value of k.${method}()`, `it gives no value: call it as a statement, k.${method}(...);`);
  const lowered = args(scope, node, op.params.length).map((a) => lowerExpr(scope, a));
  return { value: { kind: 'vocab', op: op.name, args: lowered, loc: at }, move: moveOf(scope, node, op.name, lowered) };
}

/** `t.xas`: a thread local holding an xa_state. */
function isXaStateLocal(scope: Scope, e: Expr): e is Expr & { kind: 'local'; name: string } {
  return e.kind === 'local' && scope.thread?.locals.get(e.name) === 'xas';
}

/** `t.xas = <the state after op>`: the first argument must be a thread local holding an xa_state. */

function moveOf(scope: Scope, node: Node, op: string, lowered: Expr[]): Stmt {
  const target = lowered[0];
  const at = loc(scope, node);
  if (target === undefined || !isXaStateLocal(scope, target)) {
    throw unsupported(scope, node, `k.${op}() on something other than a thread's xa_state`, 'keep the xa_state in a thread local (locals: { xas: null as XaState | null }) and pass t.xas (to a helper too: it gets the thread\'s own, as the kernel passes struct xa_state *)');
  }
  return { kind: 'setLocal', name: target.name, value: { kind: 'vocab', op, args: lowered, next: true, loc: at }, loc: at };
}

function lowerEffect(scope: Scope, call: import('ts-morph').CallExpression): Stmt[] {
  const at = loc(scope, call);
  const method = kernelMethod(scope, call);
  const a = call.getArguments() as Expression[];
  const arity = (n: number): Expression[] => {
    if (a.length !== n) throw new SpecError('DSX002', `k.${method}() takes ${n} argument(s), got ${a.length}`, at, null);
    return a;
  };
  const op = method === null ? undefined : operation(method);
  if (op !== undefined) {
    const lowered = arity(op.params.length).map((x) => lowerExpr(scope, x));
    if (op.moves !== undefined) {
      // The effect (if any) first, then the move, as the kernel's xas_store() leaves the state on the stored slot.
      const effect: Stmt[] = op.form === 'stmt' ? [{ kind: 'vocab', op: op.name, args: lowered, loc: at }] : [];
      return [...effect, moveOf(scope, call, op.name, lowered)];
    }
    if (op.form !== 'stmt') throw unsupported(scope, call, `k.${method}() as a statement`, `its value is unused: write const x = k.${method}(...)`);
    return [{ kind: 'vocab', op: op.name, args: lowered, loc: at }];
  }
  switch (method) {
    case 'await':
      return [{ kind: 'await', cond: lowerExpr(scope, arity(1)[0]!), loc: at }];
    case 'BUG_ON': {
      const cond = lowerExpr(scope, arity(1)[0]!);
      let site = scope.where;
      for (let n = 2; scope.spec.bugSites.has(site); n++) site = `${scope.where}#${n}`;
      scope.spec.bugSites.add(site);
      return [{ kind: 'bugOn', cond, site, loc: at }];
    }
    case null:
      throw unsupported(scope, call, 'this call as a statement', 'call a kernel effect (k.store, k.erase, k.prepareToWait, k.prepareToWaitExclusive, k.wakeUp, k.await, k.BUG_ON) or a helper of the spec');
    default:
      if (!KERNEL_VALUE_METHODS.includes(method)) {
        throw new SpecError('DSX003', `the kernel has no member '${method}'`, loc(scope, call), `its effects: ${KERNEL_EFFECTS.join(', ')}; its values: ${KERNEL_VALUE_METHODS.join(', ')}${scope.kName !== null ? ` (type the parameter, ${scope.kName}: K, and TypeScript checks these names)` : ''}`);
      }
      throw unsupported(scope, call, `k.${method}() as a statement`, `its value is unused: write const x = k.${method}(...)`);
  }
}

/** Kernel calls that are statements, and those that are values: the vocabulary table plus what lowerEffect and lowerExpr treat themselves. */
const KERNEL_EFFECTS = [...OPERATIONS.filter((o) => o.form === 'stmt').map((o) => o.name), 'await', 'BUG_ON'];
const KERNEL_VALUE_METHODS = [...OPERATIONS.filter((o) => o.form === 'expr').map((o) => o.name), 'makeEntry'];

/** The helper a call names when that helper is a macro (it reads or changes state); else null. */
function macroCall(scope: Scope, node: Node): HelperInfo | null {
  if (!Node.isCallExpression(node)) return null;
  const callee = node.getExpression();
  if (!Node.isIdentifier(callee)) return null;
  const helper = scope.spec.helpers.get(callee.getText());
  return helper !== undefined && helper.pure === null ? helper : null;
}

/**
 * Inlines a macro: its parameters become `let`s, its body runs in a scope of
 * its own, and each `return value` stores into `target` and goes on with the
 * caller's rest.
 */
function inlineMacro(scope: Scope, helper: HelperInfo, callNode: Expression, target: ResultTarget, rest: Continuation, frame: Frame): Stmt[] {
  if (!Node.isCallExpression(callNode)) throw new Error('inlineMacro on a non-call');
  if (frame.inlining.includes(helper.name)) {
    throw unsupported(scope, callNode, `the recursive call of ${helper.name}()`, 'helpers cannot call themselves; write the loop as steps that return to a label');
  }
  const at = loc(scope, callNode);
  const params = helper.decl.getParameters();
  const actuals = callNode.getArguments() as Expression[];
  if (actuals.length !== params.length) {
    throw new SpecError('DSX002', `${helper.name}() takes ${params.length} argument(s), got ${actuals.length}`, at, null);
  }
  const lets: Stmt[] = [];
  let inner: Scope = {
    ...scope,
    kName: null,
    tName: null,
    temps: scope.temps,
    where: `${scope.where} > ${helper.name}()`,
  };
  // Arguments are evaluated in the caller's scope, then bound in the macro's.
  params.forEach((param, i) => {
    const actual = actuals[i]!;
    if (i === helper.kernelParam) {
      if (!isKernel(scope, actual)) throw unsupported(scope, actual, `passing something other than ${scope.kName ?? 'k'} as the kernel`, `pass ${scope.kName ?? 'k'}`);
      inner = { ...inner, kName: param.getName() };
      return;
    }
    const value = lowerExpr(scope, actual);
    if (isImmutable(value) || isXaStateLocal(scope, value)) {
      // Nothing in the macro can change it: read the argument itself, no LET alias. An xa_state is
      // passed by reference, as the kernel passes `struct xa_state *`: the macro's xas_* calls move the thread's own.
      inner = bindAlias(inner, param.getName(), value);
      return;
    }
    const bound = bindTemp(inner, param.getName());
    inner = bound.scope;
    lets.push({ kind: 'let', name: bound.name, value, loc: loc(scope, actual) });
  });
  // The macro sees only its own parameters, not the caller's temps.
  inner = { ...inner, temps: new Map([...inner.temps].filter(([source]) => params.some((p) => p.getName() === source))) };
  // Back in the caller, the names the macro bound stay taken: its LETs enclose the rest.
  const callerAfter = (s: Scope): Scope => ({ ...scope, taken: s.taken });
  const returnsValue: ReturnHandler = (s, node, value) => {
    const resultAt = loc(s, node);
    if (value === undefined) {
      if (target.kind !== 'none') throw unsupported(s, node, `a bare return in ${helper.name}(), whose value is used`, 'return a value');
      return rest(callerAfter(s));
    }
    const v = lowerExpr(s, value);
    switch (target.kind) {
      case 'none':
        return rest(callerAfter(s));
      case 'let': {
        const bound = bindTemp(callerAfter(s), target.source);
        return [{ kind: 'let', name: bound.name, value: v, loc: resultAt }, ...rest(bound.scope)];
      }
      case 'local':
        return [{ kind: 'setLocal', name: target.name, value: v, loc: resultAt }, ...rest(callerAfter(s))];
      case 'global':
        return [{ kind: 'setGlobal', name: target.name, value: v, loc: resultAt }, ...rest(callerAfter(s))];
    }
  };
  const fallOff: Continuation = (s) => {
    if (target.kind !== 'none') throw unsupported(scope, callNode, `using the value of ${helper.name}(), which can end without return`, 'end every path of the helper with return value');
    return rest(callerAfter(s));
  };
  const body = helper.decl.getBody();
  if (body === undefined || !Node.isBlock(body)) throw unsupported(scope, helper.decl, 'a helper without a body', 'give it a { ... } body');
  return [...lets, ...lowerList(inner, body.getStatements(), 0, fallOff, { onReturn: returnsValue, inlining: [...frame.inlining, helper.name] })];
}


/** A statement's trailing `// ...` comment, as the words for what it does. */
function wordsOf(stmt: Statement): { words?: string } {
  const comment = stmt.getTrailingCommentRanges().find((c) => c.getText().startsWith('//'));
  const words = comment?.getText().slice(2).trim();
  return words ? { words } : {};
}
