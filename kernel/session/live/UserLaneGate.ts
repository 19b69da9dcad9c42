/**
 * Chooses the connection of a live re-run: the live lane, once the user's latest settings have
 * reached it (LaneState.settled); or, when it needs what only the user's connection has
 * (userLaneReason: a TEMP object, a setting the live connection lacks), the user's lane, after the
 * user's running cell ends. It then gives what the user's lane gives, never a Catalog Error.
 * While it waits the reason is looked at again whenever the user's transaction state is known anew
 * (transactionSettled): a cell that commits and keeps running frees a re-run held only by its
 * transaction at once, to the live lane; one still held for another reason says that reason.
 */
import type { Lane } from '../../engine/DuckEngine';
import { laneWait, type LaneStateView, type LaneWait } from './userLaneReason';

export class UserLaneGate {
  /** Live re-runs waiting for the user's run to end. */
  private waiting: (() => void)[] = [];

  constructor(
    private readonly userRunning: () => boolean,
    private readonly lanes: LaneStateView & { settled(): Promise<void> },
  ) {}

  /** The lane for a live re-run of `cell`; null when `signal` aborts while it waits. */
  async laneFor(
    cell: { language: 'sql' | 'typescript'; code: string },
    signal: AbortSignal,
    onWait: (why: LaneWait) => void = () => {},
  ): Promise<Lane | null> {
    await this.lanes.settled();
    let why = laneWait(cell, this.lanes);
    if (!why) return 'live';
    if (this.userRunning()) onWait(why);
    while (this.userRunning() && !signal.aborted) {
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      if (!this.userRunning() || signal.aborted) break;
      // Woken while the user's cell still runs: its transaction changed.
      await this.lanes.settled();
      const now = laneWait(cell, this.lanes);
      if (!now) return signal.aborted ? null : 'live';
      if (now.cause !== why.cause || now.reason !== why.reason) onWait((why = now));
    }
    return signal.aborted ? null : 'user';
  }

  /** A run ended: with no user run left, the waiting re-runs go. */
  runEnded(): void {
    if (!this.userRunning()) for (const resolve of this.waiting.splice(0)) resolve();
  }

  /** The user's transaction state is known anew (a COMMIT in a running cell): the waiting re-runs look again. */
  transactionSettled(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
