/**
 * The numbers a result value states, read the way the scoring rules say: digits as written
 * (`1,890` = 1890, signs ignored), and the words twice/thrice/half/double and "<word> times" /
 * "<word>-fold" as 2, 3, 0.5, 2 and the word's number (`ten times` = 10).
 */

const WORD_NUMBERS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  thousand: 1000,
};
const MULTIPLIER_WORDS: Readonly<Record<string, number>> = {
  twice: 2,
  thrice: 3,
  half: 0.5,
  double: 2,
  triple: 3,
};

const NUMBER_TOKEN = new RegExp(
  String.raw`(\d+(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+)|\b(twice|thrice|half|double|triple)\b|\b(${Object.keys(WORD_NUMBERS).join('|')})(?:\s+times\b|[\s-]fold\b)`,
  'gi',
);

/** Every number of `value`, in order of appearance. */
export function valueNumbers(value: string): number[] {
  const text = value.normalize('NFKC');
  const numbers: number[] = [];
  for (const match of text.matchAll(NUMBER_TOKEN)) {
    if (match[1] !== undefined) numbers.push(Number(match[1].replace(/,/g, '')));
    else if (match[2] !== undefined) numbers.push(MULTIPLIER_WORDS[match[2].toLowerCase()] as number);
    else if (match[3] !== undefined) numbers.push(WORD_NUMBERS[match[3].toLowerCase()] as number);
  }
  return numbers;
}

/** The first number of `value`, or undefined when it states none. */
export function firstNumber(value: string): number | undefined {
  return valueNumbers(value)[0];
}

/** True when two numbers are the same (`1.0` = `1`). */
export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The scoring rule: the first number of `predicted` is one of the numbers of `gold`. */
export function valueMatches(predicted: string, gold: string): boolean {
  const first = firstNumber(predicted);
  return first !== undefined && valueNumbers(gold).some((number) => sameNumber(number, first));
}
