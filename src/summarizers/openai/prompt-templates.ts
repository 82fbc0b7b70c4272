import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../errors.js';
import { packagePath } from '../../package-root.js';

/**
 * The LLM prompt of one version: template files `<name>.<part>.md` read at run time from the
 * prompts folder. `version` is the name plus a hash of the files' bytes, so editing a template
 * re-briefs papers (it is part of the store key) and an unchanged one is never paid for twice.
 */
export interface PromptTemplates {
  /** e.g. `brief.v1-3f2a9c1d`; goes into `provenance.prompt_version`. */
  readonly version: string;
  /** The fixed instructions; placeholder `{{tags}}` (the taxonomy's tag ids). */
  readonly system: string;
  /** The paper as delimited data; placeholders `{{title}}` and `{{abstract}}`. */
  readonly user: string;
  /** The repair turn; placeholder `{{issues}}` (one problem a line). */
  readonly repair: string;
  /** Appended to the system prompt in `json_object` mode; placeholder `{{schema}}`. */
  readonly jsonObject: string;
}

/** The parts of a template set, their file suffixes and the placeholders each must use. */
const PARTS = {
  system: { file: 'system', placeholders: ['tags'] },
  user: { file: 'user', placeholders: ['title', 'abstract'] },
  repair: { file: 'repair', placeholders: ['issues'] },
  jsonObject: { file: 'json-object', placeholders: ['schema'] },
} as const;

export const DEFAULT_PROMPT_NAME = 'brief.v1';

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

/**
 * Reads and checks the template set `name` from `dir`.
 * @param options.dir folder holding the templates. @default the bundled `prompts/`
 * @param options.name template set name. @default 'brief.v1'
 * @throws ConfigError naming the file when one is missing or uses the wrong placeholders.
 */
export function loadPromptTemplates(
  options: { dir?: string | undefined; name?: string } = {},
): PromptTemplates {
  const dir = options.dir ?? packagePath('prompts');
  const name = options.name ?? DEFAULT_PROMPT_NAME;
  const hash = createHash('sha256');
  const texts = {} as Record<keyof typeof PARTS, string>;
  for (const [part, spec] of Object.entries(PARTS) as Array<
    [keyof typeof PARTS, (typeof PARTS)[keyof typeof PARTS]]
  >) {
    const path = join(dir, `${name}.${spec.file}.md`);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read prompt template ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const used = new Set(placeholdersIn(text));
    const allowed: readonly string[] = spec.placeholders;
    const unknown = [...used].filter((placeholder) => !allowed.includes(placeholder));
    const missing = allowed.filter((placeholder) => !used.has(placeholder));
    if (unknown.length > 0 || missing.length > 0) {
      throw new ConfigError(
        `prompt template ${path} must use {{${allowed.join('}}, {{')}}}` +
          (unknown.length > 0 ? `; unknown: {{${unknown.join('}}, {{')}}}` : '') +
          (missing.length > 0 ? `; missing: {{${missing.join('}}, {{')}}}` : ''),
      );
    }
    hash.update(`${spec.file}\u0000${text}\u0000`);
    texts[part] = text.trimEnd();
  }
  return Object.freeze({ version: `${name}-${hash.digest('hex').slice(0, 8)}`, ...texts });
}

/**
 * Fills `{{placeholders}}` in one pass, so text inside a value (an abstract that happens to
 * contain `{{title}}`) is never substituted again.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, key: string) => values[key] ?? whole);
}
