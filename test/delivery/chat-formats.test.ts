import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Brief } from '../../src/briefs/brief.js';
import {
  createWebhookDelivery,
  DISCORD_LIMITS,
  discordMessage,
  embedLength,
  sendWebhook,
  SLACK_LIMITS,
  slackMessage,
} from '../../src/delivery/index.js';
import { loadDeliverySettings } from '../../src/compose/delivery-settings.js';
import { loadConfig } from '../../src/config.js';
import { briefFixture } from '../support/brief-fixtures.js';
import { DiscordMessageSchema, SlackMessageSchema } from '../support/chat-schemas.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/** A brief at every limit of the schema: 30 results, long texts, markup, an emoji at a cut. */
function hugeBrief(): Brief {
  const long = (text: string, length: number) =>
    text.repeat(Math.ceil(length / text.length)).slice(0, length);
  return briefFixture({
    paper: { title: `${long('Scaling <Sparse> & "Dense" Experts ', 990)}🧪`, id: '2406.04312' },
    tldr: 'RouteViT routes image tokens to sparse experts and reaches 84.8\\% top-1 accuracy on ImageNet with <markup> & *stars*.',
    method_name: long('RouteViT_*', 120),
    claimed_results: Array.from({ length: 30 }, (_, index) => ({
      value: `${index}.5%`,
      metric: long('top-1 accuracy ', 200),
      dataset: long('ImageNet-1k ', 200),
      comparison: long('the dense ViT-B baseline ', 300),
      evidence: long('RouteViT obtains 84.8% top-1 accuracy on ImageNet ', 1_000),
    })),
    tags: ['mixture-of-experts', 'vision-transformer', 'efficiency', 'image-classification'],
  });
}

describe('Slack Block Kit messages', () => {
  it('carry header, TL;DR, results as fields, tags and arXiv/code buttons', () => {
    const message = slackMessage(briefFixture());
    expect(SlackMessageSchema.parse(message)).toEqual(message);
    expect(message.blocks.map((block) => block.type)).toEqual([
      'header',
      'section',
      'section',
      'context',
      'actions',
    ]);
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: briefFixture().paper.title, emoji: false },
    });
    expect(JSON.stringify(message.blocks[2])).toContain('*84.8\\\\%* top-1 accuracy on ImageNet');
    expect(message.blocks.at(-1)).toMatchObject({
      elements: [
        { text: { text: 'arXiv' }, url: 'https://arxiv.org/abs/2406.04312' },
        { text: { text: 'Code' }, url: 'https://github.com/example/routevit' },
      ],
    });
  });

  it('stay within every documented limit for the largest brief, escaping &, < and >', () => {
    const message = slackMessage(hugeBrief());
    SlackMessageSchema.parse(message);
    const header = message.blocks[0] as { text: { text: string } };
    expect(header.text.text).toHaveLength(SLACK_LIMITS.headerText);
    expect(header.text.text.endsWith('…')).toBe(true);
    const fields = message.blocks.flatMap((block) => ('fields' in block ? (block.fields ?? []) : []));
    expect(fields).toHaveLength(30);
    const tldr = (message.blocks[1] as { text: { text: string } }).text.text;
    expect(tldr).toContain('&lt;markup&gt; &amp; *stars*');
    expect(tldr).not.toMatch(/<markup>/);
  });
});

describe('Discord embeds', () => {
  it('carry title with arXiv link, TL;DR, results as fields and tags, mentioning no one', () => {
    const message = discordMessage(
      briefFixture({ tldr: 'Tell @everyone that RouteViT reaches 84.8\\% top-1 accuracy on ImageNet.' }),
    );
    expect(DiscordMessageSchema.parse(message)).toEqual(message);
    const [embed] = message.embeds;
    expect(embed.url).toBe('https://arxiv.org/abs/2406.04312');
    expect(embed.description).toContain('[Code](https://github.com/example/routevit)');
    expect(embed.fields.map((field) => field.name)).toEqual(['84.8\\\\%', '2.3\\\\times']);
    expect(embed.footer?.text).toBe('mixture-of-experts · vision-transformer');
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it('stay within 25 fields, each limit and 6,000 characters in all for the largest brief', () => {
    const message = discordMessage(hugeBrief());
    DiscordMessageSchema.parse(message);
    const [embed] = message.embeds;
    expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.total);
    expect(embed.title.length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(embed.fields.at(-1)?.name).toBe('More results');
    expect(embed.fields.at(-1)?.value).toMatch(/^\d+ more on the paper's page$/);
    expect(embed.title).not.toMatch(/(?<!\\)\\…$/);
  });
});

describe('chat endpoints on the delivery path (real local receiver)', () => {
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = await startWebhookReceiver({ defaultStatus: 200 });
  });
  afterEach(() => receiver.close());

  it('come from PAPERBRIEF_SLACK_WEBHOOK_URL and PAPERBRIEF_DISCORD_WEBHOOK_URL, without secrets', async () => {
    const settings = await loadDeliverySettings(
      loadConfig({
        PAPERBRIEF_SLACK_WEBHOOK_URL: `${receiver.url}/slack`,
        PAPERBRIEF_DISCORD_WEBHOOK_URL: `${receiver.url}/discord`,
        PAPERBRIEF_WEBHOOK_ALLOW_PRIVATE: '1',
      }),
    );
    expect(settings.endpoints.map((endpoint) => [endpoint.id, endpoint.format])).toEqual([
      ['slack', 'slack'],
      ['discord', 'discord'],
    ]);
    await expect(
      loadDeliverySettings(loadConfig({ PAPERBRIEF_SLACK_WEBHOOK_URL: 'http://127.0.0.1/x' })),
    ).rejects.toThrow(/PAPERBRIEF_SLACK_WEBHOOK_URL: plain http is refused/);
    await expect(
      loadDeliverySettings(loadConfig({ PAPERBRIEF_SLACK_WEBHOOK_URL: 'https://10.0.0.1/services/x' })),
    ).rejects.toThrow(/PAPERBRIEF_SLACK_WEBHOOK_URL: address 10\.0\.0\.1 is refused/);
  });

  it('post the platform JSON unsigned, and read Slack’s Retry-After and Discord’s retry_after on a 429', async () => {
    const slack = { id: 'slack', url: `${receiver.url}/slack`, format: 'slack' as const };
    const discord = { id: 'discord', url: `${receiver.url}/discord`, format: 'discord' as const };
    receiver.respondWith(
      { status: 429, headers: { 'retry-after': '7' }, body: 'rate_limited' },
      {
        status: 429,
        headers: { 'content-type': 'application/json' },
        body: '{"message":"You are being rate limited.","retry_after":1.5,"global":false}',
      },
      200,
      204,
    );
    const brief = briefFixture();
    const send = (endpoint: typeof slack | typeof discord) =>
      sendWebhook(createWebhookDelivery(brief, endpoint), { allowPrivate: true });
    expect(await send(slack)).toMatchObject({ kind: 'retry', status: 429, retryAfterMs: 7_000 });
    expect(await send(discord)).toMatchObject({ kind: 'retry', status: 429, retryAfterMs: 1_500 });
    expect(await send(slack)).toMatchObject({ kind: 'delivered', status: 200 });
    expect(await send(discord)).toMatchObject({ kind: 'delivered', status: 204 });
    const [, , toSlack, toDiscord] = receiver.requests;
    expect(toSlack?.headers['webhook-signature']).toBeUndefined();
    expect(toSlack?.headers['content-type']).toBe('application/json');
    SlackMessageSchema.parse(JSON.parse(toSlack?.rawBody ?? ''));
    DiscordMessageSchema.parse(JSON.parse(toDiscord?.rawBody ?? ''));
  });
});
