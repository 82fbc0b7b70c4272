import type { Brief } from '../briefs/brief.js';
import { arxivUrl, codeUrl } from '../briefs/brief-links.js';
import { discordText, escapeDiscord, truncateText } from './chat-text.js';

/**
 * Discord's documented embed limits (developer docs, "Embed Limits"): title 256, description
 * 4,096, 25 fields, field name 256 and value 1,024, footer 2,048, and 6,000 characters in all.
 */
export const DISCORD_LIMITS = {
  title: 256,
  description: 4_096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  total: 6_000,
} as const;

export interface DiscordEmbed {
  title: string;
  url?: string;
  description: string;
  fields: Array<{ name: string; value: string; inline: boolean }>;
  footer?: { text: string };
  timestamp: string;
}

/** The JSON body posted to a Discord webhook. */
export interface DiscordMessage {
  embeds: [DiscordEmbed];
  /** Nothing in a brief may ping anyone (`@everyone` in a title stays text). */
  allowed_mentions: { parse: [] };
}

/** Characters Discord counts towards an embed's 6,000 (title, description, fields, footer). */
export function embedLength(embed: DiscordEmbed): number {
  return (
    embed.title.length +
    embed.description.length +
    embed.fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0) +
    (embed.footer?.text.length ?? 0)
  );
}

/**
 * A brief as one Discord embed: the title linking to arXiv, the TL;DR with method, type and code
 * link as description, one inline field per result (value as name; metric, dataset and
 * comparison as value), the tags as footer. Each text is cut to its limit; results that would
 * pass 25 fields or the 6,000 total are left out, with a last field saying how many.
 */
export function discordMessage(brief: Brief): DiscordMessage {
  const code = codeUrl(brief);
  const details = [
    brief.method_name ? `**Method:** ${escapeDiscord(brief.method_name)}` : undefined,
    `*${brief.contribution_type}*`,
    code ? `[Code](${code})` : undefined,
  ].filter(Boolean);
  const description = truncateText(
    `${discordText(brief.tldr, DISCORD_LIMITS.description - 600)}\n${details.join(' · ')}`,
    DISCORD_LIMITS.description,
  );
  const arxiv = arxivUrl(brief);
  const embed: DiscordEmbed = {
    title: discordText(brief.paper.title, DISCORD_LIMITS.title),
    ...(arxiv ? { url: arxiv } : {}),
    description,
    fields: [],
    ...(brief.tags.length > 0
      ? { footer: { text: truncateText(brief.tags.join(' · '), DISCORD_LIMITS.footer) } }
      : {}),
    timestamp: brief.provenance.created_at,
  };
  const results = brief.claimed_results;
  // Room for a closing "more results" field is kept back from the total.
  const budget = DISCORD_LIMITS.total - 60;
  for (const [index, result] of results.entries()) {
    const value = [
      result.metric,
      result.dataset ? `on ${result.dataset}` : null,
      result.comparison ? `vs ${result.comparison}` : null,
    ]
      .filter(Boolean)
      .join(' ');
    const field = {
      name: discordText(result.value, DISCORD_LIMITS.fieldName),
      value: discordText(value || '(metric not stated)', DISCORD_LIMITS.fieldValue),
      inline: true,
    };
    const left = results.length - index;
    const fits =
      embed.fields.length < DISCORD_LIMITS.fields - (left > 1 ? 1 : 0) &&
      embedLength(embed) + field.name.length + field.value.length <= budget;
    if (!fits) {
      embed.fields.push({ name: 'More results', value: `${left} more on the paper's page`, inline: false });
      break;
    }
    embed.fields.push(field);
  }
  return { embeds: [embed], allowed_mentions: { parse: [] } };
}
