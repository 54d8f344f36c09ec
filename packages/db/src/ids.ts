import { createHash, randomBytes } from "node:crypto";

/** A new random id: 128 bits, base64url (22 characters). */
export const newId = (): string => randomBytes(16).toString("base64url");

/** A new secret token (256 bits, base64url) for a cookie or an API bearer token. */
export const newSecret = (): string => randomBytes(32).toString("base64url");

/** What the database keeps of a secret: its SHA-256, hex. A stolen table yields no usable token. */
export const secretHash = (secret: string): string => createHash("sha256").update(secret).digest("hex");
