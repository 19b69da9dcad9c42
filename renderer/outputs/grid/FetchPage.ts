/** How a grid reads rows of a result the session holds: `limit` rows from `offset`, by handle. */
import type { CellValue } from '../../../kernel/protocol/notebook';

export type FetchPage = (handle: string, offset: number, limit: number) => Promise<CellValue[][]>;
