import type { Extension as FromMarkdownExtension } from "mdast-util-from-markdown";
import type { Math as MathNode } from "mdast-util-math";
import { math as dollarMath } from "micromark-extension-math";
import { markdownLineEnding, markdownSpace } from "micromark-util-character";
import { codes, types } from "micromark-util-symbol";
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from "micromark-util-types";

/**
 * `\( … \)` and `\[ … \]` as Hugo's passthrough extension reads them: raw text up to the
 * closing delimiter, so `_`, `*`, `\\` and `\{` inside are never Markdown. It emits the same
 * tokens as `$$ … $$` text math, so `mdast-util-math` builds `inlineMath` nodes for both;
 * which of them are display math is decided afterwards from the opening delimiter
 * (`math-tree.ts`). `\\(` is an escaped backslash followed by a parenthesis, not math.
 */
const backslashMathText: Construct = {
  name: "backslashMathText",
  // A backslash right before would make this one escaped (`\\(`).
  previous: (code) => code !== codes.backslash,
  tokenize: tokenizeBackslashMathText,
};

/**
 * A two-character delimiter as one token: the character at hand, then `second()`. Used with
 * `effects.check` to ask "does the formula close here?" without consuming anything.
 */
function delimiterPair(tokenType: "mathTextSequence" | "hugoDisplayMathFence", second: () => Code): Construct {
  return {
    partial: true,
    tokenize(effects, ok, nok) {
      return (code) => {
        effects.enter(tokenType);
        effects.consume(code);
        return (next) => {
          if (next !== second()) return nok(next);
          effects.consume(next);
          effects.exit(tokenType);
          return ok;
        };
      };
    },
  };
}

/**
 * Where an opener already scanned to the end of its paragraph without finding its closer.
 * Any later opener of the same kind in that stretch would scan the same text and fail too,
 * so it fails at once: without this, a paragraph of n unclosed `\(` takes n² steps.
 */
const unclosedStretches = new WeakMap<object, Array<{ closer: Code; from: number; to: number }>>();

function tokenizeBackslashMathText(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const openedAt = this.now().offset;
  let closer: Code = null;

  // `\)` or `\]` closing the math, tried without consuming.
  const closingSequence = delimiterPair("mathTextSequence", () => closer);

  const start: State = (code) => {
    effects.enter("mathText");
    effects.enter("mathTextSequence");
    effects.consume(code);
    return open;
  };

  const open: State = (code) => {
    if (code !== codes.leftParenthesis && code !== codes.leftSquareBracket) return nok(code);
    closer = code === codes.leftParenthesis ? codes.rightParenthesis : codes.rightSquareBracket;
    const known = unclosedStretches.get(this.parser);
    if (known?.some((s) => s.closer === closer && openedAt > s.from && openedAt < s.to)) return nok(code);
    effects.consume(code);
    effects.exit("mathTextSequence");
    return between;
  };

  const between: State = (code) => {
    if (code === codes.eof) {
      const stretches = unclosedStretches.get(this.parser) ?? [];
      stretches.push({ closer, from: openedAt, to: this.now().offset });
      unclosedStretches.set(this.parser, stretches);
      return nok(code);
    }
    if (markdownLineEnding(code)) {
      effects.enter(types.lineEnding);
      effects.consume(code);
      effects.exit(types.lineEnding);
      return between;
    }
    if (code === codes.backslash) return effects.check(closingSequence, close, dataStart)(code);
    return dataStart(code);
  };

  // Data begins with any character; a backslash here is a TeX control sequence (`\\`, `\{`,
  // `\alpha`), so the character after it belongs to the data too.
  const dataStart: State = (code) => {
    effects.enter("mathTextData");
    const wasBackslash = code === codes.backslash;
    effects.consume(code);
    return wasBackslash ? afterBackslash : data;
  };

  const afterBackslash: State = (code) => {
    if (code === codes.eof || markdownLineEnding(code)) return data(code);
    effects.consume(code);
    return data;
  };

  const data: State = (code) => {
    if (code === codes.eof || markdownLineEnding(code) || code === codes.backslash) {
      effects.exit("mathTextData");
      return between(code);
    }
    effects.consume(code);
    return data;
  };

  const close: State = (code) => {
    effects.enter("mathTextSequence");
    effects.consume(code);
    return closeBracket;
  };

  const closeBracket: State = (code) => {
    effects.consume(code);
    effects.exit("mathTextSequence");
    effects.exit("mathText");
    return ok;
  };

  return start;
}

/**
 * A display formula that starts a line: `$$` or `\[`, then raw text up to the first closing
 * `$$` or `\]` (on the same line or a later one, even mid-line), then nothing but spaces.
 * Unlike a fenced block, nothing after the opener is dropped, and a formula that is never
 * closed is not a formula at all: the lines fall back to paragraph text, as in Hugo, instead
 * of swallowing the rest of the page.
 */
const displayMathFlow: Construct = {
  name: "hugoDisplayMath",
  concrete: true,
  tokenize: tokenizeDisplayMathFlow,
};

/** A line ending followed by a line that belongs to the same container (not a lazy one). */
const nonLazyLineEnding: Construct = {
  partial: true,
  tokenize(this: TokenizeContext, effects, ok, nok) {
    return (code) => {
      if (!markdownLineEnding(code)) return nok(code);
      effects.enter(types.lineEnding);
      effects.consume(code);
      effects.exit(types.lineEnding);
      return (next) => (this.parser.lazy[this.now().line] ? nok(next) : ok(next));
    };
  },
};

function tokenizeDisplayMathFlow(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let dollar = false;
  let inValue = false;

  const closingSequence = delimiterPair("hugoDisplayMathFence", () =>
    dollar ? codes.dollarSign : codes.rightSquareBracket,
  );

  const enterValue = (): void => {
    if (!inValue) effects.enter("hugoDisplayMathValue");
    inValue = true;
  };
  const exitValue = (): void => {
    if (inValue) effects.exit("hugoDisplayMathValue");
    inValue = false;
  };

  const start: State = (code) => {
    dollar = code === codes.dollarSign;
    effects.enter("hugoDisplayMath");
    effects.enter("hugoDisplayMathFence");
    effects.consume(code);
    return openSecond;
  };

  const openSecond: State = (code) => {
    if (code !== (dollar ? codes.dollarSign : codes.leftSquareBracket)) return nok(code);
    effects.consume(code);
    effects.exit("hugoDisplayMathFence");
    return inside;
  };

  const inside: State = (code) => {
    if (code === codes.eof) return nok(code);
    if (markdownLineEnding(code)) {
      exitValue();
      return effects.attempt(nonLazyLineEnding, inside, nok)(code);
    }
    const closerStart = dollar ? codes.dollarSign : codes.backslash;
    if (code === closerStart) {
      exitValue();
      return effects.check(closingSequence, close, valueCharacter)(code);
    }
    return valueCharacter(code);
  };

  // A backslash takes the next character with it (`\$`, `\\`), so neither can close.
  const valueCharacter: State = (code) => {
    enterValue();
    const escapes = code === codes.backslash;
    effects.consume(code);
    return escapes ? escaped : inside;
  };
  const escaped: State = (code) => {
    if (code === codes.eof || markdownLineEnding(code)) return inside(code);
    effects.consume(code);
    return inside;
  };

  const close: State = (code) => {
    effects.enter("hugoDisplayMathFence");
    effects.consume(code);
    return closeSecond;
  };
  const closeSecond: State = (code) => {
    effects.consume(code);
    effects.exit("hugoDisplayMathFence");
    return trailing;
  };
  // Only spaces may follow on the closing line; anything else makes it paragraph text, where
  // the same formula is found again as display math that splits the paragraph.
  const trailing: State = (code) => {
    if (markdownSpace(code)) {
      effects.enter(types.whitespace);
      return spaces(code);
    }
    return end(code);
  };
  const spaces: State = (code) => {
    if (markdownSpace(code)) {
      effects.consume(code);
      return spaces;
    }
    effects.exit(types.whitespace);
    return end(code);
  };
  const end: State = (code) => {
    if (code !== codes.eof && !markdownLineEnding(code)) return nok(code);
    effects.exit("hugoDisplayMath");
    return ok(code);
  };

  return start;
}

/** Builds `math` nodes from {@link displayMathFlow}: the text between the delimiters. */
export function displayMathFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      hugoDisplayMath(token) {
        this.enter({ type: "math", meta: null, value: "" }, token);
      },
    },
    exit: {
      hugoDisplayMath(token) {
        const node = this.stack[this.stack.length - 1] as MathNode;
        const raw = this.sliceSerialize(token).trimEnd();
        node.value = raw
          .slice(2, -2)
          .replace(/^[ \t]*\r?\n/, "")
          .replace(/\r?\n[ \t]*$/, "");
        this.exit(token);
      },
    },
  };
}

/** Options for {@link hugoMath}. */
export interface HugoMathOptions {
  /** Read `$…$` as inline math too (off by default, as in Hugo: `costs $5 and $10` is text). */
  singleDollar?: boolean;
}

/**
 * Micromark syntax for Hugo-style math: `$$ … $$` (blocks and within text), `\( … \)`,
 * `\[ … \]`, and `$ … $` only when asked for.
 */
export function hugoMath(options: HugoMathOptions = {}): Extension {
  const dollar = dollarMath({ singleDollarTextMath: options.singleDollar ?? false });
  return {
    flow: { [codes.dollarSign]: displayMathFlow, [codes.backslash]: displayMathFlow },
    text: { ...dollar.text, [codes.backslash]: backslashMathText },
  };
}

declare module "micromark-util-types" {
  interface TokenTypeMap {
    hugoDisplayMath: "hugoDisplayMath";
    hugoDisplayMathFence: "hugoDisplayMathFence";
    hugoDisplayMathValue: "hugoDisplayMathValue";
  }
}
