import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CHAINWARD_CONFIG, type ChainwardConfig } from '../config/index.js';

/**
 * Writes through the API need `Authorization: Bearer <server.apiToken>`. With no token configured the
 * server refuses every write, so a fresh installation is read-only until someone decides otherwise.
 */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  constructor(@Inject(CHAINWARD_CONFIG) private readonly config: ChainwardConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const expected = this.config.server.apiToken;
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    const refuse = (message: string, error?: string): never => {
      // RFC 6750: a 401 names the scheme, and why when a token was presented.
      http.getResponse<Response>().setHeader('WWW-Authenticate', `Bearer realm="chainward"${error ? `, error="${error}"` : ''}`);
      throw new UnauthorizedException(message);
    };
    if (expected === undefined) return refuse('this server accepts no writes: no API token is configured (set server.apiToken or CHAINWARD_API_TOKEN)');
    if (presented === undefined) return refuse('an API token is required: send Authorization: Bearer <token>');
    if (!sameToken(presented, expected)) return refuse('the API token is not valid', 'invalid_token');
    return true;
  }
}

/** Constant-time comparison (of digests, so the lengths match). */
function sameToken(a: string, b: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}
