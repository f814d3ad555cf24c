import type { ComponentScope } from '../../model/graph.js';

/** Source sets whose class paths never ship: tests (any `test`/`Test` word) and benchmarks. */
const NON_PRODUCTION_SOURCE_SET = /(^test|Test(?![a-z])|^jmh|^benchmarks?(?![a-z]))/;

/** Gradle 6 and older configurations that ship with the artifact. */
const LEGACY_PRODUCTION = new Set(['compile', 'runtime', 'default']);

/**
 * How the configurations that resolve a module say it is used. Production
 * configurations are the class paths of the main source set and of build
 * variants (`compileClasspath`, `runtimeClasspath`, `releaseRuntimeClasspath`,
 * `jvmRuntimeClasspath`) and the legacy `compile`/`runtime`/`default`; test
 * and benchmark class paths (`testRuntimeClasspath`,
 * `integrationTestCompileClasspath`, `jmhRuntimeClasspath`) and tool
 * configurations (`annotationProcessor`, `checkstyle`, `jacocoAgent`, `antlr`,
 * ...) are not.
 * - development: no production configuration resolves it;
 * - required: a production run-time class path holds it; otherwise optional
 *   (compile-only, tests, tools).
 */
export function classifyConfigurations(configurations: readonly string[]): { development: boolean; scope: ComponentScope } {
  const production = configurations.filter(isProduction);
  const runtime = production.some((name) => LEGACY_PRODUCTION.has(name) || /RuntimeClasspath$|^runtimeClasspath$/.test(name));
  return { development: production.length === 0, scope: runtime ? 'required' : 'optional' };
}

function isProduction(configuration: string): boolean {
  if (LEGACY_PRODUCTION.has(configuration)) return true;
  if (configuration === 'compileClasspath' || configuration === 'runtimeClasspath') return true;
  const variant = /^(.+)(Compile|Runtime)Classpath$/.exec(configuration);
  return variant !== null && !NON_PRODUCTION_SOURCE_SET.test(variant[1] as string);
}
