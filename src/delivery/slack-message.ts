import type { Brief, ClaimedResult } from '../briefs/brief.js';
import { arxivUrl, codeUrl } from '../briefs/brief-links.js';
import { slackText, truncateText } from './chat-text.js';

/**
 * Slack's documented Block Kit limits (docs.slack.dev, "Block Kit" reference): 50 blocks per
 * message, header text 150 characters (plain_text), section text 3,000, 10 fields of 2,000 each,
 * 10 context elements, button text 75 and URL 3,000.
 */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3_000,
  fields: 10,
  fieldText: 2_000,
  contextElements: 10,
  buttonText: 75,
  buttonUrl: 3_000,
  /** The notification text; Slack advises keeping it short. */
  fallbackText: 3_000,
} as const;

type Text = { type: 'plain_text' | 'mrkdwn'; text: string; emoji?: boolean };
export type SlackBlock =
  | { type: 'header'; text: Text }
  | { type: 'section'; text?: Text; fields?: Text[] }
  | { type: 'context'; elements: Text[] }
  | { type: 'divider' }
  | {
      type: 'actions';
      elements: Array<{ type: 'button'; text: Text; url: string; action_id: string }>;
    };

/** The JSON body posted to a Slack incoming webhook: notification text plus Block Kit blocks. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const mrkdwn = (text: string): Text => ({ type: 'mrkdwn', text });

function resultField(result: ClaimedResult): Text {
  const where = [result.metric, result.dataset ? `on ${result.dataset}` : null].filter(Boolean).join(' ');
  const versus = result.comparison ? `\nvs ${result.comparison}` : '';
  return mrkdwn(slackText(`*${result.value}* ${where}${versus}`.trim(), SLACK_LIMITS.fieldText));
}

/**
 * A brief as a Slack Block Kit message: a header with the title, the TL;DR with method and
 * contribution type, the results as fields (ten per section, at most three sections), the tags
 * as context, and buttons to arXiv and the code. Every text is cut to its documented limit.
 */
export function slackMessage(brief: Brief): SlackMessage {
  const method = brief.method_name ? `*Method:* ${brief.method_name} · ` : '';
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncateText(brief.paper.title, SLACK_LIMITS.headerText),
        emoji: false,
      },
    },
    {
      type: 'section',
      text: mrkdwn(
        slackText(`*TL;DR* ${brief.tldr}\n${method}_${brief.contribution_type}_`, SLACK_LIMITS.sectionText),
      ),
    },
  ];
  const results = brief.claimed_results.slice(0, SLACK_LIMITS.fields * 3);
  for (let start = 0; start < results.length; start += SLACK_LIMITS.fields) {
    blocks.push({
      type: 'section',
      fields: results.slice(start, start + SLACK_LIMITS.fields).map(resultField),
    });
  }
  if (brief.tags.length > 0) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(slackText(brief.tags.map((tag) => `#${tag}`).join('  '), SLACK_LIMITS.sectionText))],
    });
  }
  const buttons = [
    { label: 'arXiv', url: arxivUrl(brief), action_id: 'open_arxiv' },
    { label: 'Code', url: codeUrl(brief), action_id: 'open_code' },
  ].flatMap(({ label, url, action_id }) =>
    url !== undefined && url.length <= SLACK_LIMITS.buttonUrl
      ? [{ type: 'button' as const, text: { type: 'plain_text' as const, text: label }, url, action_id }]
      : [],
  );
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  return {
    text: slackText(`${brief.paper.title}: ${brief.tldr}`, SLACK_LIMITS.fallbackText),
    blocks: blocks.slice(0, SLACK_LIMITS.blocks),
  };
}
