// An OpenAI-compatible /v1/embeddings server of any vector size: each text becomes the built-in hash
// embedder's features spread over `dimensions` (so similar words give similar vectors), as an endpoint
// serving text-embedding-3-small (1536) or -large (3072) would answer, without the network.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { OfflineEmbedder } from "../../src/memory/offline-embedder.js";

export interface FakeEmbeddings {
  baseUrl: string;
  /** texts embedded so far */
  texts: string[];
  close(): Promise<void>;
}

export async function startFakeEmbeddings(dimensions: number): Promise<FakeEmbeddings> {
  const embedder = new OfflineEmbedder(dimensions);
  const texts: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      if (request.url !== "/v1/embeddings" || request.method !== "POST") {
        response.writeHead(404).end();
        return;
      }
      const payload = JSON.parse(body) as { input: string[]; dimensions?: number };
      const size = payload.dimensions ?? dimensions;
      const sized = size === dimensions ? embedder : new OfflineEmbedder(size);
      texts.push(...payload.input);
      const data = payload.input.map((text, index) => ({
        object: "embedding",
        index,
        embedding: Array.from(sized.embedOne(text)),
      }));
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ object: "list", data }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    texts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
