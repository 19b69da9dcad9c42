import { SiltError } from '../../common/SiltError';
import type { ErrorCode } from '../../common/errorCode';

/**
 * Raised when a table cannot be read or written correctly; the message always names the table and
 * the reason. The code says what kind of problem it is: `corrupt` (the default: the log or its files
 * are damaged or missing), `unsupported`, `not-found`, `conflict` or `bad-request`.
 */
export class DeltaTableError extends SiltError {
  override name = 'DeltaTableError';
  readonly table: string;
  readonly reason: string;

  constructor(table: string, reason: string, code: ErrorCode = 'corrupt', options?: { cause?: unknown }) {
    super(code, `Delta table ${table}: ${reason}`, options);
    this.table = table;
    this.reason = reason;
  }

  /** The reason told about the table under another name (a shared table's `share.schema.table`). */
  describe(name: string): string {
    return `table ${name}: ${this.reason}`;
  }
}

/**
 * A commit or checkpoint file whose content cannot be parsed. `file` is relative to the table root
 * (`_delta_log/…`), so the message can be shown to a sharing client without local paths.
 */
export class CorruptLogError extends DeltaTableError {
  constructor(
    table: string,
    readonly what: string,
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(table, `${what} is corrupt (${file}${line !== undefined ? `, line ${line}` : ''}): ${detail}`, 'corrupt', options);
  }

  /** "commit 3 of h.default.t is corrupt (…/_delta_log/….json, line 2): not valid JSON". */
  override describe(name: string): string {
    const line = this.line !== undefined ? `, line ${this.line}` : '';
    return `${this.what} of ${name} is corrupt (…/${this.file}${line}): ${this.detail}`;
  }
}
