import { sparklinePath } from "@/lib/usage/sparkline-path";

const WIDTH = 56;
const HEIGHT = 16;

// A key's requests per UTC day over the last 7 days, small enough to sit in
// a table cell; its name carries the total, its tooltip each day.
export function Sparkline({ values }: { values: number[] }) {
  const total = values.reduce((sum, value) => sum + value, 0);
  const path = sparklinePath(values, { width: WIDTH, height: HEIGHT, inset: 1.5 });
  return (
    <svg
      role="img"
      aria-label={`Requests over the last 7 days: ${total.toLocaleString("en")}`}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="shrink-0"
    >
      <title>{`Requests per day (UTC), oldest first: ${values.map((value) => value.toLocaleString("en")).join(", ")}`}</title>
      <path
        d={path}
        fill="none"
        strokeWidth={1.5}
        strokeLinecap="round"
        strokeLinejoin="round"
        className={total > 0 ? "stroke-indigo-600 dark:stroke-indigo-400" : "stroke-zinc-300 dark:stroke-zinc-600"}
      />
    </svg>
  );
}
