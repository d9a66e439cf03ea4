import { Swatch, type ChartFill } from "./chart-fills";

// Each series by name (and total), beside its pattern.
export function ChartLegend({ id, items }: { id: string; items: { label: string; fill: ChartFill; value?: string }[] }) {
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {items.map((item, index) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <Swatch id={`${id}-swatch-${index}`} fill={item.fill} />
          <span>{item.label}</span>
          {item.value !== undefined && <span className="font-medium tabular-nums">{item.value}</span>}
        </li>
      ))}
    </ul>
  );
}
