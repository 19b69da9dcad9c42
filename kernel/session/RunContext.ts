/**
 * What belongs to one run of a cell: where its outputs go, what stops it, which lane it runs in.
 * Two runs can be going at once (a live re-run beside the user's long cell), so nothing of a run is
 * kept in a session-wide field: `display()`, `sql`, progress, abort and subscriptions find their run
 * through the session's AsyncLocalStorage, which Node carries across every await and timer of the
 * cell's code (the realm runs in this context, see TsRealm).
 */
import type { Lane } from '../engine/DuckEngine';
import type { Output } from '../protocol';

export interface RunContext {
  runId: string;
  /** The cell being run; null for a run without one (a script driving the session). */
  cellId: string | null;
  lane: Lane;
  /** A live re-run that needed the user's connection (userLaneReason) and runs there. */
  inUserLane?: boolean;
  /** Adds an output to this run (display() and console output go through it). */
  push(o: Output): void;
  /** display() calls the cell did not await; the run ends only after they are shown. */
  displays: Promise<void>[];
  /** Cancels this run's downloads and waits on interrupt. */
  abort: AbortController;
  interrupted: boolean;
  /** Set when the run returned: later output (a timer the cell left behind) no longer belongs to it. */
  ended: boolean;
  /** Releases the file cache's holds on the shared files this run's statements read, when it ends. */
  holds: (() => void)[];
}
