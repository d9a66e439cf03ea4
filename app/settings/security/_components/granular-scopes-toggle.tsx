"use client";

import { SettingSwitch } from "@/components/setting-switch";
import { setGranularScopesAction } from "../actions";

export function GranularScopesToggle({ enabled, canManage }: { enabled: boolean; canManage: boolean }) {
  return (
    <SettingSwitch
      title="Per-scope keys"
      description="Let key creators limit a key to Dataset, Training or Deployment. When off, every key reaches all three. Existing keys keep their scopes."
      enabled={enabled}
      canManage={canManage}
      save={(next) => setGranularScopesAction({ enabled: next })}
    />
  );
}
