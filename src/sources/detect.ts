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
 * - text in paragraphs with a Daily Papers header or a paper's metadata block (`·` and a date):
 *   hf-page; any other text is refused with the list of formats.
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
  if (/\n[ \t]*\r?\n[ \t]*\S/.test(content) && looksLikeHfPage(content)) return { format: 'hf-page' };
  throw fail(`cannot tell its format: none of ${FORMAT_LIST} (pick one with --format)`);
}

/** The formats auto-detection knows, as messages list them. */
export const FORMAT_LIST =
  'JSON Lines (jsonl), a JSON array or {"papers": [...]} (json), a Hugging Face API answer (hf-api), ' +
  'an arXiv Atom feed (arxiv-atom), a Daily Papers page copied from the browser (hf-page)';

// What only a Daily Papers page holds: its header, or a paper's metadata block (a line that is a
// lone `·` next to a date such as `Jun 6, 2024 12`). Plain prose in paragraphs (a README, notes)
// has neither, and would otherwise be briefed as papers.
const PAGE_HEADER = /^[ \t]*Daily Papers[ \t]*$/m;
const METADATA_BLOCK =
  /^[ \t]*·[ \t]*\r?\n(?:[ \t]*\r?\n)?[ \t]*[A-Z][a-z]{2}[a-z]*\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?(?:[ \t]+\d+)?[ \t]*$/m;

function looksLikeHfPage(content: string): boolean {
  return PAGE_HEADER.test(content) || METADATA_BLOCK.test(content);
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

/**
 * True when the start of an input (a prefix of a large file) reads as JSON Lines: it begins with
 * `{` and one of its first lines holds a whole object. Lets a reader stream the rest.
 */
export function looksLikeJsonl(head: string): boolean {
  const content = head.replace(/^\uFEFF/, '').trimStart();
  return content.startsWith('{') && hasOneLineObject(content);
}

function hasOneLineObject(content: string): boolean {
  const lines = content.split('\n', JSONL_PROBE_LINES * 2).map((line) => line.trim());
  return lines
    .filter((line) => line !== '')
    .slice(0, JSONL_PROBE_LINES)
    .some((line) => line.length > 1 && line.startsWith('{') && line.endsWith('}'));
}
