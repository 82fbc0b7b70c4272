import { cpSync, mkdtempSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { packagePath } from '../../../src/package-root.js';
import { loadPromptTemplates, renderTemplate } from '../../../src/summarizers/openai/prompt-templates.js';

function copyOfPrompts(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperbrief-prompts-'));
  for (const file of readdirSync(packagePath('prompts')).filter((name) => name.startsWith('brief.v1.'))) {
    cpSync(packagePath('prompts', file), join(dir, file));
  }
  return dir;
}

describe('prompt templates', () => {
  it('are versioned by name and content: unchanged files give the same version, an edit a new one', () => {
    const bundled = loadPromptTemplates();
    const copy = copyOfPrompts();
    expect(loadPromptTemplates({ dir: copy }).version).toBe(bundled.version);
    appendFileSync(join(copy, 'brief.v1.system.md'), '\nBe brief.\n');
    const edited = loadPromptTemplates({ dir: copy });
    expect(edited.version).toMatch(/^brief\.v1-[0-9a-f]{8}$/);
    expect(edited.version).not.toBe(bundled.version);
    expect(edited.system).toMatch(/Be brief\.$/);
  });

  it('refuse a template that lacks a placeholder or uses an unknown one', () => {
    const copy = copyOfPrompts();
    writeFileSync(join(copy, 'brief.v1.user.md'), '<paper>{{title}}</paper>');
    expect(() => loadPromptTemplates({ dir: copy })).toThrow(
      /brief\.v1\.user\.md must use .*missing: \{\{abstract\}\}/,
    );
    writeFileSync(join(copy, 'brief.v1.user.md'), '{{title}} {{abstract}} {{authors}}');
    expect(() => loadPromptTemplates({ dir: copy })).toThrow(/unknown: \{\{authors\}\}/);
    expect(() => loadPromptTemplates({ dir: copy, name: 'brief.v9' })).toThrow(ConfigError);
  });

  it('render in one pass: placeholder text inside a value stays as it is', () => {
    expect(
      renderTemplate('<t>{{title}}</t><a>{{abstract}}</a>', { title: 'A {{abstract}} B', abstract: 'x' }),
    ).toBe('<t>A {{abstract}} B</t><a>x</a>');
  });
});
