# Secret Keys as a container image. Not built on the project's machines (no
# container runtime there): it runs exactly what `npm start` and the cluster
# test run (scripts/start.ts with DATABASE_URL), see deploy/README.md.
#   docker build -t secret-keys .
#   docker run -e DATABASE_URL=… -e NEXTAUTH_URL=… -e NEXTAUTH_SECRET=… -e KEY_HASH_SECRET=… \
#     -e AUDIT_HMAC_SECRET=… -e TWO_FACTOR_SECRET=… -p 3000:3000 secret-keys

# Dependencies, with the Prisma client generated (postinstall).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY lib/db/migration-adapter.ts ./lib/db/migration-adapter.ts
RUN npm ci --no-audit --no-fund

# The production build, then only the packages `npm start` needs (tsx, the
# Prisma CLI for migrations and Next are regular dependencies).
FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS run
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
RUN groupadd --system app && useradd --system --gid app --home-dir /app app && mkdir /data && chown app:app /data
COPY --from=build --chown=root:root /app /app
# The build is newer than every source file, so the start never rebuilds
# (it could not: /app belongs to root).
RUN touch /app/.next/BUILD_ID
USER app
EXPOSE 3000
# Liveness only; a balancer should ask /readyz (database, migrations, listener).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# What `npm start` runs, with node as the main process so that SIGTERM
# reaches it (npm would not pass it on): the server processes drain and
# write their last usage batch before the container stops.
CMD ["node", "--import", "tsx", "scripts/start.ts"]
