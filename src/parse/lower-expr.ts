/**
 * Lowers a TypeScript expression of the spec subset to an IR expression, or
 * fails with a SpecError that says what to write instead.
 */
import type { Expression } from 'ts-morph';
import { Node, SyntaxKind } from './ts-morph.js';
import { SpecError } from '../model/errors.js';
import { ENTRY_FIELDS, type BinaryOp, type EntryField, type Expr, type SourceLoc } from '../model/ir.js';
import { locOf } from './source.js';
import type { Scope } from './scope.js';
import { operation } from '../model/operations.js';

const BINARY_OPS: Record<string, BinaryOp> = {
  '===': '==',
  '!==': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '+': '+',
  '-': '-',
  '*': '*',
  '%': '%',
  '&&': '&&',
  '||': '||',
};

/** Kernel members that are values, not calls. */
const KERNEL_CONSTANTS = new Set(['PMD_ORDER', 'PG_PMD_COLOUR']);

/**
 * The largest number a spec may write: TLC's integers are 32-bit, and it
 * refuses a larger literal ("TLC can't handle a number this big"), so the
 * interpreter must not accept one either. (-2147483648 is -(2147483648): too
 * big as well, for TLC too.)
 */
export const MAX_LITERAL = 2147483647;

/** A numeric literal as a whole number TLC can read, or a located error. */
export function integerLiteral(node: Node, value: number, at: SourceLoc): number {
  if (!Number.isInteger(value)) {
    throw new SpecError('DSX002', `${node.getText()} is not a whole number`, at, `the model language has integers only: write ${Math.trunc(value)}, or compute with + - * % and k.alignDown(index, order)`);
  }
  if (value > MAX_LITERAL) {
    throw new SpecError('DSX002', `the number ${node.getText()} is too big: TLC's integers are 32-bit (at most ${MAX_LITERAL})`, at, `use a number up to ${MAX_LITERAL}; write -2147483648 as -2147483647 - 1`);
  }
  return value;
}

export function loc(scope: Scope, node: Node): SourceLoc {
  return locOf(node, scope.spec.file);
}

export function unsupported(scope: Scope, node: Node, what: string, hint: string): SpecError {
  return new SpecError('DSX002', `${what} is not supported in a spec (in ${scope.where})`, loc(scope, node), hint);
}

function unknownName(scope: Scope, node: Node, name: string, hint: string): SpecError {
  return new SpecError('DSX003', `unknown name '${name}' (in ${scope.where})`, loc(scope, node), hint);
}

/** Is `node` the identifier of the kernel parameter (`k`)? */
export function isKernel(scope: Scope, node: Node): boolean {
  return scope.kName !== null && Node.isIdentifier(node) && node.getText() === scope.kName;
}

/** Is `node` the identifier of the thread view parameter (`t`)? */
export function isThreadView(scope: Scope, node: Node): boolean {
  return scope.tName !== null && Node.isIdentifier(node) && node.getText() === scope.tName;
}

/** `k.method` when `node` is a call of a kernel method; the method name, else null. */
export function kernelMethod(scope: Scope, node: Node): string | null {
  if (!Node.isCallExpression(node)) return null;
  const callee = node.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !isKernel(scope, callee.getExpression())) return null;
  return callee.getName();
}

function requireStateAccess(scope: Scope, node: Node, what: string): void {
  if (scope.pure) {
    throw unsupported(scope, node, `${what} inside a pure helper`, 'a helper that reads or writes the shared state is inlined as a macro: call it as a statement, not inside an expression');
  }
}

export function args(scope: Scope, node: Node, n: number): Expression[] {
  if (!Node.isCallExpression(node)) throw new Error('args() on a non-call');
  const list = node.getArguments() as Expression[];
  if (list.length !== n) {
    throw new SpecError('DSX002', `${node.getExpression().getText()} takes ${n} argument(s), got ${list.length}`, loc(scope, node), null);
  }
  return list;
}

export function lowerExpr(scope: Scope, node: Expression): Expr {
  const at = loc(scope, node);
  if (Node.isParenthesizedExpression(node)) return lowerExpr(scope, node.getExpression());
  if (Node.isAsExpression(node) || Node.isSatisfiesExpression(node)) return lowerExpr(scope, node.getExpression());
  if (Node.isNumericLiteral(node)) return { kind: 'int', value: integerLiteral(node, node.getLiteralValue(), at), loc: at };
  if (node.getKind() === SyntaxKind.TrueKeyword) return { kind: 'bool', value: true, loc: at };
  if (node.getKind() === SyntaxKind.FalseKeyword) return { kind: 'bool', value: false, loc: at };
  if (node.getKind() === SyntaxKind.NullKeyword) return { kind: 'null', loc: at };
  if (Node.isIdentifier(node)) return lowerIdentifier(scope, node);
  if (Node.isNonNullExpression(node)) return { kind: 'nonNull', arg: lowerExpr(scope, node.getExpression()), loc: at };
  if (Node.isPrefixUnaryExpression(node)) {
    const op = node.getOperatorToken();
    const arg = lowerExpr(scope, node.getOperand());
    if (op === SyntaxKind.ExclamationToken) return { kind: 'not', arg, loc: at };
    if (op === SyntaxKind.MinusToken) return arg.kind === 'int' ? { ...arg, value: -arg.value } : { kind: 'neg', arg, loc: at };
    throw unsupported(scope, node, `the operator '${node.getText().slice(0, 1)}'`, 'use !, -, or k.alignDown(index, order) for index & ~mask');
  }
  if (Node.isBinaryExpression(node)) return lowerBinary(scope, node);
  if (Node.isConditionalExpression(node)) {
    return {
      kind: 'cond',
      test: lowerExpr(scope, node.getCondition()),
      then: lowerExpr(scope, node.getWhenTrue()),
      else: lowerExpr(scope, node.getWhenFalse()),
      loc: at,
    };
  }
  if (Node.isPropertyAccessExpression(node)) return lowerPropertyAccess(scope, node);
  if (Node.isObjectLiteralExpression(node)) return lowerEntryUpdate(scope, node);
  if (Node.isCallExpression(node)) return lowerCall(scope, node);
  if (Node.isStringLiteral(node)) {
    throw unsupported(scope, node, 'a string value', "strings appear only as `k.variant === 'name'` or as step labels in `return 'label'`");
  }
  throw unsupported(scope, node, `this expression (${node.getKindName()})`, 'write numbers, booleans, null, entries, ?:, &&, ||, !, comparisons, + - * %, and calls of k.* or of helper functions');
}

function lowerIdentifier(scope: Scope, node: Node): Expr {
  const name = node.getText();
  const at = loc(scope, node);
  const bound = scope.temps.get(name);
  if (bound !== undefined) return { ...bound, loc: at };
  if (name === 'XA_RETRY_ENTRY') return { kind: 'conflict', loc: at };
  if (name === 'WAKE_NEXT') return { kind: 'wakeMode', mode: 'next', loc: at };
  if (name === 'WAKE_ALL') return { kind: 'wakeMode', mode: 'all', loc: at };
  if (name === 'DIRTY' || name === 'TOWRITE') return { kind: 'mark', mark: name, loc: at };
  if (name === 'undefined') throw unsupported(scope, node, 'undefined', 'use null for "no entry" or "no thread"');
  if (isKernel(scope, node) || isThreadView(scope, node)) {
    throw unsupported(scope, node, `'${name}' as a value`, `use its members: ${name}.something`);
  }
  throw unknownName(scope, node, name, 'declare it with const in this step, or pass it to the helper as a parameter');
}

function lowerBinary(scope: Scope, node: import('ts-morph').BinaryExpression): Expr {
  const at = loc(scope, node);
  const opText = node.getOperatorToken().getText();
  if (opText === '==' || opText === '!=') {
    throw unsupported(scope, node.getOperatorToken(), `'${opText}'`, `write '${opText}=' (strict equality)`);
  }
  if (opText === '=' || opText.endsWith('=') && !(opText in BINARY_OPS)) {
    throw unsupported(scope, node, 'an assignment inside an expression', 'assign in a statement of its own: t.x = value;');
  }
  const left = node.getLeft();
  const right = node.getRight();
  const variantCompare = variantComparison(scope, left, right) ?? variantComparison(scope, right, left);
  if (variantCompare !== null) {
    if (opText !== '===' && opText !== '!==') throw unsupported(scope, node, `k.variant with '${opText}'`, "compare the variant with === or !==");
    const is: Expr = { kind: 'variantIs', variant: variantCompare, loc: at };
    return opText === '===' ? is : { kind: 'not', arg: is, loc: at };
  }
  const op = BINARY_OPS[opText];
  if (op === undefined) {
    const hint = opText === '&' || opText === '|' || opText === '>>' || opText === '<<' || opText === '^'
      ? "bit operations are not supported; for `index & ~PG_PMD_COLOUR` write k.alignDown(index, k.PMD_ORDER)"
      : 'use === !== < <= > >= + - * % && ||';
    throw unsupported(scope, node.getOperatorToken(), `the operator '${opText}'`, hint);
  }
  return { kind: 'binary', op, left: lowerExpr(scope, left), right: lowerExpr(scope, right), loc: at };
}

/** For `k.variant === 'x'`: the variant name (checked), else null. */
function variantComparison(scope: Scope, a: Node, b: Node): string | null {
  if (!Node.isPropertyAccessExpression(a) || !isKernel(scope, a.getExpression()) || a.getName() !== 'variant') return null;
  if (!Node.isStringLiteral(b) && !Node.isNoSubstitutionTemplateLiteral(b)) {
    throw unsupported(scope, b, 'comparing k.variant with a computed value', "compare with a literal: k.variant === 'buggy'");
  }
  const name = b.getLiteralText();
  if (!scope.spec.variants.includes(name)) {
    throw unknownName(scope, b, name, `the spec's variants are: ${scope.spec.variants.map((v) => `'${v}'`).join(', ')}`);
  }
  return name;
}

/**
 * `e?.field` and `f?.()`: TLA+ has no undefined to short-circuit to, and a
 * slot is an entry or null; reading through `?.` would silently mean `e.field`.
 */
function rejectOptionalChaining(scope: Scope, node: import('ts-morph').PropertyAccessExpression | import('ts-morph').CallExpression): void {
  const token = node.getQuestionDotTokenNode();
  if (token === undefined) return;
  throw unsupported(scope, token, 'optional chaining (?.)', 'test for null first (e !== null && e.locked), or assert that it is not null (e!.locked)');
}

function lowerPropertyAccess(scope: Scope, node: import('ts-morph').PropertyAccessExpression): Expr {
  rejectOptionalChaining(scope, node);
  const at = loc(scope, node);
  const target = node.getExpression();
  const name = node.getName();
  if (isKernel(scope, target)) {
    if (KERNEL_CONSTANTS.has(name)) return { kind: 'const', name: name as 'PMD_ORDER' | 'PG_PMD_COLOUR', loc: at };
    if (name === 'variant') throw unsupported(scope, node, 'k.variant outside a comparison', "write k.variant === 'name'");
    if (scope.spec.globals.has(name)) {
      requireStateAccess(scope, node, `the shared variable k.${name}`);
      return { kind: 'global', name, loc: at };
    }
    throw unknownName(scope, node.getNameNode(), `k.${name}`, `declare it in defineSpec({ globals: { ${name}: ... } }), or use a kernel member: PMD_ORDER, PG_PMD_COLOUR, variant, findConflict, load, ...`);
  }
  if (isThreadView(scope, target)) {
    const thread = scope.thread;
    if (thread === null) throw new Error('thread view without a thread');
    if (name === 'self') return { kind: 'self', loc: at };
    if (thread.params.has(name)) return { kind: 'param', name, loc: at };
    if (thread.locals.has(name)) return { kind: 'local', name, loc: at };
    throw unknownName(scope, node.getNameNode(), `${scope.tName}.${name}`, `declare it in the locals (or params) of thread ${thread.name}`);
  }
  if (name === 'xa_index') return { kind: 'vocab', op: 'xa_index', args: [lowerExpr(scope, target)], loc: at };
  if ((ENTRY_FIELDS as readonly string[]).includes(name)) {
    return { kind: 'field', entry: lowerExpr(scope, target), field: name as EntryField, loc: at };
  }
  throw unsupported(scope, node, `the member '.${name}'`, `an entry has the fields ${ENTRY_FIELDS.join(', ')}`);
}

/** `{ ...entry, locked: true }`: a copy of an entry with some fields changed. */
function lowerEntryUpdate(scope: Scope, node: import('ts-morph').ObjectLiteralExpression): Expr {
  const props = node.getProperties();
  const first = props[0];
  if (first === undefined || !Node.isSpreadAssignment(first)) {
    throw unsupported(scope, node, 'an object literal without a spread', 'make a new entry with k.makeEntry({ order: 0, locked: true }), or copy one with { ...entry, locked: false }');
  }
  const fields = lowerFieldAssignments(scope, props.slice(1));
  return { kind: 'withFields', entry: lowerExpr(scope, first.getExpression()), fields, loc: loc(scope, node) };
}

function lowerFieldAssignments(scope: Scope, props: Node[]): Partial<Record<EntryField, Expr>> {
  const fields: Partial<Record<EntryField, Expr>> = {};
  for (const prop of props) {
    if (!Node.isPropertyAssignment(prop)) {
      throw unsupported(scope, prop, 'this object member', 'write field: value, with a field of an entry');
    }
    const name = prop.getName();
    if (!(ENTRY_FIELDS as readonly string[]).includes(name)) {
      throw unknownName(scope, prop.getNameNode(), name, `an entry has the fields ${ENTRY_FIELDS.join(', ')}`);
    }
    fields[name as EntryField] = lowerExpr(scope, prop.getInitializerOrThrow());
  }
  return fields;
}

function lowerCall(scope: Scope, node: import('ts-morph').CallExpression): Expr {
  rejectOptionalChaining(scope, node);
  const at = loc(scope, node);
  const method = kernelMethod(scope, node);
  if (method !== null) {
    const op = operation(method);
    if (op !== undefined) {
      if (op.form !== 'expr') {
        throw unsupported(scope, node, `k.${method}() inside an expression`, 'effects (store, erase, prepareToWait, wakeUp, await, BUG_ON, xas_store, xas_pause, ...) are statements of their own');
      }
      if (op.moves !== undefined) {
        throw unsupported(scope, node, `k.${method}() inside an expression (it moves the xa_state)`, `give it a statement of its own: const entry = k.${method}(t.xas, ...); or t.entry = k.${method}(t.xas, ...);`);
      }
      if (op.reads.length > 0) requireStateAccess(scope, node, `k.${method}()`);
      return { kind: 'vocab', op: op.name, args: args(scope, node, op.params.length).map((a) => lowerExpr(scope, a)), loc: at };
    }
    switch (method) {
      case 'makeEntry': {
        const [init] = args(scope, node, 1);
        if (!Node.isObjectLiteralExpression(init)) {
          throw unsupported(scope, init!, 'k.makeEntry() of a computed value', 'write the fields inline: k.makeEntry({ order: 0, locked: true })');
        }
        const given = lowerFieldAssignments(scope, init.getProperties());
        if (given.order === undefined) {
          throw new SpecError('DSX002', 'k.makeEntry() needs an order', at, 'write k.makeEntry({ order: 0, ... }) for a PTE entry or order: k.PMD_ORDER for a PMD entry');
        }
        const zero = (v: boolean | number): Expr => (typeof v === 'boolean' ? { kind: 'bool', value: v, loc: at } : { kind: 'int', value: v, loc: at });
        return {
          kind: 'makeEntry',
          fields: {
            order: given.order,
            locked: given.locked ?? zero(false),
            empty: given.empty ?? zero(false),
            zero: given.zero ?? zero(false),
            page: given.page ?? zero(false),
            pfn: given.pfn ?? zero(0),
          },
          loc: at,
        };
      }
      default:
        throw unsupported(scope, node, `k.${method}() inside an expression`, 'effects (store, erase, prepareToWait, wakeUp, await, BUG_ON) are statements of their own');
    }
  }
  const callee = node.getExpression();
  if (Node.isIdentifier(callee)) {
    const helper = scope.spec.helpers.get(callee.getText());
    if (helper === undefined) throw unknownName(scope, callee, callee.getText(), 'call a function declared at the top of the spec file, or a kernel member k.something()');
    if (helper.pure === null) {
      throw unsupported(scope, node, `calling ${helper.name}() inside an expression (it reads or changes the shared state)`, `call it as a statement: \`const x = ${helper.name}(...);\` or \`${helper.name}(...);\``);
    }
    const actual = node.getArguments().filter((_, i) => i !== helper.kernelParam) as Expression[];
    if (helper.kernelParam >= 0 && !isKernel(scope, node.getArguments()[helper.kernelParam]!)) {
      throw unsupported(scope, node, `passing something other than ${scope.kName ?? 'the kernel'} as ${helper.name}'s kernel parameter`, `pass ${scope.kName ?? 'k'}`);
    }
    return { kind: 'call', fn: helper.name, args: actual.map((a) => lowerExpr(scope, a)), loc: at };
  }
  throw unsupported(scope, node, 'this call', 'call a kernel member k.something() or a helper function of the spec by name');
}
