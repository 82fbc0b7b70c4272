import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { Config } from '../config.js';
import type { DeliverySettings } from '../delivery/delivery-settings.js';
import { retryScheduleFrom } from '../delivery/retry-schedule.js';
import {
  WebhookEndpointSchema,
  WebhookEndpointsFileSchema,
  urlPolicyProblem,
  type WebhookEndpoint,
} from '../delivery/webhook-endpoint.js';
import { ConfigError } from '../errors.js';

/** The id of the one endpoint set by `PAPERBRIEF_WEBHOOK_URL` + `PAPERBRIEF_WEBHOOK_SECRET`. */
export const ENV_ENDPOINT_ID = 'default';

type DeliveryConfig = Pick<
  Config,
  | 'PAPERBRIEF_WEBHOOKS_FILE'
  | 'PAPERBRIEF_WEBHOOK_URL'
  | 'PAPERBRIEF_WEBHOOK_SECRET'
  | 'PAPERBRIEF_WEBHOOK_RETRY_SCHEDULE'
  | 'PAPERBRIEF_WEBHOOK_ALLOW_PRIVATE'
  | 'PAPERBRIEF_SLACK_WEBHOOK_URL'
  | 'PAPERBRIEF_DISCORD_WEBHOOK_URL'
>;

/** The ids of the endpoints `PAPERBRIEF_SLACK_WEBHOOK_URL` and `PAPERBRIEF_DISCORD_WEBHOOK_URL` add. */
export const CHAT_ENDPOINT_IDS = { slack: 'slack', discord: 'discord' } as const;

export interface LoadDeliverySettingsDeps {
  /** Reads the endpoints file. @default fs.promises.readFile as UTF-8 */
  readTextFile?: (path: string) => Promise<string>;
}

/**
 * Reads the webhook settings: endpoints from `PAPERBRIEF_WEBHOOKS_FILE` (a JSON file
 * `{ "endpoints": [{ "id", "url", "secret", "tags"? }] }`) or the one endpoint `default` from
 * `PAPERBRIEF_WEBHOOK_URL` + `PAPERBRIEF_WEBHOOK_SECRET` (setting both ways is an error), the retry
 * schedule and the private-address switch.
 * @throws ConfigError naming the variable, the file and the field that is wrong (never a secret's value).
 */
export async function loadDeliverySettings(
  config: DeliveryConfig,
  deps: LoadDeliverySettingsDeps = {},
): Promise<DeliverySettings> {
  const settings = await standardSettings(config, deps);
  const chat = chatEndpointsFromEnvironment(config, settings.allowPrivate);
  for (const endpoint of chat) {
    if (settings.endpoints.some((other) => other.id === endpoint.id)) {
      throw new ConfigError(
        `PAPERBRIEF_${endpoint.id.toUpperCase()}_WEBHOOK_URL: adds the endpoint "${endpoint.id}", ` +
          'which PAPERBRIEF_WEBHOOKS_FILE already has; rename that one or drop the variable',
      );
    }
  }
  return { ...settings, endpoints: [...settings.endpoints, ...chat] };
}

/**
 * The endpoints of PAPERBRIEF_SLACK_WEBHOOK_URL (format `slack`, id `slack`) and
 * PAPERBRIEF_DISCORD_WEBHOOK_URL (format `discord`, id `discord`), checked like any other URL.
 */
function chatEndpointsFromEnvironment(config: DeliveryConfig, allowPrivate: boolean): WebhookEndpoint[] {
  const given = [
    ['slack', config.PAPERBRIEF_SLACK_WEBHOOK_URL, 'PAPERBRIEF_SLACK_WEBHOOK_URL'],
    ['discord', config.PAPERBRIEF_DISCORD_WEBHOOK_URL, 'PAPERBRIEF_DISCORD_WEBHOOK_URL'],
  ] as const;
  return given.flatMap(([format, url, variable]) => {
    if (url === undefined) return [];
    const parsed = WebhookEndpointSchema.safeParse({ id: CHAT_ENDPOINT_IDS[format], url, format });
    if (!parsed.success)
      throw new ConfigError(`${variable}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const problem = urlPolicyProblem(new URL(parsed.data.url), allowPrivate);
    if (problem !== undefined) throw new ConfigError(`${variable}: ${problem}`);
    return [parsed.data];
  });
}

async function standardSettings(
  config: DeliveryConfig,
  deps: LoadDeliverySettingsDeps,
): Promise<DeliverySettings> {
  const allowPrivate = config.PAPERBRIEF_WEBHOOK_ALLOW_PRIVATE;
  const retryScheduleMs = retryScheduleFrom(config);
  const file = config.PAPERBRIEF_WEBHOOKS_FILE;
  if (file !== undefined) {
    if (config.PAPERBRIEF_WEBHOOK_URL !== undefined || config.PAPERBRIEF_WEBHOOK_SECRET !== undefined) {
      throw new ConfigError(
        'PAPERBRIEF_WEBHOOKS_FILE and PAPERBRIEF_WEBHOOK_URL/PAPERBRIEF_WEBHOOK_SECRET are both set; ' +
          'use one: list every endpoint in the file, or set the one endpoint in the environment',
      );
    }
    const readTextFile = deps.readTextFile ?? ((path: string) => readFile(path, 'utf8'));
    return {
      endpoints: await endpointsFromFile(file, readTextFile, allowPrivate),
      retryScheduleMs,
      allowPrivate,
    };
  }
  return { endpoints: endpointsFromEnvironment(config, allowPrivate), retryScheduleMs, allowPrivate };
}

async function endpointsFromFile(
  path: string,
  readTextFile: (path: string) => Promise<string>,
  allowPrivate: boolean,
): Promise<WebhookEndpoint[]> {
  const where = `PAPERBRIEF_WEBHOOKS_FILE ${path}`;
  let text: string;
  try {
    text = await readTextFile(path);
  } catch (error) {
    throw new ConfigError(`${where}: cannot read it: ${(error as Error).message}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the fault, which may be a secret.
    throw new ConfigError(`${where}: is not valid JSON`);
  }
  const parsed = WebhookEndpointsFileSchema.safeParse(value);
  if (!parsed.success) throw new ConfigError(`${where}: ${describeIssues(parsed.error.issues)}`);
  const problems = parsed.data.endpoints.flatMap((endpoint, index) => {
    const problem = urlPolicyProblem(new URL(endpoint.url), allowPrivate);
    return problem === undefined ? [] : [`endpoints[${index}].url: ${problem}`];
  });
  if (problems.length > 0) throw new ConfigError(`${where}: ${problems.join('; ')}`);
  return parsed.data.endpoints;
}

function endpointsFromEnvironment(config: DeliveryConfig, allowPrivate: boolean): WebhookEndpoint[] {
  const url = config.PAPERBRIEF_WEBHOOK_URL;
  const secret = config.PAPERBRIEF_WEBHOOK_SECRET;
  if (url === undefined && secret === undefined) return [];
  if (url === undefined)
    throw new ConfigError('PAPERBRIEF_WEBHOOK_URL: is missing (PAPERBRIEF_WEBHOOK_SECRET is set)');
  if (secret === undefined)
    throw new ConfigError('PAPERBRIEF_WEBHOOK_SECRET: is missing (PAPERBRIEF_WEBHOOK_URL is set)');
  const variableOf: Record<string, string> = {
    url: 'PAPERBRIEF_WEBHOOK_URL',
    secret: 'PAPERBRIEF_WEBHOOK_SECRET',
  };
  const parsed = WebhookEndpointSchema.safeParse({ id: ENV_ENDPOINT_ID, url, secret });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${variableOf[String(issue.path[0])]}: ${issue.message}`,
    );
    throw new ConfigError(problems.join('; '));
  }
  const problem = urlPolicyProblem(new URL(parsed.data.url), allowPrivate);
  if (problem !== undefined) throw new ConfigError(`PAPERBRIEF_WEBHOOK_URL: ${problem}`);
  return [parsed.data];
}

/** `endpoints[1].secret: must be ...; endpoints[2]: unrecognized key "tag"` */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path
        .map((part, index) =>
          typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
        )
        .join('');
      return `${path === '' ? '(top level)' : path}: ${issue.message}`;
    })
    .join('; ');
}
