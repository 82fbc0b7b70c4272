import { InvalidInputError } from '../errors.js';
import { isPlainObject } from './paper-from-record.js';
import type { Format } from './record-result.js';

/** What detection learned: the format, and the parsed value when it had to parse JSON to tell. */
export interface Detection {
  format: Format;
  /** The whole input parsed as JSON (json, hf-api), so the reader does not parse it again. */
  json?: { value: unknown } | undefined;
}

// Enough lines to find a whole JSON object on one line past a broken first line.
const JSONL_PROBE_LINES = 20;

/**
 * The format of an input, from its content alone:
 * - `<` and a `<feed` element: arxiv-atom;
 * - JSON as a whole: hf-api when its items hold a `paper` object, else json;
 * - `{` and lines each holding a whole object (one line is enough): jsonl, even past a broken line;
 * - other text in paragraphs (blank-line separated): hf-page.
 * @throws InvalidInputError when the input is empty, binary, broken JSON, other XML/HTML or a
 *   single paragraph of text.
 */
export function detectFormat(text: string, sourceName: string): Format {
  return detectInput(text, sourceName).format;
}

/** {@link detectFormat}, keeping the parsed JSON value when one was parsed. */
export function detectInput(text: string, sourceName: string): Detection {
  const content = text.replace(/^\uFEFF/, '').trimStart();
  const fail = (why: string) => new InvalidInputError(`${sourceName}: ${why}`);
  if (content === '') throw fail('is empty');
  if (looksBinary(content)) throw fail('is binary, not text');

  const first = content[0];
  if (first === '<') {
    if (/<feed[\s>]/.test(content.slice(0, 4096))) return { format: 'arxiv-atom' };
    throw fail('is XML or HTML but not an Atom feed; cannot tell its format (try --format)');
  }
  if (first === '[' || first === '{') {
    let parseError: unknown;
    try {
      const value: unknown = JSON.parse(content);
      const format = jsonValueFormat(value);
      // One paper object on one line is the smallest JSON Lines file.
      const oneLinePaper =
        format === 'json' && isPlainObject(value) && !('papers' in value) && !content.trim().includes('\n');
      return oneLinePaper ? { format: 'jsonl' } : { format, json: { value } };
    } catch (error) {
      parseError = error;
    }
    if (first === '{' && hasOneLineObject(content)) return { format: 'jsonl' };
    throw fail(`is not valid JSON (${(parseError as Error).message})`);
  }
  if (/\n[ \t]*\r?\n[ \t]*\S/.test(content)) return { format: 'hf-page' };
  throw fail(
    'cannot tell its format: not JSON, JSON Lines, an Atom feed or a Daily Papers page (try --format)',
  );
}

/** `hf-api` when the value's items (or the value itself) hold a `paper` object, else `json`. */
export function jsonValueFormat(value: unknown): 'json' | 'hf-api' {
  const items = Array.isArray(value) ? value.slice(0, 10) : [value];
  return items.some((item) => isPlainObject(item) && isPlainObject(item.paper)) ? 'hf-api' : 'json';
}

// A NUL byte, or more than 1 in 10 characters being controls or undecodable bytes, is not text.
function looksBinary(content: string): boolean {
  const sample = content.slice(0, 8192);
  let odd = 0;
  for (const char of sample) {
    const code = char.codePointAt(0)!;
    if (code === 0) return true;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0xfffd)
      odd += 1;
  }
  return odd * 10 > sample.length;
}

function hasOneLineObject(content: string): boolean {
  const lines = content.split('\n', JSONL_PROBE_LINES * 2).map((line) => line.trim());
  return lines
    .filter((line) => line !== '')
    .slice(0, JSONL_PROBE_LINES)
    .some((line) => line.length > 1 && line.startsWith('{') && line.endsWith('}'));
}
