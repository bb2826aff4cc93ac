// AES-256-GCM for secrets stored in the database (the LEETCODE_SESSION cookie), keyed by ENCRYPTION_KEY.
// Stored as "v1.<iv>.<tag>.<ciphertext>" (base64url); the tag makes any tampering fail to decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { BadRequestError } from "../../errors.js";

export const MISSING_KEY_MESSAGE =
  "Storing a LEETCODE_SESSION cookie needs an encryption key: set ENCRYPTION_KEY to 64 hex characters " +
  "(generate one with `openssl rand -hex 32`) and restart the server. Linking the username alone works without it.";

function keyBytes(keyHex: string | undefined): Buffer {
  if (!keyHex) throw new BadRequestError(MISSING_KEY_MESSAGE);
  return Buffer.from(keyHex, "hex");
}

export function encryptSecret(keyHex: string | undefined, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyBytes(keyHex), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** Null when the key is missing or different from the one that encrypted it, or the value was altered. */
export function decryptSecret(keyHex: string | undefined, stored: string): string | null {
  if (!keyHex) return null;
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", Buffer.from(keyHex, "hex"), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
