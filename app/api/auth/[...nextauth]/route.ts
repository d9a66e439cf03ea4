import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";

// next-auth's sign-in, sign-out and CSRF endpoints.
const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
