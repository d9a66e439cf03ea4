"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { can, type Operation } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

// Each page with the operation it needs (from the one permission table);
// the navigation shows only what the role may open.
const ITEMS: { href: string; label: string; needs: Operation | null }[] = [
  { href: "/settings/secret-keys", label: "Secret Keys", needs: "keys.view" },
  { href: "/settings/key-requests", label: "Key requests", needs: "keys.view" },
  { href: "/settings/usage", label: "Usage", needs: "keys.view" },
  { href: "/settings/incidents", label: "Incidents", needs: "incidents.run" },
  { href: "/settings/audit-log", label: "Audit log", needs: "audit.view" },
  { href: "/settings/members", label: "Members", needs: "members.view" },
  { href: "/settings/responsibilities", label: "Responsibilities", needs: null },
  { href: "/settings/security", label: "Security", needs: null },
  { href: "/settings/sessions", label: "Sessions", needs: null },
];

export function SettingsNav({ role }: { role: Role }) {
  const pathname = usePathname();
  // The phone menu stays open only on the page where it was opened.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? pathname : null);
  const items = ITEMS.filter((item) => item.needs === null || can(role, item.needs));
  const current = items.find((item) => pathname === item.href || pathname.startsWith(`${item.href}/`));
  return (
    <nav aria-label="Settings" className="px-2 py-3">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="settings-menu"
        onClick={() => setOpen(!open)}
        className="flex w-full items-center justify-between rounded-md border border-zinc-200 px-3 py-2 text-sm font-medium md:hidden dark:border-zinc-700"
      >
        <span>Menu{current ? `: ${current.label}` : ""}</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className={`size-4 transition-transform ${open ? "rotate-180" : ""}`} fill="currentColor">
          <path d="M5.2 7.2a1 1 0 0 1 1.4 0L10 10.6l3.4-3.4a1 1 0 1 1 1.4 1.4l-4.1 4.1a1 1 0 0 1-1.4 0L5.2 8.6a1 1 0 0 1 0-1.4z" />
        </svg>
      </button>
      <ul id="settings-menu" className={`mt-2 flex-col gap-1 md:mt-0 md:flex ${open ? "flex" : "hidden"}`}>
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={item === current ? "page" : undefined}
              className={`block rounded-md px-3 py-2 text-sm whitespace-nowrap ${
                item === current
                  ? "bg-indigo-50 font-semibold text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300"
                  : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
              }`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
