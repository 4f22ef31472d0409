/** What the log needs of a database: PGlite and PostgreSQL both give it, with the same SQL. */
export interface Sql {
  /**
   * Runs one statement. `name` makes PostgreSQL plan it once per connection
   * and keep the plan: for the statements run on every request, whose
   * planning costs more than running them.
   */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<Row[]>;
}

export interface Database extends Sql {
  readonly engine: 'pglite' | 'postgresql';
  /** Where the data is, for messages: a folder or a URL without its password. */
  readonly location: string;
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A user's mistake or a state they can fix: one line, no stack. */
export class ReceiverError extends Error {}
