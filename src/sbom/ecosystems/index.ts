import { composer } from './composer/index.js';
import { npm } from './npm/index.js';
import { nuget } from './nuget/index.js';
import { pnpm } from './pnpm/index.js';
import { rubygems } from './rubygems/index.js';
import { yarn } from './yarn/index.js';
import type { Ecosystem } from './types.js';

/**
 * Every ecosystem the scanner reads. Adding one means adding its folder and
 * one line here; `registry.spec.ts` fails when a folder is left out.
 */
export const ECOSYSTEMS: readonly Ecosystem[] = [npm, yarn, pnpm, rubygems, composer, nuget];

export type { Ecosystem, ProjectFiles, ProjectPlan, TextFile } from './types.js';
