import { Webhook } from 'standardwebhooks';
import { ConfigError } from '../errors.js';

/** The three Standard Webhooks headers. */
export interface WebhookSignatureHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export interface SignWebhookInput {
  /** Same for every attempt of one delivery (see `webhookIdFor`). */
  webhookId: string;
  /** The exact body that will be sent; the signature covers these characters. */
  payload: string;
  /** The endpoint's secret, `whsec_` + base64. */
  secret: string;
  /** When this attempt is made; receivers reject timestamps more than 5 minutes away from their clock. */
  timestamp: Date;
}

/**
 * Signs one attempt with the `standardwebhooks` library: `webhook-signature` is
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.payload">`, `webhook-timestamp` is in Unix seconds.
 * @throws ConfigError when the secret is not usable (empty or not base64).
 */
export function signWebhook(input: SignWebhookInput): WebhookSignatureHeaders {
  let signer: Webhook;
  try {
    signer = new Webhook(input.secret);
  } catch (error) {
    // The library's message never contains the secret; ours must not either.
    throw new ConfigError(`webhook secret is not usable: ${(error as Error).message}`, { cause: error });
  }
  return {
    'webhook-id': input.webhookId,
    'webhook-timestamp': String(Math.floor(input.timestamp.getTime() / 1000)),
    'webhook-signature': signer.sign(input.webhookId, input.timestamp, input.payload),
  };
}
