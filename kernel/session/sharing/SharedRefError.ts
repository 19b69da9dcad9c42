import { SiltError } from '../../../common/SiltError';

/** A cell's shared names that cannot be rewritten as written (malformed time travel, an ambiguous name): the analyst's to fix. */
export class SharedRefError extends SiltError {
  /** The heading a cell's error shows (as DuckDB's show "Binder Error"), instead of a class name. */
  readonly kind: string = 'Shared name error';
  constructor(message: string) {
    super('bad-request', message);
  }
}
