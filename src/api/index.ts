/** Public entry of the HTTP API module. */
export { ApiModule } from './api.module.js';
export { ProblemDetailsFilter, toProblem, type ProblemDetails } from './problem-details.filter.js';
