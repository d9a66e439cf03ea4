"use client";

import Link from "next/link";
import { SettingSwitch } from "@/components/ui/setting-switch";
import { setProductionApprovalAction } from "../actions";

export function ProductionApprovalToggle({ enabled, canManage, approvers }: { enabled: boolean; canManage: boolean; approvers: string }) {
  return (
    <SettingSwitch
      label="Require approval for production keys"
      enabled={enabled}
      canManage={canManage}
      onChange={(next) => setProductionApprovalAction({ enabled: next })}
      className="mt-4"
    >
      Creating or rotating a production key becomes a request that an approver decides; the requester then reveals the key once. Approvers: {approvers}.{" "}
      <Link href="/settings/responsibilities" className="text-indigo-700 underline dark:text-indigo-300">
        Responsibilities
      </Link>
    </SettingSwitch>
  );
}
