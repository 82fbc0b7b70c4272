export { collectDigest, groupDigest, type DigestGrouping, type DigestQuery } from './collect-digest.js';
export { digestHtml, digestMarkdown, type DigestDocument } from './render-digest.js';
export { resolveSince } from './since-option.js';
