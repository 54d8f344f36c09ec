import { math as dollarMath } from "micromark-extension-math";
import { markdownLineEnding } from "micromark-util-character";
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
 * Where an opener already scanned to the end of its paragraph without finding its closer.
 * Any later opener of the same kind in that stretch would scan the same text and fail too,
 * so it fails at once: without this, a paragraph of n unclosed `\(` takes n² steps.
 */
const unclosedStretches = new WeakMap<object, Array<{ closer: Code; from: number; to: number }>>();

function tokenizeBackslashMathText(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const openedAt = this.now().offset;
  let closer: Code = null;

  // `\)` or `\]` closing the math, tried without consuming.
  const closingSequence: Construct = {
    partial: true,
    tokenize(check, checkOk, checkNok) {
      return (code) => {
        check.enter("mathTextSequence");
        check.consume(code);
        return (next) => {
          if (next !== closer) return checkNok(next);
          check.consume(next);
          check.exit("mathTextSequence");
          return checkOk;
        };
      };
    },
  };

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
    flow: dollar.flow,
    text: { ...dollar.text, [codes.backslash]: backslashMathText },
  };
}
