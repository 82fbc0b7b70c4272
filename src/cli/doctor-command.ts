import type { Command } from 'commander';
import { runDoctor } from '../compose/doctor/index.js';
import type { CliContext } from './cli-context.js';
import {
  addLlmOptions,
  addProviderOptions,
  addStoreOption,
  createCliLogger,
  loadCliConfig,
  type ConfigFlags,
} from './config-flags.js';

/** `paperbrief doctor`: checks the configuration and every dependency, one line each. */
export function registerDoctorCommand(program: Command, context: CliContext): void {
  const command = program
    .command('doctor')
    .description('check the configuration, store, Redis, LLM server and webhooks a run would use')
    .addHelpText(
      'after',
      `
Prints one line per check: the configuration (secrets masked); the store (opened, migrated, a
probe written and read back, then rolled back); Redis when REDIS_URL is set (PING, version,
maxmemory-policy); the LLM (model list, then one small call per output mode until one works);
each webhook endpoint (DNS and address policy; nothing is sent).
Exit code: 0 when every check passes; 1 when a dependency is down; 2 on a configuration problem
(a wrong key, an unknown model, a refused webhook address).

Examples:
  $ paperbrief doctor
  $ OPENAI_BASE_URL=http://localhost:8080/v1 paperbrief doctor --llm-mode auto`,
    )
    .action(async (options: ConfigFlags) => {
      const config = loadCliConfig(options);
      const logger = createCliLogger(config, context.stderr);
      const { results, exitCode } = await runDoctor(config, {
        logger,
        print: (line) => context.stdout.write(`${line}\n`),
      });
      const failed = results.filter((result) => result.status === 'config' || result.status === 'down');
      const verdict =
        exitCode === 0
          ? 'all checks passed'
          : `${failed.length} check(s) failed: ${exitCode === 2 ? 'fix the configuration named above' : 'a dependency is down'}`;
      context.stderr.write(`paperbrief doctor: ${verdict}\n`);
      context.exitCode = exitCode;
    });
  addProviderOptions(command);
  addLlmOptions(command);
  addStoreOption(command);
}
