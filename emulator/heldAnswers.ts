/**
 * Holds answers delayed by `slowAnswer` faults.
 *
 * A held answer may wait far longer than a test runs, so every hold ends early when its client
 * goes away or when the emulator closes: closing then neither waits on a timer nor leaves one
 * behind to keep the process alive.
 */
export class HeldAnswers {
  private readonly releases = new Set<() => void>();
  private closed = false;

  /**
   * Waits `ms` milliseconds.
   *
   * @param ms - how long to hold the answer
   * @param signal - aborted when the client goes away
   * @returns true when the time ran out (send the answer), false when the hold was cut short
   */
  hold(ms: number, signal?: AbortSignal): Promise<boolean> {
    if (this.closed || signal?.aborted) {
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      const finish = (elapsed: boolean): void => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", cut);
        this.releases.delete(cut);
        resolve(elapsed);
      };
      const cut = (): void => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      signal?.addEventListener("abort", cut, { once: true });
      this.releases.add(cut);
    });
  }

  /** Number of answers being held. */
  get size(): number {
    return this.releases.size;
  }

  /** Cuts every hold short, and every later one at once: the emulator is closing. */
  releaseAll(): void {
    this.closed = true;
    for (const cut of [...this.releases]) {
      cut();
    }
  }
}
