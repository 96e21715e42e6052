/**
 * Function forms TypeScript accepts but the spec subset cannot mean: a
 * generator or async helper (its body would not run when called), default,
 * optional, rest and destructured parameters (every call site passes each
 * parameter by position, so a default never reaches the model). Rejected at
 * parse time with what to write instead.
 */
import type { ArrowFunction, FunctionDeclaration, FunctionExpression, MethodDeclaration } from 'ts-morph';
import { Node } from './ts-morph.js';
import { SpecError } from '../model/errors.js';
import { locOf } from './source.js';

type FunctionLike = FunctionDeclaration | MethodDeclaration | ArrowFunction | FunctionExpression;

/** Throws a located DSX002 for the first form of `fn` the subset does not support. */
export function rejectUnsupportedSignature(fn: FunctionLike, file: string, what: string): void {
  const unsupported = (node: Node, form: string, hint: string): SpecError =>
    new SpecError('DSX002', `${form} is not supported in a spec (${what})`, locOf(node, file), hint);
  if (!Node.isArrowFunction(fn) && fn.isGenerator()) {
    throw unsupported(fn.getAsteriskToken() ?? fn, 'a generator function (function*)', 'write a plain function: function name(k: K, ...) { ... }; to repeat, return to a step label');
  }
  if (fn.isAsync()) {
    throw unsupported(fn, 'an async function', 'write a plain function; a step that waits uses k.await(condition)');
  }
  for (const p of fn.getParameters()) {
    const name = p.getNameNode();
    if (!Node.isIdentifier(name)) {
      throw unsupported(name, 'a destructured parameter', 'take the value as one parameter and read its fields: function order_of(entry: Entry) { return entry.order; }');
    }
    const initializer = p.getInitializer();
    if (initializer !== undefined) {
      throw unsupported(initializer, `a default value for parameter '${name.getText()}'`, `remove '= ${initializer.getText()}' and pass the argument at every call`);
    }
    if (p.isRestParameter()) throw unsupported(p, `a rest parameter ('...${name.getText()}')`, 'list each parameter by name');
    if (p.hasQuestionToken()) {
      throw unsupported(p.getQuestionTokenNode() ?? p, `an optional parameter ('${name.getText()}?')`, `remove the '?' and pass the argument at every call`);
    }
  }
}
