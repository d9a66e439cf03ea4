// Under https the session cookie takes the __Host- prefix: browsers then only
// accept it Secure, for Path=/ and without a Domain, so no other host under
// the same domain can set or overwrite it (__Secure- only demands Secure).
export function sessionCookieFor(nextAuthUrl: string | undefined) {
  const secure = (nextAuthUrl ?? "").startsWith("https://");
  return {
    name: secure ? "__Host-secret-keys.session" : "secret-keys.session",
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}
