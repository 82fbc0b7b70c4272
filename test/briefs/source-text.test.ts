import { describe, expect, it } from 'vitest';
import { groundingSource } from '../../src/briefs/grounding.js';
import { foldText, joinFolded } from '../../src/briefs/source-text.js';

// Expected values recorded from foldText before its fast path for plain ASCII runs was added
// (bench/profile-b2.md showed folding as the top self-time function of local mode): the fast path
// must fold exactly as the character-by-character version did, spans included.
const RECORDED = [
  {
    input: '  Hello\tWORLD \n',
    folded: 'hello world',
    starts: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    ends: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
    original: '  Hello\tWORLD \n',
  },
  {
    input: '84.8\\% top-1, 2.3\\times faster, \\left( x \\le 5 \\right)',
    folded: '84.8% top-1, 2.3x faster, \\left( x ≤ 5 \\right)',
    starts: [
      0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
      34, 35, 36, 37, 38, 39, 40, 41, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53,
    ],
    ends: [
      1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
      35, 36, 37, 38, 39, 40, 41, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54,
    ],
    original: '84.8\\% top-1, 2.3\\times faster, \\left( x \\le 5 \\right)',
  },
  {
    input: 'İstanbul – “ﬁne” — 3×',
    folded: 'i̇stanbul - "fine" - 3x',
    starts: [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21],
    ends: [1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22],
    original: 'İstanbul – “fine” — 3×',
  },
  {
    input: 'a  b　c 😀 d',
    folded: 'a b c 😀 d',
    starts: [0, 1, 3, 4, 5, 6, 7, 8, 9, 10],
    ends: [1, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    original: 'a  b c 😀 d',
  },
  {
    input: '\\leq\\geq\\pm\\$5\\_x\\{y\\}\\#\\&\\sim\\approx\\cdot',
    folded: '≤≥±$5_x{y}#&~≈·',
    starts: [0, 4, 8, 11, 13, 14, 16, 17, 19, 20, 22, 24, 26, 30, 37],
    ends: [4, 8, 11, 13, 14, 16, 17, 19, 20, 22, 24, 26, 30, 37, 42],
    original: '\\leq\\geq\\pm\\$5\\_x\\{y\\}\\#\\&\\sim\\approx\\cdot',
  },
  {
    input: 'back\\slash \\unknown',
    folded: 'back\\slash \\unknown',
    starts: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18],
    ends: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
    original: 'back\\slash \\unknown',
  },
];

describe('foldText', () => {
  it.each(RECORDED)('folds $input as before', ({ input, folded, starts, ends, original }) => {
    expect(foldText(input)).toEqual({ folded, starts, ends, original });
  });

  it('maps every folded character back to its span of the original', () => {
    const text = 'RouteViT obtains 84.8\\% top-1 on ImageNet, 2.3\\times faster.';
    const result = foldText(text);
    expect(result.starts).toHaveLength(result.folded.length);
    expect(result.original.slice(result.starts[17], result.ends[21])).toBe('84.8\\%');
  });
});

describe('joinFolded', () => {
  // Grounding folds the title and the abstract, then joins them for `both` instead of folding
  // the whole text a third time: the join must equal folding the joined text.
  it.each([
    ['RouteViT: Sparse Routing ', '  We reach 84.8\\% top-1, 2.3\\times faster.'],
    ['Title ends with \\le', 'ft brace and a \\le b'],
    ['   ', 'only the abstract'],
    ['only the title', ' \t '],
    ['', ''],
    ['Café', '\u0301 starts with a combining accent'],
    ['İstanbul “quotes”', 'ﬁne — 3× 😀'],
  ])('joins %j and %j as foldText would', (title, abstract) => {
    expect(joinFolded(foldText(title), foldText(abstract))).toEqual(foldText(`${title}\n${abstract}`));
  });
});

describe('groundingSource', () => {
  it('folds a paper once and folds again when its text changes', () => {
    const paper = { title: 'A Title', abstract: 'An abstract with 5% gains.' };
    const first = groundingSource(paper);
    expect(groundingSource(paper)).toBe(first);
    expect(groundingSource({ ...paper })).not.toBe(first);
    paper.abstract = 'Another abstract with 7% gains.';
    const second = groundingSource(paper);
    expect(second).not.toBe(first);
    expect(second.abstract.folded).toBe('another abstract with 7% gains.');
  });
});
