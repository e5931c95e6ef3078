import { Migration } from '@mikro-orm/migrations';

/**
 * Rotation without downtime: a rotated app password is superseded, and its successor names it as
 * predecessor. Both authenticate until the successor's first use. "One active per account" becomes
 * one current (not superseded) plus at most one superseded.
 */
export class Migration20261207070500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "app_password" add column "superseded_at" timestamptz null, add column "predecessor_id" uuid null;`);
    this.addSql(`alter table "app_password" add constraint "app_password_predecessor_id_foreign" foreign key ("predecessor_id") references "app_password" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "app_password_predecessor_id_index" on "app_password" ("predecessor_id");`);
    this.addSql(`drop index "app_password_one_active_per_user";`);
    this.addSql(`create unique index "app_password_one_active_per_user" on "app_password" ("user_id") where "revoked_at" is null and "superseded_at" is null;`);
    this.addSql(`create unique index "app_password_one_superseded_per_user" on "app_password" ("user_id") where "revoked_at" is null and "superseded_at" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "app_password_one_superseded_per_user";`);
    this.addSql(`drop index "app_password_one_active_per_user";`);
    this.addSql(`alter table "app_password" drop constraint "app_password_predecessor_id_foreign";`);
    this.addSql(`drop index "app_password_predecessor_id_index";`);
    this.addSql(`alter table "app_password" drop column "superseded_at", drop column "predecessor_id";`);
    this.addSql(`create unique index "app_password_one_active_per_user" on "app_password" ("user_id") where "revoked_at" is null;`);
  }

}
