import { Module } from '@nestjs/common';
import { ScansModule } from '../scans/index.js';
import { AdvisoriesRepository } from './advisories.repository.js';
import { AdvisoriesService } from './advisories.service.js';
import { FindingsRepository } from './findings/findings.repository.js';
import { FindingsService } from './findings/findings.service.js';
import { KevRepository } from './kev/kev.repository.js';
import { KevService } from './kev/kev.service.js';
import { VexRepository } from './vex/vex.repository.js';
import { VexService } from './vex/vex.service.js';

@Module({
  imports: [ScansModule],
  providers: [AdvisoriesRepository, AdvisoriesService, FindingsRepository, FindingsService, VexRepository, VexService, KevRepository, KevService],
  exports: [AdvisoriesService, FindingsService, VexService, KevService],
})
export class AdvisoriesModule {}
