/** Data-quality requests: suggested expectations for a result or a shared table. */
import * as s from '../../common/schema';

export const QUALITY_PARAMS = {
  /** `table`: a named result, a local table or a shared table (`share.schema.table`). */
  'quality.suggest': s.object({ sessionId: s.string(), table: s.string() }),
  /** `table` as expectation cells name it. */
  'quality.last': s.object({ sessionId: s.string(), table: s.string() }),
};

type In<K extends keyof typeof QUALITY_PARAMS> = s.Infer<(typeof QUALITY_PARAMS)[K]>;

export interface QualityRequests {
  /** An EXPECT ON cell whose rules (nulls, ranges, values, uniqueness) hold on the table as it is now. */
  'quality.suggest': { params: In<'quality.suggest'>; result: { text: string } };
  /** The table's most recent check in this workspace's quality history; null if never checked. */
  'quality.last': { params: In<'quality.last'>; result: { check: QualityLastCheck | null } };
}

export interface QualityLastCheck {
  /** fail: a FAIL UPDATE rule failed; warn: another rule failed; pass: none did. */
  state: 'pass' | 'warn' | 'fail';
  tableVersion: number | null;
  /** ISO 8601, UTC. */
  checkedAt: string;
  rules: number;
  failing: string[];
}

/**
 * A check was recorded in the quality history (an expectation cell, `quality.check`, or a live
 * table's increment), so whatever shows that table's last check reads it again.
 * `table` is the target as the check named it.
 */
export type QualityNotice = { kind: 'event'; type: 'quality.checked'; sessionId: string; table: string };
