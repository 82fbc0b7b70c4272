import type { SlackBlock, SlackMessage } from '../../src/delivery/index.js';

/**
 * A simple HTML imitation of how Slack shows a Block Kit message, for the README screenshot only:
 * it is not Slack's renderer. Slack's mrkdwn is applied for the few marks the messages use
 * (`*bold*`, `_italic_`, line breaks); entities (`&amp;`, `&lt;`) are already escaped by the
 * message builder and stay as they are.
 */
function mrkdwn(text: string): string {
  return text
    .replace(/\*([^*\n]+)\*/g, '<b>$1</b>')
    .replace(/(^|\s)_([^_\n]+)_/g, '$1<i>$2</i>')
    .replace(/\n/g, '<br>');
}

const plainText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function block(item: SlackBlock): string {
  switch (item.type) {
    case 'header':
      return `<div class="header">${plainText(item.text.text)}</div>`;
    case 'section':
      return (
        (item.text ? `<div class="section">${mrkdwn(item.text.text)}</div>` : '') +
        (item.fields
          ? `<div class="fields">${item.fields.map((field) => `<div>${mrkdwn(field.text)}</div>`).join('')}</div>`
          : '')
      );
    case 'context':
      return `<div class="context">${item.elements.map((element) => mrkdwn(element.text)).join(' ')}</div>`;
    case 'actions':
      return `<div class="actions">${item.elements.map((button) => `<a class="button" href="${plainText(button.url)}">${plainText(button.text.text)}</a>`).join('')}</div>`;
    case 'divider':
      return '<hr>';
  }
}

export function slackMockHtml(message: SlackMessage): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 20px; font: 15px/1.46668 Lato, "Helvetica Neue", Arial, sans-serif; color: #1d1c1d; background: #fff; }
.note { font-size: 12px; color: #616061; margin-bottom: 14px; }
.message { display: grid; grid-template-columns: 36px 1fr; gap: 8px; max-width: 640px; }
.avatar { width: 36px; height: 36px; border-radius: 4px; background: #1f5fbf; color: #fff; font-weight: 700; display: grid; place-items: center; }
.name { font-weight: 900; } .name span { font-weight: 400; color: #616061; font-size: 12px; margin-left: 6px; }
.header { font-size: 18px; font-weight: 900; margin: 6px 0 4px; }
.section { margin: 4px 0; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; margin: 8px 0; }
.context { font-size: 12px; color: #616061; margin: 6px 0; }
.actions { display: flex; gap: 8px; margin-top: 8px; }
.button { border: 1px solid #bbbabb; border-radius: 4px; padding: 3px 12px; font-weight: 700; color: #1d1c1d; text-decoration: none; font-size: 13px; }
</style></head><body>
<div class="note">Mock-up: the Block Kit JSON paperbrief posts, drawn by a small HTML imitation (test/support/slack-mock.ts), not by Slack.</div>
<div class="message"><div class="avatar">pb</div><div><div class="name">paperbrief <span>APP 9:41 AM</span></div>
${message.blocks.map(block).join('\n')}
</div></div></body></html>`;
}
