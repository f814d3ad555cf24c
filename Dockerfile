# Chainward service image (used by docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
ENV NODE_ENV=production CHAINWARD_HOME=/var/lib/chainward CHAINWARD_HOST=0.0.0.0 CHAINWARD_PORT=8080
VOLUME /var/lib/chainward
EXPOSE 8080
USER node
ENTRYPOINT ["node", "bin/chainward"]
CMD ["serve"]
