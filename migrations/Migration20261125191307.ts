import { Migration } from '@mikro-orm/migrations';

export class Migration20261125191307 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "company" ("id" uuid not null, "slug" text not null, "name" text not null, "scim_enabled" boolean not null default false, "scim_delete_mode" text check ("scim_delete_mode" in ('deactivate', 'delete')) not null default 'deactivate', "single_customer_role" boolean not null default false, "password_min_length" int not null default 12, "password_require_lowercase" boolean not null default true, "password_require_uppercase" boolean not null default true, "password_require_digit" boolean not null default true, "password_require_symbol" boolean not null default false, "password_disallow_user_name" boolean not null default true, "is_platform" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "company_pkey" primary key ("id"));`);
    this.addSql(`create unique index "company_slug_ci" on "company" (lower("slug"));`);

    this.addSql(`create table "audit_event" ("id" uuid not null, "company_id" uuid not null, "actor_user_id" text null, "actor_user_name" text null, "impersonator_user_id" text null, "action" text not null, "target_type" text not null, "target_id" text null, "before" jsonb null, "after" jsonb null, "created_at" timestamptz not null, constraint "audit_event_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_event_company_time" on "audit_event" ("company_id", "created_at");`);

    this.addSql(`create table "app_access_role" ("id" uuid not null, "company_id" uuid not null, "name" text not null, "description" text null, "permissions" text[] not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "app_access_role_pkey" primary key ("id"));`);
    this.addSql(`create unique index "app_access_role_name_ci" on "app_access_role" ("company_id", lower("name"));`);

    this.addSql(`create table "customer_role" ("id" uuid not null, "company_id" uuid not null, "display_name" text not null, "external_id" text null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "customer_role_pkey" primary key ("id"));`);
    this.addSql(`create index "customer_role_external_id" on "customer_role" ("company_id", "external_id");`);
    this.addSql(`create unique index "customer_role_display_name_ci" on "customer_role" ("company_id", lower("display_name"));`);

    this.addSql(`create table "data_access_role" ("id" uuid not null, "company_id" uuid not null, "name" text not null, "description" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "data_access_role_pkey" primary key ("id"));`);
    this.addSql(`create unique index "data_access_role_name_ci" on "data_access_role" ("company_id", lower("name"));`);

    this.addSql(`create table "role_mapping" ("id" uuid not null, "company_id" uuid not null, "customer_role_id" uuid not null, "version" int not null default 1, "updated_at" timestamptz not null, constraint "role_mapping_pkey" primary key ("id"));`);
    this.addSql(`alter table "role_mapping" add constraint "role_mapping_customer_role_id_unique" unique ("customer_role_id");`);

    this.addSql(`create table "role_mapping_data_access_role" ("role_mapping_id" uuid not null, "data_access_role_id" uuid not null, constraint "role_mapping_data_access_role_pkey" primary key ("role_mapping_id", "data_access_role_id"));`);

    this.addSql(`create table "role_mapping_app_access_role" ("role_mapping_id" uuid not null, "app_access_role_id" uuid not null, constraint "role_mapping_app_access_role_pkey" primary key ("role_mapping_id", "app_access_role_id"));`);

    this.addSql(`create table "signing_key" ("kid" varchar(255) not null, "alg" varchar(255) not null, "private_jwk" jsonb not null, "public_jwk" jsonb not null, "created_at" timestamptz not null, "retired_at" timestamptz null, constraint "signing_key_pkey" primary key ("kid"));`);

    this.addSql(`create table "user_account" ("id" uuid not null, "company_id" uuid not null, "user_name" text not null, "external_id" text null, "formatted_name" text null, "given_name" text null, "family_name" text null, "middle_name" text null, "honorific_prefix" text null, "honorific_suffix" text null, "display_name" text null, "nick_name" text null, "title" text null, "user_type" text null, "preferred_language" text null, "locale" text null, "timezone" text null, "active" boolean not null default true, "password_hash" text null, "person_id" text null, "employee_number" text null, "cost_center" text null, "organization" text null, "division" text null, "department" text null, "manager_id" text null, "manager_display_name" text null, "extension_attributes" jsonb not null, "allow_sso_login" boolean not null default false, "auto_assign_roles" boolean not null default false, "is_service_account" boolean not null default false, "is_platform_operator" boolean not null default false, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "user_account_pkey" primary key ("id"));`);
    this.addSql(`create index "user_account_updated_at" on "user_account" ("company_id", "updated_at");`);
    this.addSql(`create index "user_account_external_id" on "user_account" ("company_id", "external_id");`);
    this.addSql(`create unique index "user_account_user_name_ci" on "user_account" ("company_id", lower("user_name"));`);

    this.addSql(`create table "membership" ("id" uuid not null default gen_random_uuid(), "company_id" uuid not null, "customer_role_id" uuid not null, "user_id" uuid not null, "source" text check ("source" in ('scim-group', 'scim-roles-attribute', 'upload', 'manual')) not null, "created_at" timestamptz not null default now(), constraint "membership_pkey" primary key ("id"));`);
    this.addSql(`create index "membership_user" on "membership" ("user_id");`);
    this.addSql(`alter table "membership" add constraint "membership_role_user_source" unique ("customer_role_id", "user_id", "source");`);

    this.addSql(`create table "app_password" ("id" uuid not null, "company_id" uuid not null, "user_id" uuid not null, "name" text not null, "client_id" varchar(255) not null, "secret_hash" text not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, "last_failure_at" timestamptz null, "last_failure_reason" text null, constraint "app_password_pkey" primary key ("id"));`);
    this.addSql(`create index "app_password_user_id_index" on "app_password" ("user_id");`);
    this.addSql(`alter table "app_password" add constraint "app_password_client_id_unique" unique ("client_id");`);
    this.addSql(`create unique index "app_password_one_active_per_user" on "app_password" ("user_id") where "revoked_at" is null;`);

    this.addSql(`create table "provisioning_event" ("id" uuid not null, "company_id" uuid null, "app_password_id" uuid null, "method" text not null, "path" text not null, "resource_type" text null, "resource_id" text null, "outcome" text not null, "status" int not null, "scim_type" text null, "detail" text null, "duration_ms" int not null default 0, "normalizations" text[] not null, "created_at" timestamptz not null, constraint "provisioning_event_pkey" primary key ("id"));`);
    this.addSql(`create index "provisioning_event_company_time" on "provisioning_event" ("company_id", "created_at");`);

    this.addSql(`create table "user_direct_app_access_role" ("user_id" uuid not null, "app_access_role_id" uuid not null, constraint "user_direct_app_access_role_pkey" primary key ("user_id", "app_access_role_id"));`);

    this.addSql(`create table "user_direct_data_access_role" ("user_id" uuid not null, "data_access_role_id" uuid not null, constraint "user_direct_data_access_role_pkey" primary key ("user_id", "data_access_role_id"));`);

    this.addSql(`create table "user_email" ("id" uuid not null, "company_id" uuid not null, "user_id" uuid not null, "value" text not null, "type" text null, "primary" boolean not null default false, "display" text null, "position" int not null default 0, constraint "user_email_pkey" primary key ("id"));`);
    this.addSql(`create index "user_email_user_id_index" on "user_email" ("user_id");`);
    this.addSql(`create index "user_email_value_ci" on "user_email" ("company_id", lower("value"));`);

    this.addSql(`alter table "audit_event" add constraint "audit_event_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "app_access_role" add constraint "app_access_role_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "customer_role" add constraint "customer_role_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "data_access_role" add constraint "data_access_role_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "role_mapping" add constraint "role_mapping_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "role_mapping" add constraint "role_mapping_customer_role_id_foreign" foreign key ("customer_role_id") references "customer_role" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "role_mapping_data_access_role" add constraint "role_mapping_data_access_role_role_mapping_id_foreign" foreign key ("role_mapping_id") references "role_mapping" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "role_mapping_data_access_role" add constraint "role_mapping_data_access_role_data_access_role_id_foreign" foreign key ("data_access_role_id") references "data_access_role" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "role_mapping_app_access_role" add constraint "role_mapping_app_access_role_role_mapping_id_foreign" foreign key ("role_mapping_id") references "role_mapping" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "role_mapping_app_access_role" add constraint "role_mapping_app_access_role_app_access_role_id_foreign" foreign key ("app_access_role_id") references "app_access_role" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "user_account" add constraint "user_account_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "membership" add constraint "membership_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_customer_role_id_foreign" foreign key ("customer_role_id") references "customer_role" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_user_id_foreign" foreign key ("user_id") references "user_account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "app_password" add constraint "app_password_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "app_password" add constraint "app_password_user_id_foreign" foreign key ("user_id") references "user_account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "provisioning_event" add constraint "provisioning_event_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "provisioning_event" add constraint "provisioning_event_app_password_id_foreign" foreign key ("app_password_id") references "app_password" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "user_direct_app_access_role" add constraint "user_direct_app_access_role_user_id_foreign" foreign key ("user_id") references "user_account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "user_direct_app_access_role" add constraint "user_direct_app_access_role_app_access_role_id_foreign" foreign key ("app_access_role_id") references "app_access_role" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "user_direct_data_access_role" add constraint "user_direct_data_access_role_user_id_foreign" foreign key ("user_id") references "user_account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "user_direct_data_access_role" add constraint "user_direct_data_access_role_data_access_role_id_foreign" foreign key ("data_access_role_id") references "data_access_role" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "user_email" add constraint "user_email_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "user_email" add constraint "user_email_user_id_foreign" foreign key ("user_id") references "user_account" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_event" drop constraint "audit_event_company_id_foreign";`);

    this.addSql(`alter table "app_access_role" drop constraint "app_access_role_company_id_foreign";`);

    this.addSql(`alter table "customer_role" drop constraint "customer_role_company_id_foreign";`);

    this.addSql(`alter table "data_access_role" drop constraint "data_access_role_company_id_foreign";`);

    this.addSql(`alter table "role_mapping" drop constraint "role_mapping_company_id_foreign";`);

    this.addSql(`alter table "user_account" drop constraint "user_account_company_id_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_company_id_foreign";`);

    this.addSql(`alter table "app_password" drop constraint "app_password_company_id_foreign";`);

    this.addSql(`alter table "provisioning_event" drop constraint "provisioning_event_company_id_foreign";`);

    this.addSql(`alter table "user_email" drop constraint "user_email_company_id_foreign";`);

    this.addSql(`alter table "role_mapping_app_access_role" drop constraint "role_mapping_app_access_role_app_access_role_id_foreign";`);

    this.addSql(`alter table "user_direct_app_access_role" drop constraint "user_direct_app_access_role_app_access_role_id_foreign";`);

    this.addSql(`alter table "role_mapping" drop constraint "role_mapping_customer_role_id_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_customer_role_id_foreign";`);

    this.addSql(`alter table "role_mapping_data_access_role" drop constraint "role_mapping_data_access_role_data_access_role_id_foreign";`);

    this.addSql(`alter table "user_direct_data_access_role" drop constraint "user_direct_data_access_role_data_access_role_id_foreign";`);

    this.addSql(`alter table "role_mapping_data_access_role" drop constraint "role_mapping_data_access_role_role_mapping_id_foreign";`);

    this.addSql(`alter table "role_mapping_app_access_role" drop constraint "role_mapping_app_access_role_role_mapping_id_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_user_id_foreign";`);

    this.addSql(`alter table "app_password" drop constraint "app_password_user_id_foreign";`);

    this.addSql(`alter table "user_direct_app_access_role" drop constraint "user_direct_app_access_role_user_id_foreign";`);

    this.addSql(`alter table "user_direct_data_access_role" drop constraint "user_direct_data_access_role_user_id_foreign";`);

    this.addSql(`alter table "user_email" drop constraint "user_email_user_id_foreign";`);

    this.addSql(`alter table "provisioning_event" drop constraint "provisioning_event_app_password_id_foreign";`);

    this.addSql(`drop table if exists "company" cascade;`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "app_access_role" cascade;`);

    this.addSql(`drop table if exists "customer_role" cascade;`);

    this.addSql(`drop table if exists "data_access_role" cascade;`);

    this.addSql(`drop table if exists "role_mapping" cascade;`);

    this.addSql(`drop table if exists "role_mapping_data_access_role" cascade;`);

    this.addSql(`drop table if exists "role_mapping_app_access_role" cascade;`);

    this.addSql(`drop table if exists "signing_key" cascade;`);

    this.addSql(`drop table if exists "user_account" cascade;`);

    this.addSql(`drop table if exists "membership" cascade;`);

    this.addSql(`drop table if exists "app_password" cascade;`);

    this.addSql(`drop table if exists "provisioning_event" cascade;`);

    this.addSql(`drop table if exists "user_direct_app_access_role" cascade;`);

    this.addSql(`drop table if exists "user_direct_data_access_role" cascade;`);

    this.addSql(`drop table if exists "user_email" cascade;`);
  }

}
