import type { Config } from '../../config.js';
import { refusedAddressReason, systemResolveHost, type ResolveHost } from '../../delivery/index.js';
import { loadDeliverySettings } from '../delivery-settings.js';
import { ConfigError } from '../../errors.js';
import { reasonOf, type CheckResult } from './doctor-check.js';

/**
 * Reads the webhook endpoints (which checks their URLs and secrets), then resolves each host and
 * applies the address policy deliveries use, without sending anything. A host that does not exist
 * or resolves to a refused address is a configuration problem; a resolver that does not answer is
 * reported as down.
 */
export async function checkWebhooks(
  config: Config,
  resolveHost: ResolveHost = systemResolveHost,
): Promise<CheckResult[]> {
  let settings;
  try {
    settings = await loadDeliverySettings(config);
  } catch (error) {
    return [
      { name: 'webhooks', status: error instanceof ConfigError ? 'config' : 'down', detail: reasonOf(error) },
    ];
  }
  if (settings.endpoints.length === 0) {
    return [
      {
        name: 'webhooks',
        status: 'skip',
        detail: 'no endpoint (PAPERBRIEF_WEBHOOK_URL, PAPERBRIEF_WEBHOOKS_FILE)',
      },
    ];
  }
  const variable = config.PAPERBRIEF_WEBHOOKS_FILE ? 'PAPERBRIEF_WEBHOOKS_FILE' : 'PAPERBRIEF_WEBHOOK_URL';
  return Promise.all(
    settings.endpoints.map(async (endpoint): Promise<CheckResult> => {
      const name = 'webhook';
      const host = new URL(endpoint.url).hostname.replace(/^\[|\]$/g, '');
      const shown = `${endpoint.id} ${endpoint.url}`;
      let addresses;
      try {
        addresses = await resolveHost(host);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const status = code === 'ENOTFOUND' || code === 'ENODATA' ? 'config' : 'down';
        return { name, status, detail: `${shown}: DNS: ${reasonOf(error)}; check ${variable}` };
      }
      for (const { address } of addresses) {
        const refused = refusedAddressReason(address, settings.allowPrivate);
        if (refused) {
          return {
            name,
            status: 'config',
            detail: `${shown}: ${host} resolves to ${address}, refused: ${refused}; check ${variable}`,
          };
        }
      }
      const list = addresses.map((entry) => entry.address).join(', ');
      return { name, status: 'ok', detail: `${shown}: resolves to ${list}, allowed (nothing sent)` };
    }),
  );
}
