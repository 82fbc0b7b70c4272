import type { Brief, ClaimedResult } from '../briefs/brief.js';
import { arxivUrl, codeUrl } from '../briefs/brief-links.js';
import { escapeHtml } from '../briefs/html-text.js';
import type { DigestGrouping } from './collect-digest.js';

export interface DigestDocument {
  /** e.g. `12 briefs since 2026-01-02` */
  heading: string;
  sections: Array<{ title: string; briefs: Brief[] }>;
  grouping: DigestGrouping;
}

function resultLine(result: ClaimedResult): string {
  return [
    result.metric,
    result.dataset ? `on ${result.dataset}` : null,
    result.comparison ? `vs ${result.comparison}` : null,
  ]
    .filter(Boolean)
    .join(' ');
}

/** Markdown text: `[`, `]`, `*`, `_`, backticks and backslashes are escaped. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1');
}

/** The digest as Markdown: a heading per section, per brief its linked title, TL;DR, results and tags. */
export function digestMarkdown(digest: DigestDocument): string {
  const lines = [`# paperbrief digest: ${digest.heading}`, ''];
  if (digest.sections.length === 0) lines.push('No brief was made in this period.', '');
  for (const section of digest.sections) {
    lines.push(`## ${md(section.title)}`, '');
    for (const brief of section.briefs) {
      const link = arxivUrl(brief) ?? brief.paper.url;
      lines.push(link ? `### [${md(brief.paper.title)}](${link})` : `### ${md(brief.paper.title)}`, '');
      lines.push(md(brief.tldr), '');
      for (const result of brief.claimed_results) {
        const what = resultLine(result);
        lines.push(`- **${md(result.value)}**${what ? ` ${md(what)}` : ''}`);
      }
      if (brief.claimed_results.length > 0) lines.push('');
      const code = codeUrl(brief);
      const facts = [
        brief.method_name ? `method ${md(brief.method_name)}` : undefined,
        brief.contribution_type,
        brief.tags.length > 0 ? `tags: ${brief.tags.map((tag) => `\`${tag}\``).join(', ')}` : undefined,
        code ? `[code](${code})` : undefined,
      ].filter(Boolean);
      lines.push(`_${facts.join(' · ')}_`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

const STYLE = {
  body: 'margin:0;padding:16px;background:#f6f7f9;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1d2430;',
  card: 'max-width:640px;margin:0 auto;background:#ffffff;border:1px solid #d9dee5;border-radius:8px;padding:16px 20px;',
  h1: 'font-size:20px;margin:0 0 12px;',
  h2: 'font-size:16px;margin:20px 0 8px;padding-bottom:4px;border-bottom:1px solid #d9dee5;color:#5b6472;',
  h3: 'font-size:15px;margin:14px 0 4px;',
  link: 'color:#1f5fbf;text-decoration:none;',
  p: 'margin:4px 0;font-size:14px;line-height:1.5;',
  meta: 'margin:4px 0 10px;font-size:12px;color:#5b6472;',
  ul: 'margin:4px 0;padding-left:20px;font-size:14px;line-height:1.5;',
} as const;

/**
 * The digest as a self-contained HTML e-mail body: inline styles only (mail clients drop style
 * sheets), no script, no images, every value escaped.
 */
export function digestHtml(digest: DigestDocument): string {
  const link = (href: string, text: string) =>
    `<a href="${escapeHtml(href)}" style="${STYLE.link}">${text}</a>`;
  const parts: string[] = [];
  if (digest.sections.length === 0) parts.push(`<p style="${STYLE.p}">No brief was made in this period.</p>`);
  for (const section of digest.sections) {
    parts.push(`<h2 style="${STYLE.h2}">${escapeHtml(section.title)}</h2>`);
    for (const brief of section.briefs) {
      const href = arxivUrl(brief) ?? brief.paper.url;
      const title = escapeHtml(brief.paper.title);
      parts.push(`<h3 style="${STYLE.h3}">${href ? link(href, title) : title}</h3>`);
      parts.push(`<p style="${STYLE.p}">${escapeHtml(brief.tldr)}</p>`);
      if (brief.claimed_results.length > 0) {
        const items = brief.claimed_results.map((result) => {
          const what = resultLine(result);
          return `<li><strong>${escapeHtml(result.value)}</strong>${what ? ` ${escapeHtml(what)}` : ''}</li>`;
        });
        parts.push(`<ul style="${STYLE.ul}">${items.join('')}</ul>`);
      }
      const code = codeUrl(brief);
      const facts = [
        brief.method_name ? `method ${escapeHtml(brief.method_name)}` : undefined,
        escapeHtml(brief.contribution_type),
        brief.tags.length > 0 ? escapeHtml(brief.tags.join(', ')) : undefined,
        code ? link(code, 'code') : undefined,
      ].filter(Boolean);
      parts.push(`<p style="${STYLE.meta}">${facts.join(' · ')}</p>`);
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>paperbrief digest</title></head>
<body style="${STYLE.body}"><div style="${STYLE.card}"><h1 style="${STYLE.h1}">paperbrief digest: ${escapeHtml(digest.heading)}</h1>
${parts.join('\n')}
</div></body></html>
`;
}
