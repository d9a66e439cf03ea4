import type { Environment } from "@/lib/keys/key-model";
import type { OutcomeCounts } from "@/lib/usage/outcome-counts";

// A series' look: a colour for light and dark mode, and a pattern so that
// colour is never the only difference between series.
export type ChartFill = { pattern: "solid" | "stripes" | "crosshatch" | "dots"; colour: string };

export const OUTCOME_FILLS: Record<keyof OutcomeCounts, ChartFill> = {
  allowed: { pattern: "solid", colour: "fill-emerald-600 dark:fill-emerald-500" },
  denied: { pattern: "stripes", colour: "fill-amber-500 dark:fill-amber-400" },
  revoked: { pattern: "crosshatch", colour: "fill-red-600 dark:fill-red-500" },
  rateLimited: { pattern: "dots", colour: "fill-violet-600 dark:fill-violet-400" },
};

// The environment badges' colours (key-labels.tsx).
export const ENVIRONMENT_FILLS: Record<Environment, ChartFill> = {
  PRODUCTION: { pattern: "solid", colour: "fill-red-600 dark:fill-red-500" },
  STAGING: { pattern: "stripes", colour: "fill-amber-500 dark:fill-amber-400" },
  DEVELOPMENT: { pattern: "dots", colour: "fill-emerald-600 dark:fill-emerald-500" },
  CI_CD: { pattern: "crosshatch", colour: "fill-indigo-600 dark:fill-indigo-400" },
};

const MARK = "stroke-white/85 dark:stroke-zinc-950/75";

function Marks({ pattern }: { pattern: ChartFill["pattern"] }) {
  switch (pattern) {
    case "stripes":
      return <path d="M-1,1l2,-2M0,6l6,-6M5,7l2,-2" strokeWidth={1.3} className={MARK} />;
    case "crosshatch":
      return <path d="M-1,1l2,-2M0,6l6,-6M5,7l2,-2M-1,5l2,2M0,0l6,6M5,-1l2,2" strokeWidth={1} className={MARK} />;
    case "dots":
      return <circle cx={3} cy={3} r={1.3} className="fill-white/85 dark:fill-zinc-950/75" />;
    default:
      return null;
  }
}

// One <pattern> per series, ids `${prefix}-${index}`.
export function PatternDefs({ prefix, fills }: { prefix: string; fills: ChartFill[] }) {
  return (
    <defs>
      {fills.map((fill, index) => (
        <pattern key={index} id={`${prefix}-${index}`} width={6} height={6} patternUnits="userSpaceOnUse">
          <rect width={6} height={6} className={fill.colour} />
          <Marks pattern={fill.pattern} />
        </pattern>
      ))}
    </defs>
  );
}

// A legend swatch drawn with the series' own pattern (its own defs: a
// swatch must not depend on a chart elsewhere on the page).
export function Swatch({ id, fill }: { id: string; fill: ChartFill }) {
  return (
    <svg aria-hidden="true" width={14} height={14} className="shrink-0 rounded-sm ring-1 ring-zinc-900/10 dark:ring-white/15">
      <PatternDefs prefix={id} fills={[fill]} />
      <rect width={14} height={14} fill={`url(#${id}-0)`} />
    </svg>
  );
}
