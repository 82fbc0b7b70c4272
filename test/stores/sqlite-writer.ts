// A second process for sqlite-store.test.ts: opens the store file it is given, says `ready`, and on
// `go` puts `count` briefs. Even-numbered papers are shared by every writer, odd ones are its own.
import { createSqliteStore } from '../../src/stores/sqlite-store.js';
import { briefFixture } from '../support/brief-fixtures.js';

const [path = '', writer = 'writer', countText = '0'] = process.argv.slice(2);
const store = createSqliteStore({ path, busyTimeoutMs: 20_000 });
process.send?.({ ready: true });
process.once('message', async () => {
  const created: string[] = [];
  for (let index = 0; index < Number(countText); index++) {
    const paperId = index % 2 === 0 ? `2406.${10_000 + index}` : `${writer}-${index}`;
    const result = await store.put(
      briefFixture({ paper: { id: paperId }, provenance: { warnings: [writer] } }),
    );
    if (result.created) created.push(paperId);
  }
  await store.close();
  process.send?.({ created }, () => process.disconnect());
});
