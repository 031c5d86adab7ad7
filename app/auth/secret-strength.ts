/**
 * Is APP_SECRET random enough to derive keys from? A deliberately simple, conservative estimate of the bits an
 * attacker guessing the string would need (zxcvbn's full estimator is not a dependency; this one only has to tell a
 * generated secret from a made-up or patterned one):
 *
 * 1. only the shortest unit the string repeats counts (`abcdabcdabcd…` counts as `abcd`);
 * 2. within it, a character continuing an arithmetic run (`aaaa`, `abcd`, `9753`) adds nothing;
 * 3. each remaining character is worth the string's Shannon entropy per character, from its own character
 *    frequencies with the Miller-Madow small-sample correction, so a string drawing on few symbols, or repeating
 *    some, is worth less.
 *
 * The estimate must reach 128 bits, on top of a length of at least 32 characters. A random secret clears it easily:
 * `openssl rand -base64 48` (64 characters) is worth ≈ 355 (never under 300 in 20,000 draws), `openssl rand -hex 32`
 * ≈ 245 (never under 215), `openssl rand -base64 24` (32 characters) ≈ 170 (never under 130). `openssl rand -hex 16`
 * (32 hex digits, exactly 128 real bits) sits on the line and is usually refused: use one of the above.
 */

export const minSecretLength = 32;
export const minSecretBits = 128;
export const secretAdvice = "generate one with `openssl rand -base64 48`";

export function estimateSecretBits(secret: string): number {
  const chars = Array.from(secret);
  if (chars.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of chars) counts.set(char, (counts.get(char) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    perChar -= p * Math.log2(p);
  }
  // Miller-Madow correction: a short sample under-estimates the entropy of what it was drawn from.
  perChar += (counts.size - 1) / (2 * chars.length * Math.LN2);
  const unit = chars.slice(0, shortestPeriod(chars));
  let counted = 0;
  let [before, last]: (number | undefined)[] = [];
  for (const char of unit) {
    const code = char.codePointAt(0) as number;
    const continuesRun = before !== undefined && last !== undefined && code - last === last - before;
    if (!continuesRun) counted++;
    [before, last] = [last, code];
  }
  return counted * perChar;
}

/** The smallest p such that the string is its first p characters repeated (the last repetition may be partial). */
function shortestPeriod(chars: readonly string[]): number {
  // Knuth-Morris-Pratt failure function: period = length - longest proper border.
  const border = new Array<number>(chars.length).fill(0);
  for (let i = 1, k = 0; i < chars.length; i++) {
    while (k > 0 && chars[i] !== chars[k]) k = border[k - 1] as number;
    if (chars[i] === chars[k]) k++;
    border[i] = k;
  }
  return chars.length - (border[chars.length - 1] as number);
}

/** Why a secret is refused, as a sentence naming no value; null when it is strong enough. */
export function secretWeakness(secret: string): string | null {
  if (Array.from(secret).length < minSecretLength)
    return `must be at least ${minSecretLength} random characters; ${secretAdvice}`;
  const bits = Math.floor(estimateSecretBits(secret));
  if (bits < minSecretBits)
    return `is too predictable (repeated or patterned characters: about ${bits} bits of the ${minSecretBits} needed); ${secretAdvice}`;
  return null;
}
