// Runs tasks with the same key one after another, in this process.
//
// Concurrent ratings of one review card must serialize (the card row is locked FOR UPDATE for that).
// Without this queue each waiting writer would hold a pooled connection while blocked on the row lock,
// so 200 simultaneous writes to one card exhaust the pool and time out; with it, writers to the same
// card wait here, in memory, and use one connection at a time. The row lock still guards other processes.
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** keys with queued or running tasks (for tests) */
  get size(): number {
    return this.tails.size;
  }
}
