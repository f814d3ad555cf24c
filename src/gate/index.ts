/**
 * Public entry of the CI gate: the gate's result (`chainward.gate/v1`), baselines, lockfile-line
 * locators and the output renderers. Pure and framework-free; `chainward gate` is the thin shell.
 */
export { GATE_FORMAT, type GateFinding, type GateLocation, type GateReport, type GateRule, type GateViolation, type GateWaivedViolation, type UpgradeFix } from './gate-report.js';
export { buildGateReport, componentNames, packageName, type GateInput } from './build-report.js';
export { parseBaseline, purlWithoutVersion, violationIdentity, type Baseline } from './baseline.js';
export { meetsFailOn, RULE_SEVERITY_ORDER } from './severity.js';
export { waiverRequest } from './waiver-request.js';
export { lineFinderFor, type LineFinder, type LocatableComponent } from './locate/index.js';
export { graphOfUploadedSbom, parseActivePolicySet, parseGateUpload, type ActivePolicySet, type GateUpload } from './server-contract.js';
export * from './render/index.js';
