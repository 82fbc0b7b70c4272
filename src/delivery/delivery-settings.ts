import type { WebhookEndpoint } from './webhook-endpoint.js';

/** Where briefs go and how often to try; built from configuration by src/compose/delivery-settings.ts. */
export interface DeliverySettings {
  /** Where briefs go; empty when no webhook is configured. */
  endpoints: WebhookEndpoint[];
  /** Waits between attempts, in milliseconds (see `nextDelayMs`). */
  retryScheduleMs: number[];
  /** Admit private, loopback and link-local addresses and plain http (development and tests). */
  allowPrivate: boolean;
}
