import { Explanation } from './planTypes';

/** Collects the explanation of every number a planner step decides, in the order they were decided. */
export class ExplanationTrail {
  readonly explanations: Explanation[] = [];

  /** Records why `path` has `value`, and returns the value so a rule reads as one expression. */
  record(
    path: string,
    value: number,
    rule: string,
    details: Omit<Explanation, 'path' | 'value' | 'rule'> = {
      inputs: {},
      assumptions: [],
    },
  ): number {
    this.explanations.push({ path, value, rule, ...details });
    return value;
  }
}
