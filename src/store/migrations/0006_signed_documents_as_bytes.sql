-- Signed-off documents were kept as base64 text; keep their bytes, decoding what is there.
ALTER TABLE "signed_documents" ALTER COLUMN "content" SET DATA TYPE bytea USING decode("content", 'base64');
