/** A user's effective data-access and app-access roles with provenance. */
export class EffectiveAccessService {}
