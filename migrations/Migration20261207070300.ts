import { Migration } from '@mikro-orm/migrations';

export class Migration20261207070300 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "saml_assertion_use" ("id" uuid not null, "company_id" uuid not null, "connection_id" uuid not null, "assertion_id" text not null, "expires_at" timestamptz not null, "created_at" timestamptz not null, constraint "saml_assertion_use_pkey" primary key ("id"));`);
    this.addSql(`create index "saml_assertion_use_expires_at" on "saml_assertion_use" ("expires_at");`);
    this.addSql(`alter table "saml_assertion_use" add constraint "saml_assertion_use_connection_assertion" unique ("connection_id", "assertion_id");`);

    this.addSql(`create table "saml_request" ("id" uuid not null, "company_id" uuid not null, "request_id" text not null, "connection_id" uuid not null, "return_to" text null, "tester_user_id" uuid null, "expires_at" timestamptz not null, "created_at" timestamptz not null, constraint "saml_request_pkey" primary key ("id"));`);
    this.addSql(`alter table "saml_request" add constraint "saml_request_request_id_unique" unique ("request_id");`);
    this.addSql(`create index "saml_request_expires_at" on "saml_request" ("expires_at");`);

    this.addSql(`alter table "saml_assertion_use" add constraint "saml_assertion_use_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "saml_request" add constraint "saml_request_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "saml_assertion_use" cascade;`);

    this.addSql(`drop table if exists "saml_request" cascade;`);
  }

}
