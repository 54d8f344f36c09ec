import type { Verdict } from "@llm-basics/grading";
import { expect, it } from "vitest";
import { learnerVerdict } from "./learner-verdict";

it("keeps what the learner may see and drops the tolerance, also from every part", () => {
  const verdict = {
    status: "partial",
    score: 0.5,
    message: "1 of 2 parts are right.",
    tolerance: { atol: 0.005, rtol: 0 },
    parts: [
      {
        id: "scores",
        status: "incorrect",
        score: 0,
        message: "Not correct.",
        cells: [
          [true, false],
          [true, true],
        ],
        misconception: { id: "product-order", message: "BA for AB", topic: "matrices", expected: [[1]] },
        tolerance: { atol: 0.005, rtol: 0 },
      },
      { id: "weights", status: "correct", score: 1, message: "ok", carriedForward: true, tolerance: { sigfigs: 3 } },
    ],
    // Whatever a future grader adds is not passed on unless listed here.
    expected: [[0.25, 0.75]],
  } as unknown as Verdict;
  expect(learnerVerdict(verdict)).toEqual({
    status: "partial",
    score: 0.5,
    message: "1 of 2 parts are right.",
    parts: [
      {
        id: "scores",
        status: "incorrect",
        score: 0,
        message: "Not correct.",
        cells: [
          [true, false],
          [true, true],
        ],
        misconception: { id: "product-order", message: "BA for AB", topic: "matrices" },
      },
      { id: "weights", status: "correct", score: 1, message: "ok", carriedForward: true },
    ],
  });
});

it("passes on where an unreadable answer went wrong", () => {
  const verdict: Verdict = {
    status: "invalid",
    score: 0,
    message: "This “[” is never closed.",
    tolerance: { atol: 0.001, rtol: 0.001 },
    problem: { at: 9, length: 1, code: "unclosed-bracket", hint: "Add the missing “]”." },
  };
  expect(learnerVerdict(verdict)).toEqual({
    status: "invalid",
    score: 0,
    message: "This “[” is never closed.",
    problem: { at: 9, length: 1, code: "unclosed-bracket", hint: "Add the missing “]”." },
  });
});

it("says nothing of the readable parts of an answer that is invalid (it used no attempt)", () => {
  const verdict = {
    status: "invalid",
    score: 0,
    message: "Part output cannot be read.",
    tolerance: { atol: 0.005, rtol: 0 },
    parts: [
      { id: "scores", status: "correct", score: 1, message: "Correct.", cells: [[true]], tolerance: { atol: 0 } },
      {
        id: "weights",
        status: "incorrect",
        score: 0,
        message: "You forgot to scale.",
        misconception: { id: "attention-no-scaling", message: "You forgot to scale.", topic: "attention" },
        tolerance: { atol: 0 },
      },
      {
        id: "output",
        status: "invalid",
        score: 0,
        message: "This [ is never closed.",
        problem: { at: 0, length: 1, code: "unclosed-bracket" },
        tolerance: { atol: 0 },
      },
    ],
  } as unknown as Verdict;
  expect(learnerVerdict(verdict)).toEqual({
    status: "invalid",
    score: 0,
    message: "Part output cannot be read.",
    parts: [
      {
        id: "output",
        status: "invalid",
        score: 0,
        message: "This [ is never closed.",
        problem: { at: 0, length: 1, code: "unclosed-bracket" },
      },
    ],
  });
});
