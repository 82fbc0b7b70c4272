/**
 * Cutting text to a chat platform's limit without breaking it: limits are counted in UTF-16
 * code units here (never more than the characters the platforms count), a surrogate pair is never
 * split, and a cut ends with `…` inside the limit.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Slack mrkdwn needs only `&`, `<` and `>` escaped (they start entities and links). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escaped Slack text cut to `max`: the cut is made on the escaped text and drops a half-cut
 * entity (`&am`) at its end, so the limit holds and the text still parses.
 */
export function slackText(text: string, max: number): string {
  const escaped = escapeSlack(text);
  if (escaped.length <= max) return escaped;
  return truncateText(escaped, max).replace(/&[a-z]{0,3}…$/, '…');
}

/** Discord markdown: backslash the characters that would format (`*`, `_`, `~`, `` ` ``, `|`, `\`). */
export function escapeDiscord(text: string): string {
  return text.replace(/([\\*_~`|])/g, '\\$1');
}

/** Escaped Discord text cut to `max`, never ending in a lone escaping backslash. */
export function discordText(text: string, max: number): string {
  const escaped = escapeDiscord(text);
  if (escaped.length <= max) return escaped;
  return truncateText(escaped, max).replace(/(?<!\\)\\…$/, '…');
}
