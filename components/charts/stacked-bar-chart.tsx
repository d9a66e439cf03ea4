import { labelledIndexes, linearScale, niceAxis, round, stackSegments } from "@/lib/usage/chart-scale";
import { bucketLabel, bucketSpan, compactCount } from "@/lib/usage/usage-format";
import type { BucketUnit } from "@/lib/usage/usage-window";
import { PatternDefs, type ChartFill } from "./chart-fills";

export type ChartSeries = { label: string; fill: ChartFill };
export type ChartBucket = { start: Date; values: number[] };

// A bar per bucket, each series stacked in order (first at the bottom), drawn
// on the server as SVG in percentages of its box, so it fits any width
// without scaling text or distorting patterns. Hidden from assistive
// technology: the caller gives the same numbers as text.
export function StackedBarChart({
  id,
  series,
  buckets,
  unit,
  line,
}: {
  id: string;
  series: ChartSeries[];
  buckets: ChartBucket[];
  unit: BucketUnit;
  line?: { label: string; values: number[] };
}) {
  const totals = buckets.map((bucket) => bucket.values.reduce((sum, value) => sum + value, 0));
  const axis = niceAxis(Math.max(0, ...totals));
  const y = linearScale(axis.max, 100, 0);
  const slot = 100 / Math.max(1, buckets.length);
  const labels = labelledIndexes(buckets.length, unit === "hour" ? 6 : 7);
  return (
    <div aria-hidden="true" className="grid grid-cols-[2.5rem_minmax(0,1fr)] gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
      <div className="relative h-44">
        {axis.ticks.map((tick) => (
          <span key={tick} className="absolute right-0 -translate-y-1/2 tabular-nums" style={{ top: `${y(tick)}%` }}>
            {compactCount(tick)}
          </span>
        ))}
      </div>
      <svg className="h-44 w-full overflow-visible">
        <PatternDefs prefix={id} fills={series.map((s) => s.fill)} />
        {axis.ticks.map((tick) => (
          <line
            key={tick}
            x1="0"
            x2="100%"
            y1={`${y(tick)}%`}
            y2={`${y(tick)}%`}
            className={tick === 0 ? "stroke-zinc-400 dark:stroke-zinc-500" : "stroke-zinc-200 dark:stroke-zinc-800"}
          />
        ))}
        {buckets.map((bucket, index) => (
          <g key={bucket.start.getTime()}>
            <title>{`${bucketSpan(bucket.start, unit)}: ${series.map((s, i) => `${s.label} ${bucket.values[i].toLocaleString("en")}`).join(", ")}`}</title>
            {/* A transparent full-height target, so the tooltip works on empty buckets too. */}
            <rect x={`${round(index * slot)}%`} width={`${round(slot)}%`} y="0" height="100%" fill="transparent" />
            {stackSegments(bucket.values).map((segment, i) =>
              segment.to > segment.from ? (
                <rect
                  key={i}
                  x={`${round((index + 0.15) * slot)}%`}
                  width={`${round(slot * 0.7)}%`}
                  y={`${round(y(segment.to))}%`}
                  height={`${round(y(segment.from) - y(segment.to))}%`}
                  fill={`url(#${id}-${i})`}
                />
              ) : null,
            )}
          </g>
        ))}
      </svg>
      {line && <LinePanel label={line.label} values={line.values} slot={slot} />}
      <div />
      <div className="relative mt-1 h-4">
        {labels.map((index) => {
          const centre = round((index + 0.5) * slot);
          // Shifted by their own position, so the first and last stay inside.
          return (
            <span
              key={index}
              className={`absolute whitespace-nowrap ${(labels.length - 1 - labels.indexOf(index)) % 2 === 1 ? "max-sm:hidden" : ""}`}
              style={{ left: `${centre}%`, transform: `translateX(-${centre}%)` }}
            >
              {bucketLabel(buckets[index].start, unit)}
            </span>
          );
        })}
      </div>
      <div />
      <p className="mt-1 text-center">{unit === "hour" ? "Hour (UTC)" : "Day (UTC)"}</p>
    </div>
  );
}

// A second, shorter panel on the same buckets: a line with a dot per bucket,
// scaled to its own maximum (labelled).
function LinePanel({ label, values, slot }: { label: string; values: number[]; slot: number }) {
  const max = Math.max(0, ...values);
  const y = linearScale(Math.max(1, max), 90, 10);
  const x = (index: number) => `${round((index + 0.5) * slot)}%`;
  return (
    <>
      <div />
      <p className="mt-4 mb-1">{label}</p>
      <div className="relative h-12">
        <span className="absolute top-[10%] right-0 -translate-y-1/2 tabular-nums">{max.toLocaleString("en")}</span>
        <span className="absolute top-[90%] right-0 -translate-y-1/2 tabular-nums">0</span>
      </div>
      <svg className="h-12 w-full overflow-visible">
        <line x1="0" x2="100%" y1="90%" y2="90%" className="stroke-zinc-200 dark:stroke-zinc-800" />
        {values.slice(1).map((value, index) => (
          <line
            key={index}
            x1={x(index)}
            x2={x(index + 1)}
            y1={`${round(y(values[index]))}%`}
            y2={`${round(y(value))}%`}
            strokeWidth={1.5}
            className="stroke-sky-600 dark:stroke-sky-400"
          />
        ))}
        {values.map((value, index) => (
          <circle key={index} cx={x(index)} cy={`${round(y(value))}%`} r={2.5} className="fill-sky-600 dark:fill-sky-400" />
        ))}
      </svg>
    </>
  );
}
