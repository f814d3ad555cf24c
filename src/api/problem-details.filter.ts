import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ChainwardError } from '../common/errors.js';

/** RFC 9457 problem details. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
}

/** Maps every error to application/problem+json: our typed errors by category, NestJS's by their status. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = toProblem(exception);
    problem.instance = request.originalUrl;
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}

export function toProblem(exception: unknown): ProblemDetails {
  if (exception instanceof ChainwardError) {
    const status = statusFor(exception);
    return { type: `urn:chainward:error:${exception.code.toLowerCase()}`, title: titleFor(status), status, detail: exception.describe(), code: exception.code };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { type: 'about:blank', title: titleFor(status), status, detail: exception.message };
  }
  // Errors of the body parser (a body too large, malformed JSON) carry their own 4xx status.
  const status = (exception as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { type: 'about:blank', title: titleFor(status), status, detail: (exception as Error).message };
  }
  return { type: 'about:blank', title: titleFor(500), status: 500, detail: 'internal error; see the server log' };
}

function statusFor(error: ChainwardError): number {
  switch (error.category) {
    case 'bad-input':
      return 400;
    case 'not-found':
      return 404;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    413: 'Content Too Large',
    404: 'Not Found',
    405: 'Method Not Allowed',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return titles[status] ?? 'Error';
}
