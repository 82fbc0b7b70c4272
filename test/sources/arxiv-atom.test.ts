import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { readArxivAtom } from '../../src/sources/arxiv-atom.js';
import { errorsOf, papersOf } from './collect.js';

const fixture = readFileSync(new URL('../fixtures/arxiv-atom.xml', import.meta.url), 'utf8');
const options = { sourceName: 'feed.xml' };

function feed(...entries: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n${entries.join('\n')}\n</feed>`;
}

describe('readArxivAtom', () => {
  it('reads every entry of an arXiv API feed', () => {
    const results = readArxivAtom(fixture, options);
    expect(errorsOf(results)).toEqual([]);
    const papers = papersOf(results);
    expect(papers.map((paper) => paper.id)).toEqual(['2406.04312', '2310.02279', '1711.09846']);
    expect(papers[0]).toMatchObject({
      title: 'ReNO: Enhancing One-step Text-to-Image Models through Reward-based Noise Optimization',
      authors: ['Luca Eyring', 'Shyamgopal Karthik', 'Karsten Roth', 'Alexey Dosovitskiy', 'Zeynep Akata'],
      authors_count: 5,
      published_at: '2024-06-06',
      url: 'http://arxiv.org/abs/2406.04312v2',
      source: 'arxiv-atom',
    });
    for (const paper of papers) {
      expect(paper.title).not.toMatch(/\s{2}|\n/);
      expect(paper.abstract).not.toMatch(/\s{2}|\n/);
    }
    expect(papers[0]?.abstract).toMatch(
      /^Text-to-Image \(T2I\) models .* Code is available at https:\/\/github\.com\/ExplainableML\/ReNO\.$/,
    );
    expect(papers[2]?.authors).toHaveLength(12);
  });

  it('reads old-style ids, entities and a title that looks like a number', () => {
    const entry = `<entry><id>http://arxiv.org/abs/cs/0112017v1</id><published>2001-12-14T00:00:00Z</published>
      <title>1984</title><summary>Rates &amp; limits &lt;5%&gt;.</summary><author><name>A. Author</name></author></entry>`;
    expect(papersOf(readArxivAtom(feed(entry), options))).toEqual([
      {
        id: 'cs/0112017',
        title: '1984',
        abstract: 'Rates & limits <5%>.',
        authors: ['A. Author'],
        authors_count: 1,
        published_at: '2001-12-14',
        source: 'arxiv-atom',
      },
    ]);
  });

  it('reads a feed with no entries as no papers', () => {
    expect(readArxivAtom(feed(), options)).toEqual([]);
  });

  it('names the entry and the element of a bad entry, and reports the API error entry', () => {
    const results = readArxivAtom(
      feed(
        '<entry><id>http://arxiv.org/abs/2501.00001v1</id><summary>Fine.</summary></entry>',
        '<entry><id>http://arxiv.org/abs/2501.00002v1</id><title>T</title><summary>  </summary></entry>',
        `<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>
          <summary>incorrect id format for 1234</summary></entry>`,
        '<entry><id>http://arxiv.org/abs/2501.00004v1</id><title>Good</title><summary>Fine.</summary></entry>',
      ),
      options,
    );
    expect(errorsOf(results)).toEqual([
      'feed.xml entry 1: field "title": missing',
      'feed.xml entry 2: field "summary": empty',
      'feed.xml entry 3: the arXiv API answered with an error: incorrect id format for 1234',
    ]);
    expect(papersOf(results).map((paper) => paper.id)).toEqual(['2501.00004']);
  });

  it('rejects XML that is not well-formed, or not a feed, as a whole', () => {
    expect(() => readArxivAtom('<feed><entry></feed>', options)).toThrow(InvalidInputError);
    expect(() => readArxivAtom('<feed><entry></feed>', options)).toThrow(
      /^feed\.xml: not well-formed XML \(line 1, column \d+\)/,
    );
    expect(() => readArxivAtom('<rss><channel/></rss>', options)).toThrow(
      'feed.xml: not an Atom feed (no <feed> element)',
    );
  });
  it('refuses a DOCTYPE with an external entity as a whole input, not with a crash', () => {
    const text =
      '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      feed(
        '<entry><id>http://arxiv.org/abs/2402.93001v1</id><title>&xxe;</title><summary>S.</summary></entry>',
      ).replace(/^<\?xml[^>]*>\n/, '');
    expect(() => readArxivAtom(text, options)).toThrow(InvalidInputError);
    expect(() => readArxivAtom(text, options)).toThrow(/feed\.xml: cannot read the XML: .*[Ee]xternal entit/);
  });
});
