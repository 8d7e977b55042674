-- Workflow status is kept on the version rows (and the assessment row), not in the document:
-- drop the copy earlier versions kept in each stored document.
UPDATE "assessment_versions" SET "document" = "document" - 'status' WHERE "document" ? 'status';
