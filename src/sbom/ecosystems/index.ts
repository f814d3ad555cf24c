import { cargo } from './cargo/index.js';
import { composer } from './composer/index.js';
import { gomod } from './gomod/index.js';
import { gradle } from './gradle/index.js';
import { maven } from './maven/index.js';
import { npm } from './npm/index.js';
import { nuget } from './nuget/index.js';
import { pnpm } from './pnpm/index.js';
import { pypi } from './pypi/index.js';
import { rubygems } from './rubygems/index.js';
import { yarn } from './yarn/index.js';
import type { Ecosystem } from './types.js';

/**
 * Every ecosystem the scanner reads. Adding one means adding its folder and
 * one line here; `registry.spec.ts` fails when a folder is left out.
 */
export const ECOSYSTEMS: readonly Ecosystem[] = [npm, yarn, pnpm, pypi, gomod, cargo, maven, gradle, rubygems, composer, nuget];

export type { Ecosystem, ProjectFiles, ProjectPlan, TextFile } from './types.js';
