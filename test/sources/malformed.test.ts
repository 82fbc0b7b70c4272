import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { MAX_ABSTRACT_CHARS, MAX_TITLE_CHARS } from '../../src/papers/paper.js';
import { readInput } from '../../src/sources/index.js';
import { errorsOf, papersOf } from './collect.js';

/**
 * The malformed-input corpus: each case is read through `readInput` with auto-detection, as the
 * CLI reads a file. A case expects either record errors (exact messages, naming the record and the
 * field) with the good records still read, or one whole-input error.
 */
interface MalformedCase {
  name: string;
  content: string | Uint8Array;
  errors?: Array<string | RegExp>;
  /** How many good papers still come out next to the errors. */
  papers?: number;
  input?: string | RegExp;
}

const abstract = 'We propose X. X improves accuracy by 4.2% on ImageNet.';
const good = { title: 'A good paper', abstract };
const jsonl = (...records: unknown[]) => records.map((record) => JSON.stringify(record)).join('\n');
const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(
    parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part)),
  );
const feed = (...entries: string[]) =>
  `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">${entries.join('')}</feed>`;

const CASES: MalformedCase[] = [
  {
    name: 'missing-title.jsonl',
    content: jsonl(good, { abstract }),
    errors: ['missing-title.jsonl line 2: field "title": missing'],
    papers: 1,
  },
  {
    name: 'blank-title.jsonl',
    content: jsonl({ title: '   ', abstract }, good),
    errors: ['blank-title.jsonl line 1: field "title": empty'],
    papers: 1,
  },
  {
    name: 'wordless-title.jsonl',
    content: jsonl({ title: '\u0001\u0002 ... ?!', abstract }, good),
    errors: [/^wordless-title.jsonl line 1: field "title": has no letter or digit/],
    papers: 1,
  },
  {
    name: 'missing-abstract.jsonl',
    content: jsonl({ title: 'No abstract' }, good),
    errors: ['missing-abstract.jsonl line 1: field "abstract": missing'],
    papers: 1,
  },
  {
    name: 'empty-abstract.jsonl',
    content: jsonl(good, { title: 'Empty', abstract: '' }),
    errors: ['empty-abstract.jsonl line 2: field "abstract": empty'],
    papers: 1,
  },
  {
    name: 'empty-summary-alias.jsonl',
    content: jsonl({ title: 'Empty summary', summary: ' \n ' }, good),
    errors: ['empty-summary-alias.jsonl line 1: field "summary": empty'],
    papers: 1,
  },
  {
    name: 'oversize-abstract.jsonl',
    content: jsonl({ title: 'Huge', abstract: 'a'.repeat(MAX_ABSTRACT_CHARS + 1) }, good),
    errors: [
      `oversize-abstract.jsonl line 1: field "abstract": too long: ${MAX_ABSTRACT_CHARS + 1} characters, at most ${MAX_ABSTRACT_CHARS} allowed`,
    ],
    papers: 1,
  },
  {
    name: 'oversize-title.jsonl',
    content: jsonl(good, { title: 't'.repeat(MAX_TITLE_CHARS + 1), abstract }),
    errors: [
      `oversize-title.jsonl line 2: field "title": too long: ${MAX_TITLE_CHARS + 1} characters, at most ${MAX_TITLE_CHARS} allowed`,
    ],
    papers: 1,
  },
  {
    name: 'title-not-string.jsonl',
    content: jsonl({ title: 42, abstract }, good),
    errors: ['title-not-string.jsonl line 1: field "title": expected string, got a number (42)'],
    papers: 1,
  },
  {
    name: 'authors-not-array.jsonl',
    content: jsonl({ ...good, authors: 'Ada Lovelace, Alan Turing' }),
    errors: [
      'authors-not-array.jsonl line 1: field "authors": expected array, got a string ("Ada Lovelace, Alan Turing")',
    ],
    papers: 0,
  },
  {
    name: 'author-empty.jsonl',
    content: jsonl({ ...good, authors: ['Ada Lovelace', ''] }, { ...good, title: 'Another' }),
    errors: ['author-empty.jsonl line 1: field "authors[1]": empty'],
    papers: 1,
  },
  {
    name: 'upvotes-negative.jsonl',
    content: jsonl({ ...good, upvotes: -3 }),
    errors: ['upvotes-negative.jsonl line 1: field "upvotes": must be at least 0, got a number (-3)'],
    papers: 0,
  },
  {
    name: 'upvotes-fraction.jsonl',
    content: jsonl({ ...good, upvotes: 2.5 }),
    errors: ['upvotes-fraction.jsonl line 1: field "upvotes": expected an integer, got a number (2.5)'],
    papers: 0,
  },
  {
    name: 'bad-date.jsonl',
    content: jsonl({ ...good, published_at: 'June 6th' }),
    errors: ['bad-date.jsonl line 1: field "published_at": expected an ISO date, got a string ("June 6th")'],
    papers: 0,
  },
  {
    name: 'bad-url.jsonl',
    content: jsonl({ ...good, url: 'arxiv 2406.04312' }),
    errors: ['bad-url.jsonl line 1: field "url": not a valid URL, got a string ("arxiv 2406.04312")'],
    papers: 0,
  },
  {
    name: 'bad-source.jsonl',
    content: jsonl({ ...good, source: 'rss' }),
    errors: [
      'bad-source.jsonl line 1: field "source": expected one of jsonl, json, hf-page, hf-api, arxiv-atom, http, got a string ("rss")',
    ],
    papers: 0,
  },
  {
    name: 'broken-line.jsonl',
    content: `${jsonl(good)}\n{"title": "cut off", "abstr\n${jsonl({ ...good, title: 'After' })}`,
    errors: [/^broken-line\.jsonl line 2: not valid JSON \(.+\)$/],
    papers: 2,
  },
  {
    name: 'invalid-utf8.jsonl',
    content: bytes(
      `${jsonl(good)}\n{"title": "Caf`,
      [0xe9],
      `", "abstract": "x"}\n${jsonl({ ...good, title: 'After' })}\n`,
    ),
    errors: ['invalid-utf8.jsonl line 2: not valid UTF-8'],
    papers: 2,
  },
  {
    name: 'non-object-lines.jsonl',
    content: `${jsonl(good)}\n[1, 2]\n"a string"\nnull\n`,
    errors: [
      'non-object-lines.jsonl line 2: expected an object, got an array',
      'non-object-lines.jsonl line 3: expected an object, got a string ("a string")',
      'non-object-lines.jsonl line 4: expected an object, got null',
    ],
    papers: 1,
  },
  {
    name: 'items.json',
    content: JSON.stringify([7, null, { title: 'No abstract' }, good]),
    errors: [
      'items.json index 0: expected an object, got a number (7)',
      'items.json index 1: expected an object, got null',
      'items.json index 2: field "abstract": missing',
    ],
    papers: 1,
  },
  {
    name: 'hf-api-items.json',
    content: JSON.stringify([
      { paper: { id: '2406.04312', title: 'ReNO', summary: abstract } },
      { paper: 'x' },
      { paper: { id: '2501.00002', title: 'T', summary: abstract, publishedAt: 'yesterday' } },
    ]),
    errors: [
      'hf-api-items.json index 1: field "paper": expected an object, got a string ("x")',
      'hf-api-items.json index 2: field "paper.publishedAt": expected an ISO date, got a string ("yesterday")',
    ],
    papers: 1,
  },
  {
    name: 'atom-entries.xml',
    content: feed(
      '<entry><id>http://arxiv.org/abs/2501.00001v1</id><summary>Fine.</summary></entry>',
      '<entry><id>http://arxiv.org/abs/2501.00002v2</id><title>T</title><summary>Fine.</summary><published>soon</published></entry>',
      '<entry><id>http://arxiv.org/abs/2501.00003v1</id><title>Good</title><summary>Fine.</summary></entry>',
    ),
    errors: [
      'atom-entries.xml entry 1: field "title": missing',
      'atom-entries.xml entry 2: field "published": expected an ISO date, got a string ("soon")',
    ],
    papers: 1,
  },
  {
    name: 'hf-page-broken.txt',
    content: [
      'Lonely Title',
      '',
      '  • 2 authors',
      '·',
      'Jan 5, 2024',
      '',
      'Good Title',
      '',
      abstract,
      '',
      'Dated Title',
      '',
      abstract,
      '',
      '  • 2 authors',
      '·',
      'Feb 30, 2024',
    ].join('\n'),
    errors: [
      'hf-page-broken.txt paper 1 (line 1): field "abstract": missing',
      'hf-page-broken.txt paper 3 (line 11): field "published_at": expected an ISO date, got a string ("Feb 30, 2024")',
    ],
    papers: 1,
  },
  { name: 'empty.jsonl', content: '', input: 'empty.jsonl: is empty' },
  {
    name: 'binary.png',
    content: bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR'),
    input: 'binary.png: is binary, not text',
  },
  {
    name: 'utf16.txt',
    content: bytes([0xff, 0xfe], 'T\0i\0t\0l\0e\0'),
    input: 'utf16.txt: is binary, not text',
  },
  {
    name: 'truncated.json',
    content: '[{"title": "A", "abstract": "B"}, {"title":',
    input: /^truncated\.json: is not valid JSON \(.+\)$/,
  },
  {
    name: 'papers-not-array.json',
    content: JSON.stringify({ papers: { title: 'A' } }),
    input: 'papers-not-array.json: "papers" must be an array, got an object',
  },
  { name: 'scalar.json', content: '42', input: /^scalar\.json: cannot tell its format/ },
  {
    name: 'broken.xml',
    content: '<?xml version="1.0"?><feed><entry><title>T</entry></feed>',
    input: /^broken\.xml: not well-formed XML \(line 1, column \d+\): .+/,
  },
  {
    name: 'page.html',
    content: '<html><body><h1>Daily Papers</h1></body></html>',
    input: /^page\.html: is XML or HTML but not an Atom feed/,
  },
  {
    name: 'one-paragraph.txt',
    content: 'just some words about papers',
    input: /^one-paragraph\.txt: cannot tell its format/,
  },
  {
    name: 'header-only.txt',
    content: 'new\n\nSubscribe\n\nDaily Papers\n\nNov 6\n',
    input: 'header-only.txt: no papers found in the page text',
  },
];

describe('the malformed-input corpus', () => {
  it('has at least 20 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(CASES.filter((entry) => entry.errors).map((entry) => [entry.name, entry] as const))(
    '%s: names each bad record and its field, and reads the rest',
    (_, entry) => {
      const results = [...readInput(entry.content, { sourceName: entry.name, pageYear: 2025 }).records];
      const errors = errorsOf(results);
      expect(errors).toHaveLength(entry.errors!.length);
      entry.errors!.forEach((expected, index) => {
        if (typeof expected === 'string') expect(errors[index]).toBe(expected);
        else expect(errors[index]).toMatch(expected);
      });
      expect(papersOf(results)).toHaveLength(entry.papers ?? 0);
    },
  );

  it.each(CASES.filter((entry) => entry.input).map((entry) => [entry.name, entry] as const))(
    '%s: is refused as a whole with an InvalidInputError',
    (_, entry) => {
      const read = () => [...readInput(entry.content, { sourceName: entry.name, pageYear: 2025 }).records];
      expect(read).toThrow(InvalidInputError);
      expect(read).toThrow(entry.input!);
    },
  );
});
