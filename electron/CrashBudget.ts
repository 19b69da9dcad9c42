/**
 * How many times something may crash within a time window before Silt stops reviving it by itself:
 * a page that dies again as soon as it is reloaded must not be reloaded forever.
 */
export class CrashBudget {
  private times: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Records a crash at `now`; true while the crashes in the window are within the budget. */
  spend(now: number): boolean {
    this.times = [...this.times.filter((t) => now - t < this.windowMs), now];
    return this.times.length <= this.max;
  }
}
