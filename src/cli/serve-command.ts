import { InvalidArgumentError, type Command } from 'commander';
import { startServer } from '../compose/server.js';
import { loadConfig } from '../config.js';
import { DASHBOARD_PATH } from '../http/queue-dashboard.js';
import { SHUTDOWN_GRACE_MS, type CliContext } from './cli-context.js';
import { addStoreOption, configOverrides, createCliLogger, type ConfigFlags } from './config-flags.js';

interface ServeOptions extends ConfigFlags {
  port?: number;
  host: string;
}

/** `paperbrief serve [--port N] [--host ADDRESS]`: runs the HTTP API until SIGINT/SIGTERM. */
export function registerServeCommand(program: Command, context: CliContext): void {
  const command = program
    .command('serve')
    .description(
      'run the HTTP API and the browse page: queue papers, read and search briefs, feeds, /metrics',
    )
    .option('--port <n>', 'port to listen on (env PORT; default 8080)', parsePort)
    .option('--host <address>', 'address to listen on (127.0.0.1 keeps it to this machine)', '0.0.0.0')
    .addHelpText(
      'after',
      `
Needs PAPERBRIEF_API_TOKEN or PAPERBRIEF_API_TOKENS_FILE (clients send "Authorization: Bearer
<token>"; browsers, for the page at / and the dashboard at ${DASHBOARD_PATH} (admin tokens only),
give it as the password of HTTP Basic), or PAPERBRIEF_PUBLIC_READ=1 to let everyone read briefs.
Without REDIS_URL it runs read-only: the page, /feeds/briefs.atom and GET /v1/briefs work; POST
/v1/papers answers 503.

Examples:
  $ PAPERBRIEF_API_TOKEN=$(openssl rand -hex 32) REDIS_URL=redis://127.0.0.1:6379 paperbrief serve
  $ PAPERBRIEF_PUBLIC_READ=1 paperbrief serve --db ./data/paperbrief.db   # read-only browse page
  $ paperbrief serve --port 9000 --host 127.0.0.1 --db ./briefs.db`,
    )
    .action(async (options: ServeOptions) => {
      const config = loadConfig(undefined, { ...configOverrides(options), PORT: options.port?.toString() });
      const logger = createCliLogger(config, context.stderr);
      context.shutdownDeadlineMs = config.PAPERBRIEF_SHUTDOWN_TIMEOUT_MS + SHUTDOWN_GRACE_MS;
      const server = await startServer(config, logger, { port: config.PORT, host: options.host });
      if (server.readOnly) {
        logger.info(
          { url: server.url },
          'paperbrief API listening read-only (REDIS_URL is not set: POST /v1/papers answers 503)',
        );
      } else {
        logger.info(
          { url: server.url, dashboard: `${server.url}${DASHBOARD_PATH}` },
          'paperbrief API listening',
        );
      }
      await stopped(context.stopSignal);
      logger.info('shutting down: finishing requests in flight');
      await server.close();
    });
  addStoreOption(command);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new InvalidArgumentError('expected a port, 1 to 65535');
  return port;
}

function stopped(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
