/**
 * Texts kept by a key that names what they were made from (a hash of their
 * inputs), so an entry is never stale, only unused. Bounded by total length;
 * the least recently used goes first. A key is kept only the second time it
 * is offered, so things asked for once do not push out things asked for
 * again and again.
 */
export class BoundedTextCache {
  readonly #entries = new Map<string, string>();
  readonly #seenOnce = new Set<string>();
  #length = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly maxLength: number,
    readonly maxEntryLength: number,
    readonly maxSeen = 10_000,
  ) {}

  get(key: string): string | undefined {
    const text = this.#entries.get(key);
    if (text === undefined) {
      this.misses++;
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, text);
    this.hits++;
    return text;
  }

  /**
   * Whether a text for this key would be kept if offered now; the first time
   * a key is asked about only that it was seen is remembered. Lets a caller
   * skip the work of collecting a text that would not be kept.
   */
  wants(key: string): boolean {
    if (this.#entries.has(key)) return false;
    if (this.#seenOnce.has(key)) return true;
    if (this.#seenOnce.size >= this.maxSeen) this.#seenOnce.clear();
    this.#seenOnce.add(key);
    return false;
  }

  offer(key: string, text: string) {
    if (!this.wants(key) || text.length > this.maxEntryLength) return;
    this.#seenOnce.delete(key);
    this.#entries.set(key, text);
    this.#length += text.length;
    for (const [oldKey, old] of this.#entries) {
      if (this.#length <= this.maxLength) break;
      this.#entries.delete(oldKey);
      this.#length -= old.length;
    }
  }

  clear() {
    this.#entries.clear();
    this.#seenOnce.clear();
    this.#length = 0;
  }
}
