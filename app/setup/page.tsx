import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { isSetupComplete } from "@/lib/setup/setup-state";
import { isValidSetupToken } from "@/lib/setup/setup-token";
import { SetupForm } from "./_components/setup-form";

export const metadata: Metadata = { title: "Set up" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await isSetupComplete()) notFound();
  const { token } = await searchParams;
  if (!(await isValidSetupToken(token))) {
    return (
      <AuthCard title="Set up Secret Keys" description="Setup needs the one-time link this server printed when it started.">
        <div className="flex flex-col gap-3 text-sm" role={token === undefined ? undefined : "alert"}>
          {token !== undefined && <p className="font-medium text-red-700 dark:text-red-400">This setup link is not valid.</p>}
          <p>
            Look in the terminal where <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">npm start</code> runs for the line starting with{" "}
            <q>Set up your organization at</q>, and open that link. It is also kept in the file{" "}
            <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">setup-token</code> of the data directory until setup is done.
          </p>
          <p className="text-zinc-600 dark:text-zinc-400">
            Only someone who can see the server&apos;s output can set it up, so whoever reaches a new installation first cannot claim it.
          </p>
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Set up Secret Keys" description="Create your organization and its owner account. You can invite your team afterwards.">
      <SetupForm setupToken={token as string} />
    </AuthCard>
  );
}
