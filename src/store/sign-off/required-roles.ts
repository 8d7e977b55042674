/**
 * @module store/sign-off/required-roles
 * The organisation's sign-off settings: the roles that must approve every assessment version
 * (the DPO alone when none was set), and whether the author of a version may approve it
 * (segregation of duties, on unless turned off).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { SignOffRole as SignOffRoleSchema } from "../../core/schema/assessment.ts";
import type { SignOffRole } from "../../core/vocabulary.ts";
import { DEFAULT_REQUIRED_ROLES, DEFAULT_SEGREGATE_DUTIES } from "../../core/workflow/sign-off.ts";
import { appendAudit, writeTransaction } from "../audit.ts";
import type { StoreDeps, WriteContext } from "../context.ts";
import type { Db } from "../db.ts";
import { settings } from "../schema.ts";

export const REQUIRED_ROLES_KEY = "sign_off.required_roles";
export const SEGREGATE_DUTIES_KEY = "sign_off.segregate_duties";
const RequiredRoles = z.array(SignOffRoleSchema).min(1);

export interface SignOffSettings {
  requiredRoles: SignOffRole[];
  segregateDuties: boolean;
}

/** The required roles as stored, or the default when none were set. */
export async function requiredRolesIn(tx: Pick<Db, "select">): Promise<SignOffRole[]> {
  const rows = await tx
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, REQUIRED_ROLES_KEY));
  const parsed = RequiredRoles.safeParse((rows[0]?.value as { roles?: unknown })?.roles);
  return parsed.success ? parsed.data : [...DEFAULT_REQUIRED_ROLES];
}

/** Whether the author of a version is kept from approving it, as stored or by default. */
export async function segregateDutiesIn(tx: Pick<Db, "select">): Promise<boolean> {
  const rows = await tx
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, SEGREGATE_DUTIES_KEY));
  const on = (rows[0]?.value as { on?: unknown } | undefined)?.on;
  return typeof on === "boolean" ? on : DEFAULT_SEGREGATE_DUTIES;
}

export async function signOffSettingsIn(tx: Pick<Db, "select">): Promise<SignOffSettings> {
  const requiredRoles = await requiredRolesIn(tx);
  const segregateDuties = await segregateDutiesIn(tx);
  return { requiredRoles, segregateDuties };
}

export function getSignOffSettings({ db }: StoreDeps): Promise<SignOffSettings> {
  return signOffSettingsIn(db);
}

export function getRequiredRoles({ db }: StoreDeps): Promise<SignOffRole[]> {
  return requiredRolesIn(db);
}

/** Change either setting (or both) in one audited transaction; what is left out stays. */
export async function setSignOffSettings(
  { db, cache }: StoreDeps,
  input: { requiredRoles?: SignOffRole[] | undefined; segregateDuties?: boolean | undefined },
  ctx: WriteContext,
): Promise<SignOffSettings> {
  const unique = input.requiredRoles ? [...new Set(input.requiredRoles)] : undefined;
  if (unique) RequiredRoles.parse(unique);
  return writeTransaction(db, cache, async (tx) => {
    const previous = await signOffSettingsIn(tx);
    const next: SignOffSettings = {
      requiredRoles: unique ?? previous.requiredRoles,
      segregateDuties: input.segregateDuties ?? previous.segregateDuties,
    };
    if (unique)
      await tx
        .insert(settings)
        .values({ key: REQUIRED_ROLES_KEY, value: { roles: unique } })
        .onConflictDoUpdate({ target: settings.key, set: { value: { roles: unique } } });
    if (input.segregateDuties !== undefined)
      await tx
        .insert(settings)
        .values({ key: SEGREGATE_DUTIES_KEY, value: { on: input.segregateDuties } })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value: { on: input.segregateDuties } },
        });
    await appendAudit(
      tx,
      {
        actor: ctx.actor,
        action: "settings.sign-off",
        entityId: REQUIRED_ROLES_KEY,
        data: {
          roles: next.requiredRoles,
          previous: previous.requiredRoles,
          segregateDuties: next.segregateDuties,
          previousSegregateDuties: previous.segregateDuties,
        },
      },
      ctx.now,
    );
    return next;
  });
}

export async function setRequiredRoles(
  deps: StoreDeps,
  roles: SignOffRole[],
  ctx: WriteContext,
): Promise<SignOffRole[]> {
  return (await setSignOffSettings(deps, { requiredRoles: roles }, ctx)).requiredRoles;
}
