import type Database from 'better-sqlite3';

/**
 * A `prepare` that remembers: the statement for a SQL text is prepared on first use, then
 * reused. For queries built at run time with one of a few shapes (which list filters are set),
 * so each shape is compiled once per connection, not once per call.
 * @throws the SQLite error of `prepare` when a text does not compile.
 */
export function preparedStatements<Row>(
  database: Database.Database,
): (text: string) => Database.Statement<unknown[], Row> {
  const statements = new Map<string, Database.Statement<unknown[], Row>>();
  return (text) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = database.prepare<unknown[], Row>(text);
      statements.set(text, statement);
    }
    return statement;
  };
}
