import { singleLineText } from "@/lib/validation/single-line-text";
import { z } from "@/lib/validation/zod";

const encoded = z.string().max(16_384);

// What @simplewebauthn/browser hands back, checked for shape and size only:
// the WebAuthn library checks the contents (and refuses anything else).
const credentialResponse = <T extends z.ZodRawShape>(response: T) =>
  z.object({
    id: z.string().min(1).max(1_024),
    rawId: z.string().min(1).max(1_024),
    type: z.literal("public-key"),
    response: z.object(response),
    clientExtensionResults: z.object({}).passthrough().default({}),
    authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  });

export const registrationResponse = credentialResponse({
  clientDataJSON: encoded,
  attestationObject: encoded,
  transports: z.array(z.string().max(32)).max(10).optional(),
  authenticatorData: encoded.optional(),
  publicKey: encoded.optional(),
  publicKeyAlgorithm: z.number().int().optional(),
});

export const authenticationResponse = credentialResponse({
  clientDataJSON: encoded,
  authenticatorData: encoded,
  signature: encoded,
  userHandle: encoded.optional(),
});

export const passkeyName = singleLineText({ required: "Name this passkey.", max: 60 });
