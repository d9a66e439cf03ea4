"use client";

import { SettingSwitch } from "@/components/ui/setting-switch";
import { setGranularScopesAction } from "../actions";

export function GranularScopesToggle({ enabled, canManage }: { enabled: boolean; canManage: boolean }) {
  return (
    <SettingSwitch label="Per-scope keys" enabled={enabled} canManage={canManage} onChange={(next) => setGranularScopesAction({ enabled: next })}>
      Let key creators limit a key to Dataset, Training or Deployment. When off, every key reaches all three. Existing keys keep their scopes.
    </SettingSwitch>
  );
}
