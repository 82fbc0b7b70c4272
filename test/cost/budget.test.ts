import { describe, expect, it } from 'vitest';
import { createBudget } from '../../src/cost/budget.js';
import { BudgetExceededError } from '../../src/errors.js';

describe('budget', () => {
  it('allows calls until the charged cost reaches the cap, then refuses every new one', () => {
    const budget = createBudget({ maxCostUsd: 0.01 });
    budget.assertAvailable();
    budget.charge(0.006);
    budget.assertAvailable();
    budget.charge(0.004);
    expect(budget.spentUsd).toBeCloseTo(0.01, 12);
    expect(() => budget.assertAvailable()).toThrow(BudgetExceededError);
    expect(() => budget.assertAvailable()).toThrow(/budget of \$0\.01 spent/);
  });
});
