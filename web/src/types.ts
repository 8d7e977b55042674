/**
 * Shapes of what the API returns, as the web app reads them: the response schemas the
 * server's routes declare (src/core/api), so the screens and the server agree on every field.
 */
import type { z } from "zod";
import type * as Api from "../../src/core/api/index.ts";

export type {
  AssessmentView,
  Comment as CommentInfo,
  Dashboard as DashboardData,
  DashboardItem,
  Objection as ObjectionInfo,
  PresentedFinding,
  Principal,
  RegisterRow,
  ReviewItem,
  ReviewOverview as ReviewsOverview,
  SignOffDecisionRecord as SignOffDecision,
  SignOffRecord,
  SignOffVersion,
  TemplateInfo,
  User,
  VersionSummary as VersionInfo,
  WorkingDraftAnswer,
  WorkingDraftView,
} from "../../src/core/api/index.ts";
export type { Reference as ReferenceInfo } from "../../src/core/references.ts";
export type { Role } from "../../src/core/vocabulary.ts";

/** An assessment document as the API returns it (its status stands beside it). */
export type AssessmentDocument = z.infer<typeof Api.AssessmentContentSchema>;
export type Change = z.infer<typeof Api.Change>;
export type Page<T> = Omit<z.infer<ReturnType<typeof Api.pageOf>>, "items"> & { items: T[] };

type Of<S extends z.ZodType> = z.infer<S>;
export type ApiTokenInfo = Of<typeof Api.ApiTokenInfo>;
export type ApiTokenList = Of<typeof Api.ApiTokenList>;
export type NewApiToken = Of<typeof Api.NewApiToken>;
export type CommentList = Of<typeof Api.CommentList>;
export type ObjectionList = Of<typeof Api.ObjectionList>;
export type ObjectionSettings = Of<typeof Api.ObjectionSettings>;
export type QuestionnaireAnswer = Of<typeof Api.QuestionnaireAnswer>;
export type QuestionnaireList = Of<typeof Api.QuestionnaireList>;
export type ReferenceList = Of<typeof Api.ReferenceList>;
export type RequiredRoles = Of<typeof Api.RequiredRoles>;
export type SessionAnswer = Of<typeof Api.SessionAnswer>;
export type SignedIn = Of<typeof Api.SignedIn>;
export type TemplateList = Of<typeof Api.TemplateList>;
export type UserList = Of<typeof Api.UserList>;
export type VersionDiff = Of<typeof Api.VersionDiff>;
export type VersionList = Of<typeof Api.VersionList>;
export type Health = Of<typeof Api.Health>;
