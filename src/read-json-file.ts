import { readFileSync } from 'node:fs';
import { ConfigError } from './errors.js';

/**
 * Reads a JSON configuration file (taxonomy, price table). Messages name the file and what is
 * wrong, never its content: the path may point at a secret by mistake, and JSON.parse's message
 * quotes the first bytes of what it could not parse.
 * @throws ConfigError when the file cannot be read or is not JSON.
 */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`cannot read ${what} ${path} (${code})`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConfigError(`${what} ${path} is not valid JSON`);
  }
}
