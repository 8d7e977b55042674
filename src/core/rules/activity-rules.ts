/**
 * @module core/rules/activity-rules
 * Rules about the activity as a whole rather than one purpose: who is responsible (a
 * controller outside the EU/UK that reaches people there, joint controllers), where the data
 * comes from (Art. 14), national identification numbers (Art. 87), staff data (Art. 88), and
 * which law the assessment is judged under on its date.
 */
import { given, type RuleContext } from "./context.ts";

export function checkActivity(ctx: RuleContext): void {
  const { a } = ctx;
  const org = a.organisation;
  if (ctx.ukBeforeUkGdpr)
    ctx.emit("UK_JUDGED_ON_EU_GDPR", "assessedOn", { assessedOn: a.assessedOn ?? "" });

  // Art. 3(2) and Art. 27: a controller with no establishment here that offers goods or
  // services to people here, or monitors them, designates a representative.
  if (
    org.establishedIn === "outside" &&
    org.targetsOrMonitors === true &&
    !given(org.representative)
  )
    ctx.emit("REPRESENTATIVE_MISSING", "organisation.representative");

  // Art. 26: joint controllers set out their responsibilities in an arrangement.
  a.activity.jointControllers?.forEach((j, i) => {
    if (j.arrangement !== true)
      ctx.emit("JOINT_CONTROLLER_NO_ARRANGEMENT", `activity.jointControllers[${i}].arrangement`, {
        controller: j.name,
      });
  });

  // Art. 14: people whose data comes from others must be told, within a month at the latest.
  const c = a.activity.collection;
  const indirect =
    c?.fromOthers === true ||
    a.activity.dataCategories.some(
      (d) => d.source === "third-party" || d.source === "publicly-available",
    );
  if (indirect && c?.informedOfIndirect !== true)
    ctx.emit("INDIRECT_COLLECTION_NOT_INFORMED", "activity.collection.informedOfIndirect");

  // Art. 87: member states may set conditions for national identification numbers.
  const firstId = a.activity.dataCategories.findIndex((d) => d.nature?.includes("national-id"));
  if (firstId >= 0 && ctx.jurisdiction === "EU") {
    const ids = a.activity.dataCategories.filter((d) => d.nature?.includes("national-id"));
    ctx.emit("NATIONAL_ID_CONDITIONS", `activity.dataCategories[${firstId}].nature`, {
      data: ids.map((d) => d.name).join(", "),
    });
  }

  // Art. 88 and national labour law: staff data engages employee representatives and the
  // national rules (C-65/23 K GmbH: such rules must still meet Arts. 5, 6 and 9).
  const staff = a.activity.dataSubjects.some(
    (g) => g.relationship === "employee" || g.relationship === "job-applicant",
  );
  if (staff) {
    if (a.activity.employment?.worksCouncil === undefined)
      ctx.emit("EMPLOYEE_REPRESENTATION_UNANSWERED", "activity.employment.worksCouncil");
    if (ctx.jurisdiction === "EU" && !given(a.activity.employment?.nationalLaw))
      ctx.emit("EMPLOYEE_LAW_NOT_NAMED", "activity.employment.nationalLaw");
  }
}
