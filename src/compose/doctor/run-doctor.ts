import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { checkLlm } from './check-llm.js';
import { checkRedis } from './check-redis.js';
import { checkStore } from './check-store.js';
import { checkWebhooks } from './check-webhooks.js';
import { describeConfig } from './describe-config.js';
import { doctorExitCode, formatCheck, type CheckResult } from './doctor-check.js';

export interface DoctorDeps {
  logger: Logger;
  /** Receives each check's line as soon as it is known. */
  print: (line: string) => void;
}

/**
 * Checks the setup a run would use: configuration, store, Redis, LLM, webhooks, in that order,
 * each printed on one line as it finishes. Sends no brief anywhere.
 * @returns every result and the exit code they call for (0 all pass, 1 a dependency is down,
 *   2 a configuration problem).
 */
export async function runDoctor(
  config: Config,
  deps: DoctorDeps,
): Promise<{ results: CheckResult[]; exitCode: 0 | 1 | 2 }> {
  const results: CheckResult[] = [];
  const report = (result: CheckResult): void => {
    results.push(result);
    deps.print(formatCheck(result));
  };
  report(describeConfig(config));
  report(await checkStore(config, deps.logger));
  report(await checkRedis(config));
  report(await checkLlm(config));
  for (const result of await checkWebhooks(config)) report(result);
  return { results, exitCode: doctorExitCode(results) };
}
