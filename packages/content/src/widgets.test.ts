import { describe, expect, it } from "vitest";
import { splitAtSlots } from "./exercises.ts";
import { MarkdownRenderer } from "./pipeline.ts";
import { widgetShortcode } from "./widgets.ts";

const renderer = new MarkdownRenderer({ shortcodes: [widgetShortcode] });
const render = (source: string) => renderer.render(source, { file: "w.md", resolveRef: () => ({ error: "none" }) });

describe("the widget shortcode", () => {
  it("marks where a widget goes, its parameters checked and made numbers, and the page splits there", async () => {
    const page = await render(
      '前文\n\n{{< widget name="softmax" logits="2, 1, 0" temperature="0.5" labels="我，爱，你" >}}\n\n后文',
    );
    expect(page.diagnostics).toEqual([]);
    expect(splitAtSlots(page.html)).toEqual([
      "<p>前文</p>\n",
      { widget: "softmax", params: { logits: [2, 1, 0], temperature: 0.5, labels: ["我", "爱", "你"] } },
      "\n<p>后文</p>",
    ]);
    const defaults = await render('{{< widget name="softmax" >}}');
    expect(splitAtSlots(defaults.html)).toEqual([
      { widget: "softmax", params: { logits: [2, 1, 0.1], temperature: 1 } },
    ]);
  });

  it("reads the attention widget's tokens and matrices, and says which shape is wrong", async () => {
    const page = await render(
      '{{< widget name="attention" tokens="猫，坐, 垫子" q="[[1, 0], [0, 1], [1, 1]]" k="[[1, 0], [0, 1], [2, 0]]" causal="true" >}}',
    );
    expect(page.diagnostics).toEqual([]);
    expect(splitAtSlots(page.html)).toEqual([
      {
        widget: "attention",
        params: {
          tokens: ["猫", "坐", "垫子"],
          q: [
            [1, 0],
            [0, 1],
            [1, 1],
          ],
          k: [
            [1, 0],
            [0, 1],
            [2, 0],
          ],
          causal: true,
          scaled: true,
        },
      },
    ]);
    const problems: Array<[string, string]> = [
      ['tokens="a, b" q="[[1]]" k="[[1], [2]]"', "q needs 2 rows, one per token"],
      ['tokens="a, b" q="[[1], [2]]" k="[[1, 0], [2, 0]]"', "q and k need the same number of columns"],
      ['tokens="a, b" q="[[1], [x]]" k="[[1], [2]]"', "q is not a matrix"],
      ['tokens="a, b" q="[[1], [99]]" k="[[1], [2]]"', "q: every entry is a number between -10 and 10"],
      ['tokens="a, b" q="[[1], [2]]" k="[[1], [2]]" causal="yes"', 'causal is true or false, not "yes"'],
      ['tokens="a"', "tokens names 2 to 6 tokens"],
      ['q="[[1], [2]]"', "q and k are needed"],
      ['q="[[1], [2]]" k="[[1], [2], [3]]" causal="true"', "the causal mask needs as many queries as keys"],
    ];
    for (const [params, message] of problems) {
      const bad = await render(`{{< widget name="attention" ${params} >}}`);
      expect(bad.diagnostics, params).toEqual([
        expect.objectContaining({ rule: "widget", message: expect.stringContaining(message) }),
      ]);
    }
  });

  it("without tokens, takes as many queries and keys as q and k have rows", async () => {
    const page = await render('{{< widget name="attention" q="[[1, 0]]" k="[[1, 0], [0, 1], [1, 1]]" >}}');
    expect(page.diagnostics).toEqual([]);
    expect(splitAtSlots(page.html)).toEqual([
      {
        widget: "attention",
        params: {
          q: [[1, 0]],
          k: [
            [1, 0],
            [0, 1],
            [1, 1],
          ],
          causal: false,
          scaled: true,
        },
      },
    ]);
  });

  it("says at the shortcode's line what is wrong with it", async () => {
    const cases: Array<[string, string]> = [
      ['{{< widget name="heatmap" >}}', 'no widget is named "heatmap": attention ('],
      ["{{< widget >}}", "a widget needs a name"],
      ['{{< widget name="softmax" logits="1" >}}', "logits takes 2 to 8 numbers, got 1"],
      ['{{< widget name="softmax" logits="1, x" >}}', 'logits: "x" is not a number between -20 and 20'],
      ['{{< widget name="softmax" temperature="0" >}}', 'temperature is a number from 0.1 to 10, not "0"'],
      ['{{< widget name="softmax" labels="a, b" >}}', "labels names 2 bars, logits has 3"],
      [
        '{{< widget name="softmax" temprature="2" >}}',
        "widget softmax has no parameter temprature; it takes logits, temperature, labels",
      ],
    ];
    for (const [source, message] of cases) {
      const page = await render(`# 标题\n\n${source}`);
      expect(page.diagnostics, source).toEqual([
        expect.objectContaining({
          rule: "widget",
          severity: "error",
          line: 3,
          column: 1,
          message: expect.stringContaining(message),
        }),
      ]);
      expect(
        splitAtSlots(page.html).some((s) => typeof s !== "string"),
        source,
      ).toBe(false);
    }
  });
});

describe("the layernorm widget", () => {
  it("reads x, γ and β, with the lesson's vector by default", async () => {
    const page = await render('{{< widget name="layernorm" gamma="2" beta="-0.5" >}}');
    expect(splitAtSlots(page.html)).toEqual([
      { widget: "layernorm", params: { x: [3, -1, 2, 0], gamma: 2, beta: -0.5 } },
    ]);
    const bad = await render('{{< widget name="layernorm" gamma="9" >}}');
    expect(bad.diagnostics[0]?.message).toBe('widget layernorm: gamma is a number from 0 to 3, not "9"');
  });
});

describe("the svd widget", () => {
  it("takes a 2×2 matrix, the lesson's by default", async () => {
    const page = await render('{{< widget name="svd" >}}');
    expect(splitAtSlots(page.html)).toEqual([
      {
        widget: "svd",
        params: {
          a: [
            [3, 0],
            [4, 5],
          ],
        },
      },
    ]);
    const bad = await render('{{< widget name="svd" a="[[1, 2, 3], [4, 5, 0]]" >}}');
    expect(bad.diagnostics[0]?.message).toBe("widget svd: a is a 2×2 matrix");
  });
});

describe("the descent widget", () => {
  it("takes a bowl, a start, a rate and a number of steps, the lesson's by default", async () => {
    const page = await render('{{< widget name="descent" lr="0.3" start="4, -2" >}}');
    expect(page.diagnostics).toEqual([]);
    expect(splitAtSlots(page.html)).toEqual([
      {
        widget: "descent",
        params: {
          a: [
            [3, 1],
            [1, 3],
          ],
          b: [5, 7],
          start: [4, -2],
          lr: 0.3,
          steps: 20,
        },
      },
    ]);
  });

  it("refuses a loss without a bottom and steps that are not whole", async () => {
    const messages = async (source: string) => (await render(source)).diagnostics.map((d) => d.message);
    expect(await messages('{{< widget name="descent" a="[[3, 1], [2, 3]]" >}}')).toEqual([
      "widget descent: a must be symmetric (a₁₂ = a₂₁), so the loss is a bowl",
    ]);
    expect(await messages('{{< widget name="descent" a="[[1, 2], [2, 1]]" >}}')).toEqual([
      "widget descent: a must be positive definite (a₁₁ > 0 and det a > 0), or the loss has no bottom",
    ]);
    expect(await messages('{{< widget name="descent" steps="2.5" >}}')).toEqual([
      'widget descent: steps is a whole number, not "2.5"',
    ]);
    expect(await messages('{{< widget name="descent" b="1, 2, 3" >}}')).toEqual([
      "widget descent: b takes 2 numbers, got 3",
    ]);
  });
});

describe("the matmul widget", () => {
  it("takes A and B whose shapes chain, 1 to 4 rows and columns", async () => {
    const page = await render('{{< widget name="matmul" a="[[1, 2, 3]]" b="[[1], [0], [2]]" >}}');
    expect(page.diagnostics).toEqual([]);
    expect(splitAtSlots(page.html)).toEqual([{ widget: "matmul", params: { a: [[1, 2, 3]], b: [[1], [0], [2]] } }]);
    const bad = await render('{{< widget name="matmul" a="[[1, 2], [3, 4]]" b="[[1, 2, 3]]" >}}');
    expect(bad.diagnostics[0]?.message).toBe("widget matmul: b needs 2 rows, as many as a has columns, not 1");
    const big = await render('{{< widget name="matmul" a="[[1], [2], [3], [4], [5]]" b="[[1]]" >}}');
    expect(big.diagnostics[0]?.message).toBe("widget matmul: a needs 1 to 4 rows");
  });
});
