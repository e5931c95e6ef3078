import type { Profile } from "@node-saml/node-saml";
import type { SsoIdentity } from "../../../domain/sso/sso-identity.js";
import type { SamlConnectionSettings } from "./saml-connection-settings.js";

const EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The values of one attribute as strings: node-saml gives a string for one value and an array for several. */
function valuesOf(attributes: Record<string, unknown>, name: string | null): string[] {
  if (!name) return [];
  const value = attributes[name];
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((v): v is string => typeof v === "string").map((v) => v.trim()).filter((v) => v !== "");
}

/**
 * The identity a verified assertion asserts, read through the connection's attribute names: the
 * NameID is the subject, and the userName when it is an email address (Okta's and Entra ID's
 * default); otherwise the email attribute is. `received` keeps the NameID, its format and every
 * attribute, for a test sign-in to show.
 */
export function samlIdentityOf(profile: Profile, settings: Pick<SamlConnectionSettings, "emailAttribute" | "givenNameAttribute" | "familyNameAttribute" | "groupsAttribute">): SsoIdentity {
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const nameId = profile.nameID;
  const nameIdIsEmail = profile.nameIDFormat === EMAIL_FORMAT || LOOKS_LIKE_EMAIL.test(nameId);
  const email = valuesOf(attributes, settings.emailAttribute)[0] ?? (nameIdIsEmail ? nameId : null);
  return {
    subject: nameId,
    email,
    userName: nameIdIsEmail ? nameId : email,
    givenName: valuesOf(attributes, settings.givenNameAttribute)[0] ?? null,
    familyName: valuesOf(attributes, settings.familyNameAttribute)[0] ?? null,
    groups: [...new Set(valuesOf(attributes, settings.groupsAttribute))],
    received: { nameID: nameId, nameIDFormat: profile.nameIDFormat ?? null, ...attributes },
  };
}

/** The attribute Entra ID sends instead of the groups when a user is in more than 150 groups (its "groups overage"). */
export const ENTRA_GROUPS_LINK = "http://schemas.microsoft.com/claims/groups.link";

/**
 * Whether the IdP left the groups out of the assertion and pointed elsewhere for them: Entra ID
 * does so above 150 groups, sending a Microsoft Graph link instead. Reading that as "no groups"
 * would strip the user's roles.
 */
export function groupsSentElsewhere(received: Record<string, unknown>, groupsAttribute: string | null): boolean {
  return groupsAttribute !== null && received[groupsAttribute] === undefined && received[ENTRA_GROUPS_LINK] !== undefined;
}
