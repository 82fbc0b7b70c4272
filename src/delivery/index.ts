/**
 * Signed webhook delivery (Standard Webhooks), as a library for the `deliver` queue:
 *
 *     const settings = await loadDeliverySettings(config);  // src/compose: endpoints, schedule, allowPrivate
 *     for (const endpoint of endpointsForBrief(settings.endpoints, brief)) enqueue(brief, endpoint);
 *     // in the processor, once per attempt:
 *     const outcome = await sendWebhook(createWebhookDelivery(brief, endpoint), settings);
 *     // delivered → done · gone → disable the endpoint · refused → fail without retry
 *     // retry → throw; BullMQ waits nextDelayMs(job.attemptsMade, settings.retryScheduleMs),
 *     //         with attempts: maxAttempts(settings.retryScheduleMs)
 *     await recordOutcome(log, { webhookId, endpointId, version, outcome, lastAttempt, at }); // the log
 *
 * The webhook id, and therefore the receiver's de-duplication key, is the same for every attempt
 * and every replay of one brief version to one endpoint; a re-briefed paper gets a new one.
 */
export { classifyAddress, refusedAddressReason, type AddressVerdict } from './address-policy.js';
export {
  DELIVERY_STATUSES,
  DeliveryRecordSchema,
  DeliveryStatusSchema,
  UNDELIVERED_STATUSES,
  type DeliveryEntry,
  type DeliveryLog,
  type DeliveryQuery,
  type DeliveryRecord,
  type DeliveryStatus,
  type DisabledEndpoint,
} from './delivery-log.js';
export { DeliveryError, type DeliveryErrorCode } from './delivery-error.js';
export { type DeliveryOutcome } from './delivery-outcome.js';
export {
  guardedLookup,
  RefusedAddressError,
  systemResolveHost,
  type ResolvedAddress,
  type ResolveHost,
} from './guarded-lookup.js';
export { type DeliverySettings } from './delivery-settings.js';
export { discordMessage, DISCORD_LIMITS, embedLength, type DiscordMessage } from './discord-message.js';
export { slackMessage, SLACK_LIMITS, type SlackBlock, type SlackMessage } from './slack-message.js';
export { recordOutcome, statusOfOutcome, type AttemptToRecord } from './record-outcome.js';
export {
  DEFAULT_RETRY_SCHEDULE_MS,
  maxAttempts,
  nextDelayMs,
  parseRetrySchedule,
  retryScheduleFrom,
} from './retry-schedule.js';
export {
  createWebhookDelivery,
  RESPONSE_BODY_LIMIT,
  sendWebhook,
  type SendWebhookDeps,
  type WebhookDelivery,
} from './send-webhook.js';
export { signWebhook, type SignWebhookInput, type WebhookSignatureHeaders } from './sign-webhook.js';
export {
  endpointsForBrief,
  endpointWantsBrief,
  MIN_SECRET_BYTES,
  urlPolicyProblem,
  WebhookEndpointSchema,
  WebhookEndpointsFileSchema,
  WebhookFormatSchema,
  type WebhookEndpoint,
  type WebhookFormat,
} from './webhook-endpoint.js';
export {
  BRIEF_CREATED,
  BriefCreatedEventSchema,
  briefCreatedEvent,
  briefVersionOf,
  webhookIdFor,
  webhookIdForBrief,
  type BriefCreatedEvent,
  type BriefVersion,
} from './webhook-event.js';
