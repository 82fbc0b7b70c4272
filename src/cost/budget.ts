import { BudgetExceededError } from '../errors.js';

/**
 * A run's spending cap (`--max-cost`). Checked before every LLM call and charged after it, so
 * once the cap is reached no new call starts; calls already in flight finish and are charged, so
 * a run can end above the cap by at most what its concurrent calls cost.
 */
export interface Budget {
  /** The cap, in US dollars. */
  readonly maxCostUsd: number;
  /** Dollars charged so far. */
  readonly spentUsd: number;
  /** @throws BudgetExceededError when the spent amount has reached the cap. */
  assertAvailable(): void;
  /** Charges the cost of a finished call. */
  charge(costUsd: number): void;
}

export function createBudget(options: { maxCostUsd: number }): Budget {
  const { maxCostUsd } = options;
  let spentUsd = 0;
  return {
    maxCostUsd,
    get spentUsd() {
      return spentUsd;
    },
    assertAvailable() {
      if (spentUsd >= maxCostUsd) {
        throw new BudgetExceededError(
          `budget of $${maxCostUsd} spent ($${spentUsd.toFixed(6)}); no new LLM calls are started`,
        );
      }
    },
    charge(costUsd) {
      spentUsd += costUsd;
    },
  };
}
