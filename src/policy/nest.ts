/**
 * Framework entry of the policy module: published policy sets, their
 * activations and stored waivers (TypeORM entities, repositories, NestJS
 * services and module). The language itself is framework-free, in `./index.ts`.
 */
export { PolicyActivationEntity, PolicySetEntity, WaiverEntity } from './entities/index.js';
export { PolicySetsRepository, type CurrentActivation } from './policy-sets.repository.js';
export { PolicySetsService, type ActivateInput, type PolicySetSummary, type PublishInput, type PublishResult } from './policy-sets.service.js';
export { WaiversRepository } from './waivers.repository.js';
export { WaiversService, type StoredWaiverState, type WaiverRequest, type WaiverView } from './waivers.service.js';
export { PolicyModule } from './policy.module.js';
