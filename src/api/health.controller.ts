import { Controller, Get, Inject } from '@nestjs/common';
import { ChainwardError } from '../common/errors.js';
import { DATABASE, type Database } from '../database/index.js';

@Controller()
export class HealthController {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Liveness: the process answers. */
  @Get('healthz')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the database answers a query. */
  @Get('readyz')
  async ready(): Promise<{ status: 'ok'; database: string }> {
    try {
      await this.database.dataSource.query('SELECT 1');
    } catch (error) {
      throw new ChainwardError({ code: 'DATABASE_UNREACHABLE', category: 'unavailable', message: 'the database does not answer', cause: error });
    }
    return { status: 'ok', database: this.database.mode };
  }
}
