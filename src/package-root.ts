import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding paperbrief's package.json, found by walking up from this module, so bundled
 * data (prompts/, schema/, examples/) resolves the same from src/ (tests, tsx) and dist/src/ (the bin).
 */
export const PACKAGE_ROOT: string = (() => {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'prompts'))) return folder;
    const parent = dirname(folder);
    if (parent === folder)
      throw new Error('paperbrief: cannot find the package root (package.json + prompts/)');
    folder = parent;
  }
})();

/** A path inside the package, e.g. `packagePath('prompts', 'taxonomy.json')`. */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
