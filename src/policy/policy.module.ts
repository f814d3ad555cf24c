import { Module } from '@nestjs/common';
import { PolicySetsRepository } from './policy-sets.repository.js';
import { PolicySetsService } from './policy-sets.service.js';
import { WaiversRepository } from './waivers.repository.js';
import { WaiversService } from './waivers.service.js';

/** Published policy sets, their activations and stored waivers, for the server. */
@Module({
  providers: [PolicySetsRepository, PolicySetsService, WaiversRepository, WaiversService],
  exports: [PolicySetsService, WaiversService],
})
export class PolicyModule {}
