"use client";

import Link from "next/link";
import { SettingSwitch } from "@/components/ui/setting-switch";
import { setRequireTwoFactorAction } from "../actions";

export function RequireTwoFactorToggle({ enabled, canManage, withoutSecondFactor }: { enabled: boolean; canManage: boolean; withoutSecondFactor: number }) {
  return (
    <SettingSwitch label="Require two-factor sign-in" enabled={enabled} canManage={canManage} onChange={(next) => setRequireTwoFactorAction({ enabled: next })}>
      Everyone signs in with a passkey, or with their password and a code from an authenticator app. Members without either are asked to set one up at their
      next visit and can do nothing else until they have.{" "}
      {withoutSecondFactor === 0
        ? "Every member has it set up."
        : `${withoutSecondFactor} ${withoutSecondFactor === 1 ? "member has" : "members have"} not set it up yet.`}{" "}
      <Link href="/settings/members" className="text-indigo-700 underline dark:text-indigo-300">
        Members
      </Link>
    </SettingSwitch>
  );
}
