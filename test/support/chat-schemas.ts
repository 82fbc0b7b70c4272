import { z } from 'zod';

/**
 * The shapes Slack and Discord document, written out here from their references (Block Kit:
 * header, section, context, actions; Discord: embed and its limits) so the payloads are checked
 * against the platforms' rules, not against our own builders' constants.
 */
const plain = (max: number) =>
  z.object({
    type: z.literal('plain_text'),
    text: z.string().min(1).max(max),
    emoji: z.boolean().optional(),
  });
const mrkdwn = (max: number) => z.object({ type: z.literal('mrkdwn'), text: z.string().min(1).max(max) });
const SlackBlockSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('header'), text: plain(150) }),
  z.strictObject({
    type: z.literal('section'),
    text: mrkdwn(3_000).optional(),
    fields: z.array(mrkdwn(2_000)).min(1).max(10).optional(),
  }),
  z.strictObject({ type: z.literal('context'), elements: z.array(mrkdwn(3_000)).min(1).max(10) }),
  z.strictObject({
    type: z.literal('actions'),
    elements: z
      .array(
        z.strictObject({
          type: z.literal('button'),
          text: plain(75),
          url: z.url().max(3_000),
          action_id: z.string().max(255),
        }),
      )
      .min(1)
      .max(25),
  }),
]);
export const SlackMessageSchema = z.strictObject({
  text: z.string().min(1),
  blocks: z.array(SlackBlockSchema).min(1).max(50),
});
export const DiscordMessageSchema = z.strictObject({
  embeds: z
    .array(
      z.strictObject({
        title: z.string().max(256),
        url: z.url().optional(),
        description: z.string().max(4_096),
        fields: z
          .array(
            z.strictObject({
              name: z.string().min(1).max(256),
              value: z.string().min(1).max(1_024),
              inline: z.boolean(),
            }),
          )
          .max(25),
        footer: z.strictObject({ text: z.string().max(2_048) }).optional(),
        timestamp: z.iso.datetime(),
      }),
    )
    .max(10),
  allowed_mentions: z.strictObject({ parse: z.array(z.string()).length(0) }),
});
