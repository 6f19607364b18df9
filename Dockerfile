# mesoquote in two stages: `build` compiles the TypeScript with every dependency; the runtime
# stage holds production dependencies, the compiled JavaScript and the data files, nothing else.
#   docker build -t mesoquote . && docker run --rm -p 3000:3000 mesoquote
# Without a Docker engine, scripts/prod-smoke.ts (run by tests/e2e/production.test.ts) replays
# these stages' COPY and RUN lines in temporary directories and runs the CMD and the HEALTHCHECK.
# It understands the instructions used here; keep RUN lines to `npm ci ...`, `npm run ...` and
# `mkdir -p /dir && chown user:group /dir`.

# Node 22, the supported LTS (Node 20 reached end of life on 2026-04-30).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/dist ./dist
# The `mesoquote` command line (package.json "bin"): its launcher runs dist/src/cli/main.js.
COPY bin ./bin
# The service reads data/*.json only; data/reference (the raw inputs of scripts/build-countries.ts)
# is left out by .dockerignore. src/config.ts finds data/ beside the package.json copied above.
COPY data ./data
# SQL migrations, applied at start-up. Clinics, price sheets and quotes go to PostgreSQL when
# DATABASE_URL is set; otherwise to embedded PGlite in STORAGE_DIR=/data, a declared volume that
# belongs to the node user (a named volume mounted there starts with that owner). One container per
# volume: the directory is locked by the process that opens it (a second container's storage stays
# unavailable and says why); for several replicas use PostgreSQL.
COPY migrations ./migrations
RUN mkdir -p /data && chown node:node /data
ENV HOST=0.0.0.0 PORT=3000 STORAGE_DIR=/data
VOLUME ["/data"]
USER node
EXPOSE 3000
# Healthy means ready to do everything it is configured for: /readyz says "ready" (data loaded and
# storage usable), not merely "degraded" (estimates only) or draining. Liveness (a process that
# answers at all) is /healthz, for orchestrators that restart. The slim image has no curl: Node's
# fetch probes, on whatever PORT the container runs with. The start period covers creating the
# embedded database on a new volume.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then(async (r) => process.exit(r.ok && (await r.json()).status === 'ready' ? 0 : 1), () => process.exit(1))"]
# node as PID 1: server.ts handles SIGTERM and SIGINT itself (graceful close, exit 0).
CMD ["node", "dist/src/server.js"]
