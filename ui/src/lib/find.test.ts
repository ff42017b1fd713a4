import { describe, expect, it } from "vitest";
import { countText, findRows, firstRow, fold, parseQuery, stepRow, type Findable } from "./find";

const tasks: Findable[] = [
  { number: 1, name: "Release governance" },
  { number: 2, name: "Release kickoff" },
  { number: 3, name: "Zoë's UX review" },
  { number: 4, name: "Łukasz: payments API" },
  { number: 5, name: "Gate 12: QA sign-off" },
  { number: 12, name: "Straße cutover" },
  { number: 13, name: "SØREN's data load" },
];

describe("fold", () => {
  it("drops case and accents, and maps letters with no combining form", () => {
    expect(fold("Zoë")).toBe("zoe");
    expect(fold("Łukasz Nowak")).toBe("lukasz nowak");
    expect(fold("SØREN Østergaard")).toBe("soren ostergaard");
    expect(fold("Straße")).toBe("strasse");
    expect(fold("Nguyễn Thị Ngọc")).toBe("nguyen thi ngoc");
    expect(fold("Plain ASCII")).toBe("plain ascii");
  });
});

describe("findRows", () => {
  it("finds names that hold the text, whatever its case and accents", () => {
    expect(findRows(tasks, parseQuery("release"))).toEqual([0, 1]);
    expect(findRows(tasks, parseQuery("ZOE"))).toEqual([2]);
    expect(findRows(tasks, parseQuery("lukasz"))).toEqual([3]);
    expect(findRows(tasks, parseQuery("  soren "))).toEqual([6]);
    expect(findRows(tasks, parseQuery("strasse"))).toEqual([5]);
  });

  it("finds the task with the ID typed, beside names holding the number", () => {
    expect(findRows(tasks, parseQuery("12"))).toEqual([4, 5]);
    expect(findRows(tasks, parseQuery("#12"))).toEqual([5]);
    expect(findRows(tasks, parseQuery("3"))).toEqual([2]);
  });

  it("finds nothing for blank text or no match", () => {
    expect(parseQuery("   ")).toBeNull();
    expect(findRows(tasks, parseQuery(""))).toEqual([]);
    expect(findRows(tasks, parseQuery("deploy"))).toEqual([]);
  });
});

describe("firstRow", () => {
  it("goes to the task with the ID typed first", () => {
    const q = parseQuery("12");
    expect(firstRow(tasks, findRows(tasks, q), q, 0)).toBe(5);
  });

  it("else to the first match from the row Find began on, round to the first", () => {
    const q = parseQuery("release");
    const rows = findRows(tasks, q);
    expect(firstRow(tasks, rows, q, 0)).toBe(0);
    expect(firstRow(tasks, rows, q, 1)).toBe(1);
    expect(firstRow(tasks, rows, q, 4)).toBe(0);
    expect(firstRow(tasks, [], q, 4)).toBeNull();
  });
});

describe("stepRow", () => {
  const rows = [2, 5, 9];
  it("goes to the next or previous match, round the ends", () => {
    expect(stepRow(rows, 2, 1)).toBe(5);
    expect(stepRow(rows, 9, 1)).toBe(2);
    expect(stepRow(rows, 6, 1)).toBe(9);
    expect(stepRow(rows, 5, -1)).toBe(2);
    expect(stepRow(rows, 2, -1)).toBe(9);
    expect(stepRow(rows, 0, -1)).toBe(9);
    expect(stepRow([], 0, 1)).toBeNull();
  });
});

describe("countText", () => {
  it("says which match is selected, or how many there are", () => {
    expect(countText([2, 5, 9], 5)).toBe("2 of 3");
    expect(countText([2, 5, 9], 4)).toBe("3 tasks");
    expect(countText([7], 3)).toBe("1 task");
    expect(countText([], 0)).toBe("No task matches");
  });
});
