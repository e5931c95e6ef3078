import { Migration } from '@mikro-orm/migrations';

export class Migration20261207070200 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "sso_connection" ("id" uuid not null, "company_id" uuid not null, "protocol" text check ("protocol" in ('oidc', 'saml')) not null, "name" text not null, "status" text check ("status" in ('draft', 'active', 'disabled')) not null default 'draft', "tested_at" timestamptz null, "last_test_result" jsonb null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "issuer" text null, "client_id" text null, "client_secret" text null, "scopes" text[] not null, "groups_claim" text null, "idp_metadata_url" text null, "idp_metadata_xml" text null, "idp_entity_id" text null, "idp_sso_url" text null, "idp_certificates" text[] not null, "want_assertions_signed" boolean not null default true, "want_response_signed" boolean not null default false, "email_attribute" text null, "given_name_attribute" text null, "family_name_attribute" text null, "groups_attribute" text null, constraint "sso_connection_pkey" primary key ("id"));`);
    this.addSql(`create index "sso_connection_company" on "sso_connection" ("company_id");`);

    this.addSql(`create table "sso_development_key" ("id" int not null, "key" text not null, "created_at" timestamptz not null, constraint "sso_development_key_pkey" primary key ("id"));`);

    this.addSql(`create table "sso_domain" ("id" uuid not null, "company_id" uuid not null, "domain" text not null, "connection_id" uuid not null, "created_at" timestamptz not null, constraint "sso_domain_pkey" primary key ("id"));`);
    this.addSql(`create index "sso_domain_connection_id_index" on "sso_domain" ("connection_id");`);
    this.addSql(`create unique index "sso_domain_domain_ci" on "sso_domain" (lower("domain"));`);

    this.addSql(`alter table "sso_connection" add constraint "sso_connection_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "sso_domain" add constraint "sso_domain_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sso_domain" add constraint "sso_domain_connection_id_foreign" foreign key ("connection_id") references "sso_connection" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "membership" drop constraint if exists "membership_source_check";`);

    this.addSql(`alter table "company" add column "sso_jit_provisioning" boolean not null default false, add column "sso_create_unknown_groups" boolean not null default false;`);

    this.addSql(`alter table "membership" add constraint "membership_source_check" check("source" in ('scim-group', 'scim-roles-attribute', 'upload', 'manual', 'sso'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sso_domain" drop constraint "sso_domain_connection_id_foreign";`);

    this.addSql(`drop table if exists "sso_connection" cascade;`);

    this.addSql(`drop table if exists "sso_development_key" cascade;`);

    this.addSql(`drop table if exists "sso_domain" cascade;`);

    this.addSql(`alter table "membership" drop constraint if exists "membership_source_check";`);

    this.addSql(`alter table "company" drop column "sso_jit_provisioning", drop column "sso_create_unknown_groups";`);

    this.addSql(`alter table "membership" add constraint "membership_source_check" check("source" in ('scim-group', 'scim-roles-attribute', 'upload', 'manual'));`);
  }

}
