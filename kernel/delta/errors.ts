/** Raised when a table cannot be read correctly; the message always names the table and the reason. */
export class DeltaTableError extends Error {
  readonly table: string;
  readonly reason: string;

  constructor(table: string, reason: string) {
    super(`Delta table ${table}: ${reason}`);
    this.name = 'DeltaTableError';
    this.table = table;
    this.reason = reason;
  }
}
