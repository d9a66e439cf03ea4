import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ENVIRONMENT_FILLS, OUTCOME_FILLS } from "./chart-fills";
import { Sparkline } from "./sparkline";
import { StackedBarChart } from "./stacked-bar-chart";

describe("chart fills", () => {
  it("give every series of a chart its own pattern, so colour is never the only difference", () => {
    for (const fills of [OUTCOME_FILLS, ENVIRONMENT_FILLS]) {
      const patterns = Object.values(fills).map((fill) => fill.pattern);
      expect(new Set(patterns).size).toBe(patterns.length);
      for (const fill of Object.values(fills)) expect(fill.colour).toMatch(/dark:fill-/);
    }
  });
});

describe("Sparkline", () => {
  it("is an image named by its total, 56 by 16", () => {
    const html = renderToStaticMarkup(<Sparkline values={[0, 2, 0, 0, 1, 0, 1_200]} />);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="Requests over the last 7 days: 1,203"');
    expect(html).toContain('width="56" height="16"');
    expect(html).toContain("oldest first: 0, 2, 0, 0, 1, 0, 1,200");
  });
});

describe("StackedBarChart", () => {
  const buckets = [0, 1, 2].map((day) => ({ start: new Date(Date.UTC(2026, 10, 25 + day)), values: [day * 2, day === 2 ? 3 : 0] }));
  const html = renderToStaticMarkup(
    <StackedBarChart
      id="t"
      unit="day"
      buckets={buckets}
      series={[
        { label: "A", fill: OUTCOME_FILLS.allowed },
        { label: "B", fill: OUTCOME_FILLS.denied },
      ]}
    />,
  );

  it("draws a segment per non-zero value, each filled with its series' pattern", () => {
    expect(html.match(/fill="url\(#t-0\)"/g)).toHaveLength(2);
    expect(html.match(/fill="url\(#t-1\)"/g)).toHaveLength(1);
    expect(html).toContain('id="t-0"');
    expect(html).toContain('id="t-1"');
  });

  it("stacks in percentages of its box, the tallest bar reaching the axis top", () => {
    // Day 3: 4 + 3 = 7 on an axis to 8.
    expect(html).toContain('y="12.5%" height="37.5%"');
  });

  it("labels days in UTC and stays out of the accessibility tree", () => {
    expect(html).toContain("Nov 27");
    expect(html).toContain("Day (UTC)");
    expect(html.startsWith('<div aria-hidden="true"')).toBe(true);
  });
});
