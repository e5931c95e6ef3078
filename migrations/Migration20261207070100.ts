import { Migration } from '@mikro-orm/migrations';

export class Migration20261207070100 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "invitation" ("id" uuid not null, "company_id" uuid not null, "user_id" uuid not null, "email" text not null, "expires_at" timestamptz not null, "accepted_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, constraint "invitation_pkey" primary key ("id"));`);
    this.addSql(`create index "invitation_user_id_index" on "invitation" ("user_id");`);
    this.addSql(`create index "invitation_company_time" on "invitation" ("company_id", "created_at");`);

    this.addSql(`create table "outbox_message" ("id" uuid not null, "company_id" uuid not null, "invitation_id" uuid not null, "recipient" text not null, "status" text check ("status" in ('pending', 'sent', 'logged', 'failed', 'cancelled')) not null default 'pending', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "last_error" text null, "message_id" text not null, "created_at" timestamptz not null, "sent_at" timestamptz null, constraint "outbox_message_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_message_invitation_id_index" on "outbox_message" ("invitation_id");`);
    this.addSql(`create index "outbox_message_due" on "outbox_message" ("next_attempt_at") where "status" = 'pending';`);
    this.addSql(`create index "outbox_message_company_time" on "outbox_message" ("company_id", "created_at");`);

    this.addSql(`create table "invitation_token" ("token_hash" text not null, "invitation_id" uuid not null, "created_at" timestamptz not null, constraint "invitation_token_pkey" primary key ("token_hash"));`);
    this.addSql(`create index "invitation_token_invitation_id_index" on "invitation_token" ("invitation_id");`);

    this.addSql(`alter table "invitation" add constraint "invitation_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "invitation" add constraint "invitation_user_id_foreign" foreign key ("user_id") references "user_account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "outbox_message" add constraint "outbox_message_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_invitation_id_foreign" foreign key ("invitation_id") references "invitation" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "invitation_token" add constraint "invitation_token_invitation_id_foreign" foreign key ("invitation_id") references "invitation" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "company" add column "sso_enforced" boolean not null default false, add column "invitation_ttl_hours" int not null default 72;`);

    this.addSql(`alter table "user_account" add column "break_glass" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outbox_message" drop constraint "outbox_message_invitation_id_foreign";`);

    this.addSql(`alter table "invitation_token" drop constraint "invitation_token_invitation_id_foreign";`);

    this.addSql(`drop table if exists "invitation" cascade;`);

    this.addSql(`drop table if exists "outbox_message" cascade;`);

    this.addSql(`drop table if exists "invitation_token" cascade;`);

    this.addSql(`alter table "company" drop column "sso_enforced", drop column "invitation_ttl_hours";`);

    this.addSql(`alter table "user_account" drop column "break_glass";`);
  }

}
