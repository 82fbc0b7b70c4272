import { findInSource, foldText, type FoldedText } from './source-text.js';

/**
 * Word-level grounding of free text: the words of a result's `metric`, `dataset` and
 * `comparison`, and the names, acronyms and URLs of a TL;DR, must be the paper's own.
 *
 * How a word is matched (after the folding of `foldText`: NFKC, case, LaTeX, dashes):
 * - as a whole word of the title or abstract (`net` is not found in `networks`), an inflected
 *   form counting as the same word (`benchmark`/`benchmarks`/`benchmarked`, `query`/`queries`);
 * - a hyphenated or slashed compound by its parts (`top-1` = `top 1`), or written together
 *   (`top-1` = `top1`);
 * - an abbreviation ending in a full stop by the word it shortens (`acc.` for `accuracy`), and a
 *   word the paper abbreviates by its abbreviation (`accuracy` when the paper writes `acc.`);
 * - function words (`the`, `of`, `on`, `compared`, `vs` …), measure words (`improvement`,
 *   `speedup`, `average` …) and bare numbers are not looked up: numbers are checked as whole
 *   numbers by `ungroundedNumbers`.
 */

/** Words that carry no claim of their own: articles, prepositions, pronouns, connectives. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the of on in at to for from by with without within via per and or nor but vs versus than as ' +
    'into onto over under across between among against compared comparing relative respectively ' +
    'its it their our this that these those which who whose is are was were be been being has have ' +
    'had do does did not no both each all any other such when while where using used when up down ' +
    'we they he she you your his her them us more less most least before after'
  ).split(' '),
);

/**
 * Words that name the kind of quantity, not a thing the paper must have said: a model may call
 * "2.3x faster" a `speedup` or "from 40% to 52%" an `improvement`. They cannot carry a name, a
 * benchmark or a URL, so they are not looked up either.
 */
export const MEASURE_WORDS: ReadonlySet<string> = new Set(
  (
    'improvement improvements increase increases decrease decreases reduction reductions gain gains ' +
    'drop drops speedup speedups slowdown saving savings fraction share ratio rate percentage ' +
    'proportion number count amount average mean median total overall relative absolute better ' +
    'worse higher lower faster slower fewer usd dollars'
  ).split(' '),
);

/**
 * Ordinary words a TL;DR may open a sentence with although the paper does not use them; a
 * capitalised word that opens a sentence is otherwise checked like a name.
 */
const TLDR_OPENERS: ReadonlySet<string> = new Set(
  (
    'propose proposes proposed proposing introduce introduces introduced introducing present presents ' +
    'presenting show shows showing study studies describe describes develop develops build builds ' +
    'train trains evaluate evaluates demonstrate demonstrates report reports use uses find finds ' +
    'new novel paper work authors researchers here overall finally additionally moreover furthermore ' +
    'also together unlike leveraging combining existing experiments results across despite although ' +
    'though whereas instead given based building inspired motivated focusing targeting addressing ' +
    'tackling recent current modern large small many several most some key main first second third ' +
    'extensive comprehensive evaluations evaluated tested tests trained applied applying adding ' +
    'replacing extending improving reducing enabling allowing making treating framing casting ' +
    'rather beyond simple efficient fast scalable effective strong state theoretical empirical ' +
    'analysis analyses benchmark benchmarks dataset datasets method methods model models approach ' +
    'approaches framework frameworks system systems code experiment evaluation ablations ablation'
  ).split(' '),
);

export interface WordSource {
  /** The folded text the words come from (title and abstract, instruction sentences blanked). */
  readonly text: FoldedText;
  /** Whether the folded text has `word` (folded) as a whole word: the fast path, no word set. */
  has(word: string): boolean;
  /** Every folded word of the text, and every hyphenated compound written together. */
  readonly words: ReadonlySet<string>;
  /** The `stem` of every word: inflections of a word of the text count as that word. */
  readonly stems: ReadonlySet<string>;
  /** Words the text abbreviates with a full stop inside a sentence (`acc` of `acc. on`). */
  readonly abbreviations: readonly string[];
}

const WORD = /[\p{L}\p{N}]+/gu;
const COMPOUND = /[\p{L}\p{N}]+(?:[-/][\p{L}\p{N}]+)+/gu;
/** A word of three or more letters, a full stop, then text that does not start a sentence. */
const ABBREVIATED = /\b(\p{L}{3,})\.(?=\s*[\p{Ll}\p{N}(),;])/gu;

const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (char: string | undefined) => char !== undefined && WORD_CHAR.test(char);

/** Whether `folded` has `word` with no letter or digit on either side. */
function hasWholeWord(folded: string, word: string): boolean {
  if (word.length === 0) return false;
  let at = folded.indexOf(word);
  while (at !== -1) {
    if (!isWordChar(folded[at - 1]) && !isWordChar(folded[at + word.length])) return true;
    at = folded.indexOf(word, at + 1);
  }
  return false;
}

/**
 * The words of a folded text. Most look-ups find a word as written (`has`, a string search); the
 * word set, stems and abbreviations are built only when one does not.
 */
export function wordSource(text: FoldedText): WordSource {
  let words: ReadonlySet<string> | undefined;
  let stems: ReadonlySet<string> | undefined;
  let abbreviations: readonly string[] | undefined;
  const source: WordSource = {
    text,
    has: (word) => hasWholeWord(text.folded, word),
    get words() {
      if (words) return words;
      const all = new Set(text.folded.match(WORD) ?? []);
      // Compounds only where a hyphen or slash is (a regular expression over the whole text
      // would retry at every letter of every word).
      for (const token of text.folded.split(' ')) {
        if (!token.includes('-') && !token.includes('/')) continue;
        for (const compound of token.match(COMPOUND) ?? []) all.add(compound.replace(/[-/]/g, ''));
      }
      return (words = all);
    },
    get stems() {
      return (stems ??= new Set([...source.words].map(stem)));
    },
    get abbreviations() {
      return (abbreviations ??= [
        ...new Set(
          [...text.original.matchAll(ABBREVIATED)].map((match) => foldText(match[1] as string).folded),
        ),
      ]);
    },
  };
  return source;
}

/**
 * A crude English stem, enough to match inflections of one word (`benchmark`, `benchmarks`,
 * `benchmarked`; `query`, `queries`; `save`, `saved`, `saving`): never applied to words of
 * fewer than four letters, and never leaving fewer than three.
 */
export function stem(word: string): string {
  if (word.length < 4 || !/^\p{L}+$/u.test(word)) return word;
  const stemmed = word.replace(/(?:ies|ied|ying)$/u, 'y').replace(/(?:ing|ed|es|s|e)$/u, '');
  return stemmed.length >= 3 ? stemmed : word;
}

/**
 * Whether the source has `word` (folded). For phrase words (`abbreviations: true`), also by
 * abbreviation: `written` is how the answer wrote it (`acc.` ends in a full stop).
 */
function hasWord(
  source: WordSource,
  word: string,
  abbreviations?: { writtenShort: boolean } | undefined,
): boolean {
  if (source.has(word) || source.words.has(word) || source.stems.has(stem(word))) return true;
  if (!abbreviations || !/^\p{L}+$/u.test(word)) return false;
  const abbreviated = abbreviations.writtenShort;
  // `acc.` in the answer for `accuracy` in the paper, or `accuracy` for the paper's `acc.`.
  if (abbreviated && word.length >= 3) {
    for (const known of source.words) if (known.length > word.length && known.startsWith(word)) return true;
  }
  return word.length >= 4 && source.abbreviations.some((short) => word.startsWith(short));
}

/** The folded parts of one written token, possessive `'s` dropped. */
function partsOf(token: string): string[] {
  return foldText(token.replace(/['’]s$/u, '')).folded.match(WORD) ?? [];
}

/**
 * The content words of a phrase (a result's metric, dataset or comparison) that the source
 * does not have, folded, each once.
 */
export function ungroundedPhraseWords(phrase: string, source: WordSource): string[] {
  const missing = new Set<string>();
  for (const raw of phrase.normalize('NFKC').split(/\s+/)) {
    const token = raw.replace(/^[("'“‘[]+/u, '').replace(/[)"'”’\],;:!?]+$/u, '');
    const abbreviated = /^\p{L}{3,}\.$/u.test(token);
    const parts = partsOf(token.replace(/\.+$/, ''));
    if (parts.length > 1 && source.has(parts.join(''))) continue;
    for (const part of parts) {
      if (/^\d+$/.test(part) || FUNCTION_WORDS.has(part) || MEASURE_WORDS.has(part)) continue;
      if (!hasWord(source, part, { writtenShort: abbreviated })) missing.add(part);
    }
  }
  return [...missing];
}

const URL_TOKEN =
  /^(?:https?:\/\/|www\.)\S+$|^[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|ai|dev|app|edu|gov|co|me|info|xyz|site|page)(?:\/\S*)?$/iu;
/** A number with a unit (`2.3x`, `10-fold`): its number is checked by `ungroundedNumbers`. */
const NUMBER_WITH_UNIT = /^[\d.,]+(?:x|×|%|-?fold)$/iu;

/** A URL must be in the source whole: not a prefix of a longer one, nor a part of one. */
function urlInSource(url: string, source: WordSource): boolean {
  let match = findInSource(source.text, url);
  while (match) {
    const before = source.text.folded[match.start - 1];
    const after = source.text.folded[match.end];
    const afterNext = source.text.folded[match.end + 1];
    // `github.com/x` may be written without the scheme the source gives it.
    const folded = source.text.folded;
    const cleanBefore =
      before === undefined ||
      /[\s("'<[]/.test(before) ||
      folded.slice(match.start - 3, match.start) === '://' ||
      folded.slice(match.start - 4, match.start) === 'www.';
    const cleanAfter =
      after === undefined || /[\s)"'>\],;]/.test(after) || (after === '.' && (afterNext ?? ' ') === ' ');
    if (cleanBefore && cleanAfter) return true;
    match = findInSource(source.text, url, { from: match.start + 1 });
  }
  return false;
}

/**
 * The URLs, names and acronyms of a TL;DR that the source does not have, as written. A name is
 * a word with a capital after its first letter (`RouteViT`, `LLM`), with letters and digits
 * (`GPT-4o`), or capitalised inside a sentence (`Transformer`); a capitalised word opening a
 * sentence counts as one unless it is a function word or an ordinary opener (`Introduces`).
 * Lower-case words are ordinary English and not checked.
 */
export function ungroundedTldrTerms(tldr: string, source: WordSource): string[] {
  const missing = new Set<string>();
  let opensSentence = true;
  for (const raw of tldr.normalize('NFKC').split(/\s+/).filter(Boolean)) {
    const startsSentence = opensSentence;
    opensSentence = /[.!?:]["'”’)\]]*$/u.test(raw);
    const token = raw.replace(/^[("'“‘[]+/u, '').replace(/[)"'”’\].,;:!?]+$/u, '');
    if (URL_TOKEN.test(token)) {
      if (!urlInSource(token, source)) missing.add(token);
      continue;
    }
    if (!/\p{L}/u.test(token) || NUMBER_WITH_UNIT.test(token)) continue;
    const written = token.replace(/['’]s$/u, '').match(WORD) ?? [];
    const isName = (part: string, first: boolean) =>
      (/\p{L}/u.test(part) && /\p{N}/u.test(part)) ||
      /\p{Lu}/u.test(part.slice(1)) ||
      (/^\p{Lu}/u.test(part) && !(first && startsSentence));
    const names = written.filter((part, index) => isName(part, index === 0));
    const opener = written[0];
    if (
      startsSentence &&
      written.length === 1 &&
      opener !== undefined &&
      /^\p{Lu}\p{Ll}+$/u.test(opener) &&
      !FUNCTION_WORDS.has(opener.toLowerCase()) &&
      !TLDR_OPENERS.has(opener.toLowerCase())
    ) {
      names.push(opener);
    }
    if (names.length === 0) continue;
    if (findInSource(source.text, token, { wordBoundaries: true })) continue;
    const parts = partsOf(token);
    if (parts.length > 1 && source.has(parts.join(''))) continue;
    for (const name of names) {
      const folded = foldText(name).folded;
      if (!/^\d+$/.test(folded) && !hasWord(source, folded)) missing.add(token);
    }
  }
  return [...missing];
}
