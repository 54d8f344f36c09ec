// What the normalizer writes: the answer in the plain syntax, one UTF-16 unit at a time, each with
// the index of the input character it came from; and the character classes every stage uses.

/** An ASCII digit 0–9. */
export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** An ASCII letter a–z or A–Z. */
export function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));
}

/** A character of a plain-syntax name or number: an ASCII letter, digit or _. */
export function isWordChar(c: string | undefined): boolean {
  if (c === undefined || c.length !== 1) return false;
  const code = c.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

const BLANKS = new Set([" ", "\t", "\n", "\r", "\u00a0", "\u3000", "\u202f", "\u205f"]);

/** A space, tab, line break or Unicode space (the ideographic space too). */
export function isBlank(c: string | undefined): boolean {
  return c !== undefined && (BLANKS.has(c) || (c >= "\u2000" && c <= "\u200a"));
}

/** 2 when a surrogate pair starts at i, else 1: how many units one character takes. */
export function codePointLength(s: string, i: number): number {
  const code = s.charCodeAt(i);
  const low = s.charCodeAt(i + 1);
  return code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
}

/** Output characters (one UTF-16 unit each, "" once deleted) and where each came from. */
export class Buf {
  readonly chars: string[] = [];
  readonly pos: number[] = [];
  private last = "";
  // Whether the trailing run of word characters began with a letter or "_" (an identifier).
  private identRun = false;
  // A name was just written: a following word character must not fuse with it (pi then r ≠ pir).
  private sep = false;

  get length(): number {
    return this.chars.length;
  }

  put(c: string, p: number): void {
    if (isWordChar(c)) {
      if (!isWordChar(this.last)) this.identRun = !isDigit(c);
    } else {
      this.identRun = false;
    }
    this.last = c;
    this.sep = false;
    this.chars.push(c);
    this.pos.push(p);
  }

  putStr(text: string, p: number): void {
    for (const c of text) this.put(c, p);
  }

  /** A character as typed, kept apart from a name written just before it. */
  char(c: string, p: number): void {
    if (this.sep && isWordChar(c)) this.put(" ", p);
    this.put(c, p);
  }

  /** A name such as `pi` or `sqrt`, kept apart from word characters on both sides. */
  word(text: string, p: number, spread = false): void {
    if (this.tailIsWord()) this.put(" ", p);
    for (let k = 0; k < text.length; k++) this.put(text[k] as string, spread ? p + k : p);
    this.sep = true;
  }

  tailIsWord(): boolean {
    return isWordChar(this.last) && this.last !== "_";
  }

  tailIsIdent(): boolean {
    return isWordChar(this.last) && this.identRun;
  }

  lastChar(): string {
    return this.last;
  }

  mark(): Mark {
    return { len: this.chars.length, last: this.last, identRun: this.identRun, sep: this.sep };
  }

  reset(m: Mark): void {
    this.chars.length = m.len;
    this.pos.length = m.len;
    this.last = m.last;
    this.identRun = m.identRun;
    this.sep = m.sep;
  }

  /** Drops trailing blanks down to index `min`; the caller writes a non-word character next. */
  trimEnd(min: number): void {
    let len = this.chars.length;
    while (len > min && (this.chars[len - 1] === " " || this.chars[len - 1] === "\n" || this.chars[len - 1] === ""))
      len--;
    this.chars.length = len;
    this.pos.length = len;
  }

  blankSince(from: number): boolean {
    for (let k = from; k < this.chars.length; k++) {
      const c = this.chars[k];
      if (c !== "" && c !== " " && c !== "\n") return false;
    }
    return true;
  }

  text(): string {
    return this.chars.join("");
  }

  append(other: Buf): void {
    let first = 0;
    while (first < other.chars.length && other.chars[first] === "") first++;
    if (first < other.chars.length && isWordChar(other.chars[first]) && this.tailIsWord()) {
      this.put(" ", other.pos[first] as number);
    }
    for (let k = first; k < other.chars.length; k++) {
      const c = other.chars[k] as string;
      if (c !== "") this.put(c, other.pos[k] as number);
    }
  }
}

/** A Buf's state at one moment, to go back to with Buf.reset. */
export interface Mark {
  len: number;
  last: string;
  identRun: boolean;
  sep: boolean;
}
