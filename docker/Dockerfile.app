# syntax=docker/dockerfile:1.7
# The API + dashboard server. The same image runs `maang worker` and the one-shot `maang migrate && maang seed`.
#   docker build -f docker/Dockerfile.app -t maang-tracker/app .
#   --build-arg PREFETCH_EMBEDDING_MODEL=true   bakes all-MiniLM-L6-v2 into /models (EMBEDDING_MODEL_DIR)
#   --build-arg RUNNER_PACKAGES="python3 g++"    slimmer image: languages the mock-interview code runner offers
# No secret is baked in: every credential comes from the environment at run time (docker/.env).
# Node 22 LTS (maintained until 2027-04); Node 20 is past end of life and some dependencies declare >= 22
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- production dependencies only (tsx is one: the fallback when dist/ is stale, and it brings esbuild)
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# `npm ci` runs `prepare` (the server build): with no sources here yet it has nothing to compile; the
# `server` stage compiles them
COPY bin/server-build.mjs ./bin/server-build.mjs
COPY scripts/build-server.mjs ./scripts/build-server.mjs
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# ---- the server compiled to JavaScript (esbuild comes with tsx), so containers do not transpile at start
FROM deps AS server
COPY bin ./bin
COPY scripts/build-server.mjs ./scripts/build-server.mjs
COPY src ./src
RUN node scripts/build-server.mjs

# ---- the dashboard, built with the dev dependencies (Vite, React), which stay in this stage
FROM ${NODE_IMAGE} AS web
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json ./
COPY bin/server-build.mjs ./bin/server-build.mjs
COPY scripts/build-server.mjs ./scripts/build-server.mjs
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY web ./web
COPY src ./src
COPY tsconfig.json ./
RUN npm run build

# ---- optional: the embedding model, fetched once at build time so containers never download it
FROM deps AS model
ARG PREFETCH_EMBEDDING_MODEL=false
ARG EMBEDDING_MODEL=Xenova/all-MiniLM-L6-v2
COPY docker/prefetch-model.mjs ./docker/prefetch-model.mjs
RUN mkdir -p /models && if [ "$PREFETCH_EMBEDDING_MODEL" = "true" ]; then \
      node docker/prefetch-model.mjs "$EMBEDDING_MODEL" /models; \
    fi

# ---- runtime
FROM ${NODE_IMAGE} AS runtime
ARG RUNNER_PACKAGES="python3 g++ openjdk-17-jdk-headless"
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini util-linux ${RUNNER_PACKAGES} \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json \
    DATA_DIR=/data \
    WEB_DIST_DIR=/app/web/dist
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY scripts ./scripts
COPY --from=server /app/dist ./dist
COPY --from=web /app/web/dist ./web/dist
COPY --from=model /models /models
# `maang` on the PATH, so compose commands read like the docs
RUN ln -s /app/bin/maang.js /usr/local/bin/maang \
 && mkdir -p /data && chown node:node /data
# an empty EMBEDDING_MODEL_DIR means "download on first use"; set it to /models when the model was baked in
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["tini", "--"]
CMD ["maang", "serve", "--no-migrate"]
