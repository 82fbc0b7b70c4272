/** Valid records and input builders shared by the reader and HTTP API corpora. */

/** An abstract with a result, a method name and no URL: briefs of it have something to ground. */
export const ABSTRACT =
  'We propose SparseRoute, a router for vision transformers. SparseRoute reaches 81.5% top-1 ' +
  'accuracy on ImageNet while using half the compute of dense models.';
let counter = 0;
/** A valid paper record with a fresh arXiv id. */
export function goodRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  const id = `2402.${String(counter).padStart(5, '0')}`;
  return {
    id,
    title: `SparseRoute ${counter}: Routing for Vision Transformers`,
    abstract: ABSTRACT,
    ...overrides,
  };
}
/** One JSON Lines line. */
export const line = (record: unknown) => JSON.stringify(record);
/** JSON Lines text of the records, one per line. */
export const jsonl = (...records: unknown[]) => records.map(line).join('\n') + '\n';
/** Bytes from text (UTF-8) and raw byte runs, for inputs that are not valid UTF-8. */
export const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'utf8')] : part)));
/** An arXiv API Atom feed around the entries. */
export const feed = (...entries: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n${entries.join('\n')}\n</feed>\n`;
/** One Atom entry. */
export const entry = (id: string, title: string, summary: string) =>
  `<entry><id>http://arxiv.org/abs/${id}v1</id><published>2024-06-06T17:56:40Z</published>` +
  `<title>${title}</title><summary>${summary}</summary><author><name>A. Author</name></author></entry>`;
/** One Hugging Face daily papers API item. */
export const hfItem = (paper: Record<string, unknown>) => ({ paper });

/** 10,000 JSON Lines, one in seven broken in a rotating way; 8,572 good papers. */
export function bigJsonl(): { text: string; good: number } {
  const broken = [
    '{"title": "cut off", "abstract": "no end',
    'null',
    '[1, 2, 3]',
    line({ title: 42, abstract: ABSTRACT }),
    line({ title: 'No abstract here' }),
    '\u0000\u0001\u0002 binary',
    line({ title: 'Empty abstract', abstract: '' }),
  ];
  const lines: string[] = [];
  let good = 0;
  for (let index = 0; index < 10_000; index++) {
    if (index % 7 === 3) lines.push(broken[index % broken.length]!);
    else {
      good += 1;
      lines.push(line(goodRecord()));
    }
  }
  return { text: lines.join('\n') + '\n', good };
}
