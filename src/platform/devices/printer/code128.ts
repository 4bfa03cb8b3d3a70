/**
 * CODE128 payload for ESC/POS `GS k 73`: the data prefixed by code-set switches (`{B`, `{C`).
 * Digit runs of four or more go in code set C (two digits per symbol, so a 22-digit order number
 * is 11 symbols instead of 22); an odd leading digit stays in B. Pure.
 */

const BRACE = 0x7b,
  SET_B = 0x42,
  SET_C = 0x43;

/** Payload bytes and the number of symbol characters (data + switches) for width checks. */
export interface Code128Payload {
  readonly bytes: number[];
  readonly symbols: number;
}

/** Builds the `GS k 73` payload for printable ASCII `data`. */
export function code128Payload(data: string): Code128Payload {
  if (!/^[\x20-\x7e]+$/.test(data) || data.length > 120) throw new RangeError(`CODE128 needs 1-120 printable ASCII characters, got "${data}"`);
  const bytes: number[] = [];
  let symbols = 0;
  let set: 'B' | 'C' | undefined;
  const switchTo = (s: 'B' | 'C'): void => {
    if (set === s) return;
    bytes.push(BRACE, s === 'B' ? SET_B : SET_C);
    if (set !== undefined) symbols++; // the start character is counted separately
    set = s;
  };
  for (const run of data.match(/\d{4,}|\D+|\d{1,3}/g) ?? []) {
    const isC = /^\d{4,}$/.test(run);
    const odd = isC && run.length % 2 === 1 ? run.slice(0, 1) : '';
    const rest = isC ? run.slice(odd.length) : run;
    if (!isC || odd) {
      switchTo('B');
      for (const ch of odd || rest) {
        if (ch === '{')
          bytes.push(BRACE, BRACE); // a literal brace is escaped as {{
        else bytes.push(ch.charCodeAt(0));
        symbols++;
      }
    }
    if (isC) {
      switchTo('C');
      for (let i = 0; i < rest.length; i += 2) {
        bytes.push(Number(rest.slice(i, i + 2)));
        symbols++;
      }
    }
  }
  return { bytes, symbols };
}

/** Modules a CODE128 symbol needs: start 11 + 11 per symbol + check 11 + stop 13. */
export function code128Modules(symbols: number): number {
  return 11 * symbols + 35;
}
