/**
 * Reading the data parts of a spec (models, configurations, initial
 * states): literal values only, every field known, errors located at the
 * field.
 */
import type { Expression, ObjectLiteralExpression } from 'ts-morph';
import { Node, SyntaxKind } from './ts-morph.js';
import { SpecError } from '../model/errors.js';
import { integerLiteral } from './lower-expr.js';
import { locOf } from './source.js';

export function literalOf(node: Expression | undefined, file: string, what: string): unknown {
  if (node === undefined) throw new Error('literalOf(undefined)');
  if (Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isParenthesizedExpression(node)) return literalOf(node.getExpression(), file, what);
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralText();
  if (Node.isNumericLiteral(node)) return integerLiteral(node, node.getLiteralValue(), locOf(node, file));
  if (Node.isPrefixUnaryExpression(node)) {
    const operand = node.getOperand();
    if (node.getOperatorToken() === SyntaxKind.MinusToken && Node.isNumericLiteral(operand)) return -integerLiteral(operand, operand.getLiteralValue(), locOf(operand, file));
  }
  if (node.getText() === 'true') return true;
  if (node.getText() === 'false') return false;
  if (node.getText() === 'null') return null;
  if (Node.isArrayLiteralExpression(node)) return node.getElements().map((e) => literalOf(e, file, what));
  throw new SpecError('DSX002', `${what} must be written as a literal value`, locOf(node, file), 'model configurations are data: write numbers, strings, booleans and arrays inline');
}

/** The fields of a data object (a model, a configuration, an initial entry), checked against the known ones. */
export class Fields {
  private readonly nodes = new Map<string, Expression>();
  constructor(readonly el: ObjectLiteralExpression, known: readonly string[], readonly file: string) {
    for (const prop of el.getProperties()) {
      if (!Node.isPropertyAssignment(prop)) {
        const spread = Node.isSpreadAssignment(prop);
        throw new SpecError('DSX002', spread ? 'a spread (...) in a model is not supported: a model is read as data, field by field' : 'write fields as name: value', locOf(prop, file), "write every field out: { name: 'm', variant: 'fixed', indices: 2, threads: [...] }; share thread lists with a top-level const list = [...]");
      }
      if (!known.includes(prop.getName())) throw new SpecError('DSX004', `unknown field '${prop.getName()}'`, locOf(prop, file), `the fields are: ${known.join(', ')}`);
      this.nodes.set(prop.getName(), prop.getInitializerOrThrow());
    }
  }
  node(k: string): Expression | undefined {
    return this.nodes.get(k);
  }
  get(k: string): unknown {
    return this.nodes.has(k) ? literalOf(this.nodes.get(k), this.file, k) : undefined;
  }
  fail(k: string, msg: string, hint: string, code: 'DSX003' | 'DSX004' = 'DSX004'): never {
    throw new SpecError(code, msg, locOf(this.nodes.get(k) ?? this.el, this.file), hint);
  }
}
