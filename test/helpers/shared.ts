/** The shared test material (`../shared` beside the repository), wherever the clone lives. */
import { join } from 'node:path';

// test/helpers → repository root is two folders up; CI clones the repo with shared/ beside it.
// (Benchmarks bundled into dist/bench sit just as deep, so the same path holds there.)
export const SHARED = process.env.SILT_SHARED ?? join(__dirname, '..', '..', '..', 'shared');
