-- The code and written answer a candidate is typing in a running mock interview, saved as they type, so a
-- closed tab or a reload loses nothing: {language, code: {language: text}, answer, savedAt}.
ALTER TABLE "interview_sessions" ADD COLUMN IF NOT EXISTS "draft" jsonb;
