// TypeORM and NestJS read decorator metadata through this polyfill.
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import type { ChainwardConfig } from '../config/index.js';
import { AppModule } from './app.module.js';

/** Builds the HTTP application (not yet listening), for `chainward serve` and the end-to-end tests. */
export async function createServer(config: ChainwardConfig): Promise<INestApplication> {
  const levels = { error: ['error'], warn: ['error', 'warn'], info: ['error', 'warn', 'log'], debug: ['error', 'warn', 'log', 'debug'] } as const;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: [...levels[config.logLevel]] });
  // A gate result carries its whole SBOM: a few MB for a large monorepo.
  app.useBodyParser('json', { limit: '64mb' });
  app.enableShutdownHooks();
  return app;
}
