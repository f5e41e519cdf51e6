/**
 * A map from one positive integer id to another (or to null), for the hundreds of thousands of
 * ids a large import remembers: two typed arrays with open addressing, 8 bytes a slot (a Map of
 * numbers takes about 48 bytes an entry). Ids outside 1…2³¹−1, as keys or values, go to a plain
 * Map beside it.
 */
export class IdMap {
  private keys = new Int32Array(INITIAL_SLOTS);
  /** The value + 1: 0 marks null (ids are positive). */
  private values = new Int32Array(INITIAL_SLOTS);
  private count = 0;
  private readonly others = new Map<number, number | null>();

  get size(): number {
    return this.count + this.others.size;
  }

  has(key: number): boolean {
    return (isSmallId(key) && this.keys[this.slotOf(key)] === key) || this.others.has(key);
  }

  /** The value, null, or undefined when the key is not in the map. */
  get(key: number): number | null | undefined {
    const slot = isSmallId(key) ? this.slotOf(key) : -1;
    if (slot === -1 || this.keys[slot] !== key) return this.others.get(key);
    const stored = this.values[slot]!;
    return stored === 0 ? null : stored - 1;
  }

  set(key: number, value: number | null): void {
    if (!isSmallId(key) || (value !== null && !isSmallId(value + 1))) {
      this.delete(key);
      this.others.set(key, value);
      return;
    }
    this.others.delete(key);
    let slot = this.slotOf(key);
    if (this.keys[slot] !== key) {
      if ((this.count + 1) * 4 > this.keys.length * 3) {
        this.grow();
        slot = this.slotOf(key);
      }
      this.keys[slot] = key;
      this.count++;
    }
    this.values[slot] = value === null ? 0 : value + 1;
  }

  private delete(key: number): void {
    if (!isSmallId(key) || this.keys[this.slotOf(key)] !== key) return;
    // Rare (an id whose value needs the plain map): the table is rebuilt without it.
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length);
    this.values = new Int32Array(keys.length);
    this.count = 0;
    for (let slot = 0; slot < keys.length; slot++) {
      if (keys[slot] !== 0 && keys[slot] !== key) this.put(keys[slot]!, values[slot]!);
    }
  }

  /** The key's slot, or the empty one where it would go (linear probing; the table is never full). */
  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2);
    this.count = 0;
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot] !== 0) this.put(keys[slot]!, values[slot]!);
  }

  private put(key: number, stored: number): void {
    const slot = this.slotOf(key);
    this.keys[slot] = key;
    this.values[slot] = stored;
    this.count++;
  }
}

const INITIAL_SLOTS = 64;

function isSmallId(id: number): boolean {
  return Number.isInteger(id) && id > 0 && id <= 0x7fffffff;
}
