/**
 * `return k.schedule('label')`: a step ends asleep (after prepareToWait or
 * prepareToWaitExclusive), and once woken the thread goes on at `label`. The
 * parser makes the step that sleeps, so a thread kind need not spell it out:
 *
 *   schedule(k, t) { k.await(!k.isWaiting(t.self)); return 'label'; }
 *
 * It is an ordinary step of the thread in the IR (the interpreter and the
 * emitter see nothing new), named `schedule` when the thread sleeps towards
 * one label only and has no step of that name, else `schedule_<label>`.
 */
import type { Node as TsNode } from 'ts-morph';
import { Node } from './ts-morph.js';
import { SpecError } from '../model/errors.js';
import type { SourceLoc, StepDef } from '../model/ir.js';
import { locOf } from './source.js';
import { scheduleTarget } from './lower-stmt.js';

export interface SleepStep {
  /** The label the thread goes on at once woken. */
  target: string;
  /** The step made for it. */
  label: string;
  /** The first `k.schedule(...)` asking for it. */
  loc: SourceLoc;
}

/** The sleep steps a thread kind's steps ask for, in the order first asked. */
export function sleepStepsOf(thread: string, stepNodes: TsNode[], labels: readonly string[], file: string): SleepStep[] {
  const asked = new Map<string, SourceLoc>();
  for (const s of stepNodes) {
    const fn = Node.isMethodDeclaration(s) ? s : Node.isPropertyAssignment(s) ? s.getInitializer() : undefined;
    if (fn === undefined || !(Node.isMethodDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) continue;
    const kName = fn.getParameters()[0]?.getName() ?? null;
    for (const call of fn.getDescendants().filter((d) => Node.isCallExpression(d))) {
      const callee = call.getExpression();
      if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'schedule' || callee.getExpression().getText() !== kName) continue;
      const target = scheduleTarget(call, kName);
      const parent = call.getParent();
      if (target === null || !Node.isReturnStatement(parent)) {
        throw new SpecError('DSX002', `k.schedule() ${target === null ? 'of a computed label' : 'outside a return'}`, locOf(call, file), "end the step with it: return k.schedule('grab_mapping_entry'), with the label to go on at once woken");
      }
      if (!labels.includes(target)) {
        throw new SpecError('DSX003', `no step is labelled '${target}' in thread ${thread}`, locOf(call.getArguments()[0]!, file), `the labels are: ${labels.join(', ')}`);
      }
      if (!asked.has(target)) asked.set(target, locOf(call, file));
    }
  }
  const single = asked.size === 1 && !labels.includes('schedule');
  return [...asked].map(([target, loc]) => {
    const label = single ? 'schedule' : `schedule_${target}`;
    if (labels.includes(label)) {
      throw new SpecError('DSX004', `thread ${thread} has a step '${label}', the name of the step k.schedule('${target}') makes`, loc, `rename that step`);
    }
    return { target, label, loc };
  });
}

/** The step itself: sleep until woken (finish_wait()), then go on at the target. */
export function sleepStep(s: SleepStep): StepDef {
  const loc = s.loc;
  return {
    label: s.label,
    doc: `schedule() until woken, then ${s.target}`,
    body: [
      { kind: 'await', cond: { kind: 'not', arg: { kind: 'vocab', op: 'isWaiting', args: [{ kind: 'self', loc }], loc }, loc }, loc },
      { kind: 'goto', label: s.target, loc },
    ],
    loc,
  };
}
