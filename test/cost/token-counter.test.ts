import { describe, expect, it } from 'vitest';
import { estimateChatTokens, loadTokenCounter } from '../../src/cost/token-counter.js';

describe('token counter', () => {
  it('counts with the model family encoding, and treats special-token text as text', async () => {
    const o200k = await loadTokenCounter('gpt-4o-mini');
    const cl100k = await loadTokenCounter('gpt-4');
    const local = await loadTokenCounter('llama3.1:8b');
    expect(o200k.encoding).toBe('o200k_base');
    expect(cl100k.encoding).toBe('cl100k_base');
    expect(local.encoding).toBe('o200k_base');
    expect(o200k.count('hello world')).toBe(2);
    expect(o200k.count('an abstract with <|endoftext|> inside')).toBeGreaterThan(5);
  });

  it('adds message framing and extra text to a chat estimate', async () => {
    const counter = await loadTokenCounter('gpt-4o');
    const messages = [{ content: 'hello world' }, { content: 'hello world' }];
    expect(estimateChatTokens(counter, messages)).toBe(2 * (3 + 2) + 3);
    expect(estimateChatTokens(counter, messages, 'hello world')).toBe(2 * (3 + 2) + 3 + 2);
  });
});
