/**
 * How a session raises an event outside any run (a live table changed, a background job moved on).
 * A leaf file: Session and the live tables it owns both need the type, and neither may import the other.
 */
import type { SessionNoticeBody } from '../protocol';

export type Notify = (notice: SessionNoticeBody) => void;
