// The arithmetic behind the charts: pure, so the server renders the SVG and
// no charting code reaches the browser.

// The y axis: the smallest round step (1, 2, 2.5 or 5 times a power of ten,
// at least 1) that covers `max` in at most `most` steps; the axis stops at
// the first tick at or above max, so tall bars use the height.
export function niceAxis(max: number, most = 5): { max: number; ticks: number[] } {
  const top = Math.max(max, 1);
  const power = 10 ** Math.floor(Math.log10(top / most));
  const step =
    [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate >= 1 && Number.isInteger(candidate) && Math.ceil(top / candidate) <= most) ??
    10 * power;
  const count = Math.ceil(top / step);
  return { max: count * step, ticks: Array.from({ length: count + 1 }, (_, index) => index * step) };
}

// Maps [0, domainMax] linearly onto [from, to] (to < from flips the axis, as
// SVG's y grows downwards). An empty domain maps everything to `from`.
export function linearScale(domainMax: number, from: number, to: number): (value: number) => number {
  if (domainMax <= 0) return () => from;
  return (value) => from + (value / domainMax) * (to - from);
}

// Where each series' segment of a stacked bar starts and ends.
export function stackSegments(values: number[]): { from: number; to: number }[] {
  let total = 0;
  return values.map((value) => ({ from: total, to: (total += value) }));
}

// Which of `count` buckets get an axis label: about `most` of them, evenly
// spaced, always including the last (the current hour or day).
export function labelledIndexes(count: number, most: number): number[] {
  if (count <= 0) return [];
  const every = Math.max(1, Math.ceil(count / Math.max(1, most)));
  const indexes: number[] = [];
  for (let index = count - 1; index >= 0; index -= every) indexes.unshift(index);
  return indexes;
}

// Rounds SVG coordinates so the markup stays short.
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
