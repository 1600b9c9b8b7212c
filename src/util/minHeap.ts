/**
 * A binary min-heap of (key, id) pairs on typed arrays: smallest key first, ties by the smaller id (so the
 * order never depends on insertion order). Grows as needed. push/pop O(log size), peek O(1).
 */
export class MinHeap {
  private keys = new Float64Array(16);
  private ids = new Int32Array(16);
  size = 0;

  /** Adds `id` with `key`. O(log size). */
  push(key: number, id: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      const ids = new Int32Array(this.size * 2);
      ids.set(this.ids);
      this.keys = keys;
      this.ids = ids;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(key, id, this.keys[parent]!, this.ids[parent]!)) break;
      this.keys[i] = this.keys[parent]!;
      this.ids[i] = this.ids[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.ids[i] = id;
  }

  /** The smallest key (undefined when empty). */
  topKey(): number | undefined {
    return this.size ? this.keys[0] : undefined;
  }

  /** The id of the smallest key (undefined when empty). */
  topId(): number | undefined {
    return this.size ? this.ids[0] : undefined;
  }

  /** Removes the smallest entry. O(log size). */
  pop(): void {
    if (this.size === 0) return;
    const last = --this.size;
    const key = this.keys[last]!,
      id = this.ids[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.less(this.keys[child + 1]!, this.ids[child + 1]!, this.keys[child]!, this.ids[child]!)) child++;
      if (!this.less(this.keys[child]!, this.ids[child]!, key, id)) break;
      this.keys[i] = this.keys[child]!;
      this.ids[i] = this.ids[child]!;
      i = child;
    }
    this.keys[i] = key;
    this.ids[i] = id;
  }

  private less(ka: number, ia: number, kb: number, ib: number): boolean {
    return ka < kb || (ka === kb && ia < ib);
  }
}
