-- drizzle-kit does not emit extensions; the tables below need pgvector.
CREATE EXTENSION IF NOT EXISTS vector;
