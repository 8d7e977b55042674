ALTER TABLE "approvals" ADD COLUMN "signer" text;--> statement-breakpoint
ALTER TABLE "approvals" ADD COLUMN "signer_name" text;