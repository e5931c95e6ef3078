import { expect } from "vitest";
import { ScimError } from "../../../src/scim/errors.js";

/** Runs a pure translator that must refuse its input: a 400 ScimError with this scimType (RFC 7644 §3.12). */
export function expectThrownScimError(run: () => unknown, scimType: string): void {
  let caught: unknown;
  try {
    run();
  } catch (err) {
    caught = err;
  }
  expect(caught, "expected a SCIM error").toBeInstanceOf(ScimError);
  expect((caught as ScimError).scimType).toBe(scimType);
  expect((caught as ScimError).status).toBe(400);
}
