"use client";

import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { markAllReadAction } from "../actions";

export function MarkAllReadButton({ disabled }: { disabled: boolean }) {
  const [pending, startTransition] = useTransition();
  return (
    <Button variant="secondary" disabled={disabled || pending} onClick={() => startTransition(async () => void (await markAllReadAction()))}>
      Mark all as read
    </Button>
  );
}
