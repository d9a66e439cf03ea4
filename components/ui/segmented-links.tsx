import Link from "next/link";

// A few mutually exclusive views as links (the choice lives in the URL, so
// it works without JavaScript and survives a reload); the current one is
// marked for assistive technology as well as by look.
export function SegmentedLinks({ label, options }: { label: string; options: { href: string; label: string; current: boolean }[] }) {
  return (
    <nav aria-label={label}>
      <ul className="inline-flex rounded-lg border border-zinc-200 bg-white p-0.5 text-sm dark:border-zinc-700 dark:bg-zinc-900">
        {options.map((option) => (
          <li key={option.href}>
            <Link
              href={option.href}
              scroll={false}
              aria-current={option.current ? "page" : undefined}
              className={`block rounded-md px-3 py-1 whitespace-nowrap ${
                option.current
                  ? "bg-indigo-600 font-medium text-white dark:bg-indigo-500"
                  : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
              }`}
            >
              {option.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
