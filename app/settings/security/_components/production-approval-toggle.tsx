"use client";

import Link from "next/link";
import { SettingSwitch } from "@/components/setting-switch";
import { setProductionApprovalAction } from "../actions";

export function ProductionApprovalToggle({ enabled, canManage, approvers }: { enabled: boolean; canManage: boolean; approvers: string }) {
  return (
    <SettingSwitch
      title="Require approval for production keys"
      description={
        <>
          Creating or rotating a production key becomes a request that an approver decides; the requester then reveals the key once. Approvers: {approvers}.{" "}
          <Link href="/settings/responsibilities" className="text-indigo-700 underline dark:text-indigo-300">
            Responsibilities
          </Link>
        </>
      }
      enabled={enabled}
      canManage={canManage}
      save={(next) => setProductionApprovalAction({ enabled: next })}
      className="mt-4 flex flex-col gap-2"
    />
  );
}
