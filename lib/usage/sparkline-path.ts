import { linearScale, round } from "./chart-scale";

// The SVG path of a sparkline through `values`, left to right, inside a
// width x height box with `inset` to spare on each side (so the stroke is not
// clipped). The highest value touches the top; all zeros lie on the bottom.
export function sparklinePath(values: number[], { width, height, inset = 1 }: { width: number; height: number; inset?: number }): string {
  if (values.length === 0) return "";
  const y = linearScale(Math.max(...values), height - inset, inset);
  if (values.length === 1) return `M${inset},${round(y(values[0]))}H${width - inset}`;
  const x = linearScale(values.length - 1, inset, width - inset);
  return values.map((value, index) => `${index === 0 ? "M" : "L"}${round(x(index))},${round(y(value))}`).join("");
}
