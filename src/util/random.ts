/**
 * A seeded pseudo-random generator of our own (xoshiro128**, seeded through splitmix32), so that the same
 * seed gives the same stream on every platform and Node version. Randomness is always injected: no stage
 * uses Math.random.
 */
export interface Random {
  /** Uniform float in [0, 1) with 53 random bits. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A new independent generator derived from this one (for per-restart or per-reference streams). */
  fork(): Random;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Creates a seeded generator. Seeds are integers (any safe integer; the high and low 32 bits are both used).
 * O(1) per draw.
 */
export function createRandom(seed: number): Random {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  const sm = splitmix32(lo ^ Math.imul(hi, 0x27d4eb2d));
  let a = sm(),
    b = sm(),
    c = sm(),
    d = sm();
  if ((a | b | c | d) === 0) a = 1;
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const rng: Random = {
    next() {
      const hiBits = next32() >>> 5; // 27 bits
      const loBits = next32() >>> 6; // 26 bits
      return (hiBits * 67108864 + loBits) / 9007199254740992;
    },
    int(n: number) {
      return Math.floor(rng.next() * n);
    },
    fork() {
      return createRandom(next32() * 4096 + (next32() >>> 20));
    },
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
