import { Migration } from '@mikro-orm/migrations';

export class Migration20261207070400 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "user_account" add column "origin" text check ("origin" in ('scim', 'upload', 'manual')) not null default 'manual';`);
    // Users an IdP created before the column existed: their SCIM POST /Users is in the provisioning
    // log (a change's event commits with it). Uploaded users left no trace apart from an admin's,
    // so they stay 'manual'.
    this.addSql(`update "user_account" u set "origin" = 'scim' where exists (select 1 from "provisioning_event" p where p."company_id" = u."company_id" and p."resource_type" = 'User' and p."method" = 'POST' and p."status" = 201 and p."resource_id" = u."id"::text);`);
    this.addSql(`create index "user_account_family_name_prefix" on "user_account" ("company_id", lower("family_name") text_pattern_ops);`);
    this.addSql(`create index "user_account_given_name_prefix" on "user_account" ("company_id", lower("given_name") text_pattern_ops);`);
    this.addSql(`create index "user_account_user_name_prefix" on "user_account" ("company_id", lower("user_name") text_pattern_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "user_account_family_name_prefix";`);
    this.addSql(`drop index "user_account_given_name_prefix";`);
    this.addSql(`drop index "user_account_user_name_prefix";`);
    this.addSql(`alter table "user_account" drop column "origin";`);
  }

}
