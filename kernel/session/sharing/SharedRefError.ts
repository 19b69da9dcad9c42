import { SiltError } from '../../../common/SiltError';

/** A cell's shared names that cannot be rewritten as written (malformed time travel, an ambiguous name): the analyst's to fix. */
export class SharedRefError extends SiltError {
  constructor(message: string) {
    super('bad-request', message);
  }
}
