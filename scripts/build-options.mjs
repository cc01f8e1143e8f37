// The esbuild configurations, shared by the build and its check.

// The CLI and the Action run with no install step (an action runs from its repository): everything is
// bundled in one file each.
export const buildOptions = {
  entryPoints: { cli: 'src/cli/main.ts', action: 'src/action/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Bundled CommonJS dependencies call require() for Node built-ins; ESM has none, so make one.
  banner: {
    js: "import { createRequire as __lockstepCreateRequire } from 'node:module'; const require = __lockstepCreateRequire(import.meta.url);",
  },
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

// The bot is a server installed with `npm ci`: its dependencies (Probot, pino, ...) stay in
// node_modules, where their own dynamic loading works; only Lockstep's code is bundled.
export const botBuildOptions = {
  entryPoints: { bot: 'bot/main.ts', 'bot-middleware': 'bot/middleware.ts' },
  outdir: 'dist',
  bundle: true,
  packages: 'external',
  // The server and the serverless entry share the app: one chunk holds it, not two copies.
  splitting: true,
  chunkNames: 'bot-[name]-[hash]',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
};

/** Every build, in order. */
export const allBuilds = [buildOptions, botBuildOptions];
