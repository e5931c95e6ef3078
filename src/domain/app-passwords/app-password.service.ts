/** App passwords (Client ID + Client Secret) of service accounts. */
export class AppPasswordService {}
