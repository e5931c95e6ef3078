import { randomBytes } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../../../src/domain/errors.js";
import { SsoSecretBox } from "../../../../src/domain/sso/sso-secret-box.js";

/** With SSO_SECRET_KEY set the box needs no database: the EntityManager is never touched. */
const em = undefined as unknown as EntityManager;
const box = new SsoSecretBox({ configuredKey: randomBytes(32).toString("base64"), allowDevelopmentKey: false });

describe("sealing SSO client secrets (AES-256-GCM)", () => {
  it("opens what it sealed, and seals the same secret differently each time (a random IV)", async () => {
    const a = await box.seal(em, "client-secret", "conn-1");
    const b = await box.seal(em, "client-secret", "conn-1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("client-secret");
    expect(await box.open(em, a, "conn-1")).toBe("client-secret");
  });

  it("refuses a ciphertext moved to another connection, changed, or sealed with another key", async () => {
    const sealed = await box.seal(em, "client-secret", "conn-1");
    await expect(box.open(em, sealed, "conn-2")).rejects.toThrow(DomainError);
    const [v, iv, tag, body] = sealed.split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0]! ^= 1;
    await expect(box.open(em, [v, iv, tag, flipped.toString("base64url")].join("."), "conn-1")).rejects.toThrow(/cannot be decrypted/);
    const other = new SsoSecretBox({ configuredKey: randomBytes(32).toString("base64"), allowDevelopmentKey: false });
    await expect(other.open(em, sealed, "conn-1")).rejects.toThrow(/SSO_SECRET_KEY/);
    await expect(box.open(em, "garbage", "conn-1")).rejects.toThrow(DomainError);
  });

  it("without a key, and no development key allowed, says which setting is missing", async () => {
    const none = new SsoSecretBox({ allowDevelopmentKey: false });
    await expect(none.seal(em, "x", "c")).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE", message: expect.stringContaining("SSO_SECRET_KEY") });
  });
});
