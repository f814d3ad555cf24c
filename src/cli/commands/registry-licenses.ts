import path from 'node:path';
import { TOOL_NAME, TOOL_VERSION } from '../../common/version.js';
import type { DependencyGraph } from '../../sbom/index.js';
import { cliConfig } from '../context.js';

/** `--licenses registry` for `sbom` and `scan`: registry metadata, cached under $CHAINWARD_HOME/cache/registry. */
export async function addRegistryLicenses(graph: DependencyGraph, onProgress: (message: string) => void): Promise<void> {
  const config = await cliConfig();
  const { addRegistryFacts } = await import('../../sbom/index.js');
  const report = await addRegistryFacts(graph, {
    cacheDir: path.join(config.home, 'cache', 'registry'),
    ttlSeconds: config.registry.cacheTtlSeconds,
    baseUrls: config.registry.urls,
    userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
    onProgress,
  });
  onProgress(`registry metadata: ${report.lookups} looked up (${report.cached} from the cache, ${report.fetched} fetched), ${report.licensed} licence(s) found`);
}
