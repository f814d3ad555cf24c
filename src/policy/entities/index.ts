export { PolicySetEntity } from './policy-set.entity.js';
export { PolicyActivationEntity } from './policy-activation.entity.js';
export { WaiverEntity } from './waiver.entity.js';
