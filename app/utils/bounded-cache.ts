/**
 * Values kept by a key that names what they were made from (a hash of their
 * inputs), so an entry is never stale, only unused. Bounded by total size
 * (`sizeOf`: a text's length, a document's bytes); the least recently used
 * goes first. A key is kept only the second time it is offered, so things
 * asked for once do not push out things asked for again and again.
 */
export class BoundedCache<Value> {
  readonly #entries = new Map<string, Value>();
  readonly #seenOnce = new Set<string>();
  #size = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly maxSize: number,
    readonly maxEntrySize: number,
    readonly sizeOf: (value: Value) => number,
    readonly maxSeen = 10_000,
  ) {}

  get(key: string): Value | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, value);
    this.hits++;
    return value;
  }

  /**
   * Whether a value for this key would be kept if offered now; the first time
   * a key is asked about only that it was seen is remembered. Lets a caller
   * skip the work of making a value that would not be kept.
   */
  wants(key: string): boolean {
    if (this.#entries.has(key)) return false;
    if (this.#seenOnce.has(key)) return true;
    if (this.#seenOnce.size >= this.maxSeen) this.#seenOnce.clear();
    this.#seenOnce.add(key);
    return false;
  }

  offer(key: string, value: Value) {
    const size = this.sizeOf(value);
    if (!this.wants(key) || size > this.maxEntrySize) return;
    this.#seenOnce.delete(key);
    this.#entries.set(key, value);
    this.#size += size;
    for (const [oldKey, old] of this.#entries) {
      if (this.#size <= this.maxSize) break;
      this.#entries.delete(oldKey);
      this.#size -= this.sizeOf(old);
    }
  }

  clear() {
    this.#entries.clear();
    this.#seenOnce.clear();
    this.#size = 0;
  }
}
