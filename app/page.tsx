import { redirect } from "next/navigation";
import { requireMemberPage } from "@/lib/auth/current-member";

export default async function HomePage() {
  await requireMemberPage();
  redirect("/settings/secret-keys");
}
