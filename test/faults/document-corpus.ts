import { ABSTRACT, entry, feed, goodRecord, hfItem } from './corpus-records.js';
import type { ReaderCase } from './reader-corpus.js';

/** Whole documents: JSON values, Hugging Face API items, arXiv Atom feeds, page text, prose. */
export function documentInputCases(): ReaderCase[] {
  const again = goodRecord();
  return [
    { kind: 'JSON null', content: 'null', records: 1, papers: 0, refused: /cannot tell its format/ },
    { kind: 'JSON empty array', content: '[]', records: 0, papers: 0 },
    {
      kind: 'JSON array of good, bad and repeated papers',
      content: JSON.stringify([again, goodRecord({ title: null }), again, 7, goodRecord()]),
      records: 5,
      papers: 2,
      duplicates: 1,
    },
    {
      kind: '{"papers": "not an array"}',
      content: '{"papers": "x"}',
      records: 1,
      papers: 0,
      refused: /"papers" must be an array/,
    },
    {
      kind: 'hf-api items with missing and wrong-typed paper',
      content: JSON.stringify([
        hfItem({ id: '2402.90001', title: 'Good API Routing Paper', summary: ABSTRACT, upvotes: 3 }),
        hfItem({ id: '2402.90002', title: 'Bad upvotes Paper', summary: ABSTRACT, upvotes: 'lots' }),
        { paper: 'not an object' },
        hfItem({ id: 12, title: ['array'], summary: ABSTRACT }),
        { title: 'no paper key', paper: { summary: 5 } },
      ]),
      records: 5,
      papers: 1,
    },
    {
      kind: 'arXiv Atom: malformed XML (unclosed tags)',
      content: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Broken`,
      records: 1,
      papers: 0,
      refused: /not well-formed XML/,
    },
    {
      kind: 'arXiv Atom: entry without title, entry without summary',
      content: feed(
        entry('2402.91001', '', ABSTRACT),
        entry('2402.91002', 'No Summary Routing', ''),
        entry('2402.91003', 'Good Atom Routing', ABSTRACT),
      ),
      records: 3,
      papers: 1,
    },
    {
      kind: 'arXiv Atom: entity expansion (billion laughs)',
      content:
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">' +
        '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>' +
        feed(entry('2402.92001', 'Laughs &lol4;', ABSTRACT)).replace(/^<\?xml[^>]*>\n/, ''),
      records: 1,
      papers: 1,
    },
    {
      kind: 'arXiv Atom: external entity (XXE)',
      content:
        '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
        feed(entry('2402.93001', 'XXE &xxe; Routing', ABSTRACT)).replace(/^<\?xml[^>]*>\n/, ''),
      records: 1,
      papers: 0,
      refused: /cannot read the XML: External entities are not supported/,
    },
    { kind: 'arXiv Atom: empty feed', content: feed(), records: 0, papers: 0 },
    {
      kind: 'HTML page, not a feed',
      content: '<!doctype html><html><body>Hi</body></html>',
      records: 1,
      papers: 0,
      refused: /not an Atom feed/,
    },
    {
      // The control-character paragraphs have no letter or digit to be a title: both are refused
      // by the reader with their field, before the pipeline.
      kind: 'hf-page text: garbage paragraphs',
      content: 'Daily Papers\n\n\u0007\u0007\n\n• 5 authors\n\n·\n\nJun 6',
      records: 2,
      papers: 0,
    },
    {
      kind: 'a single line of prose',
      content: 'just some words without structure',
      records: 1,
      papers: 0,
      refused: /cannot tell/,
    },
  ];
}
