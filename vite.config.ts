import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { renderManual } from './scripts/manual-pages.js';
import { measureBundle, sizeLine, type OutChunk } from './scripts/bundle-size.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Prints the gzip size of the initial JavaScript (the HTML entry and its static imports, i.e. what
 * the first screen downloads before anything lazy) and of every first route on top of it, and
 * writes them with the budget's verdict to dist/size.json (scripts/bundle-size.ts). Over budget
 * (initial 60 KB, any first route 80 KB gzip) the build says OVER and `npm test`'s size gate
 * (scripts/size-check.mjs) fails.
 */
function initialSizeReport(): Plugin {
  return {
    name: 'cpay-initial-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk') as unknown as OutChunk[];
      const report = measureBundle(chunks);
      if (!report) return;
      const line = sizeLine(report);
      this.info(line);
      console.log(`\n[size] ${line}`);
      for (const o of report.over) console.log(`[size] OVER: ${o}`);
      this.emitFile({ type: 'asset', fileName: 'size.json', source: JSON.stringify(report, null, 2) });
    },
  };
}

/** Version, commit and cpay's app_cpay_version of this build (src/build-info.ts). */
function buildInfo() {
  const pkg = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string; cpay?: { appCpayVersion?: string } };
  let commit = process.env.CPAY_COMMIT ?? '';
  if (!commit) {
    try {
      commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here('.'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      commit = 'unknown';
    }
  }
  return {
    version: pkg.version,
    commit,
    builtAt: new Date().toISOString(),
    appCpayVersion: process.env.CPAY_APP_CPAY_VERSION ?? pkg.cpay?.appCpayVersion ?? '1.0.0',
  };
}
const BUILD_INFO = buildInfo();

/** Writes dist/version.json (the relay reports it in /relay/status as the app version it serves). */
function versionFile(): Plugin {
  return {
    name: 'cpay-version-file',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'version.json', source: `${JSON.stringify(BUILD_INFO)}\n` });
    },
  };
}

/** The operator manual (docs/manual) as static pages under manual/ (scripts/manual-pages.ts); the app's help button opens them. */
function manualPages(): Plugin {
  return {
    name: 'cpay-manual',
    apply: 'build',
    generateBundle() {
      for (const f of renderManual(here('./docs/manual'), here('./docs/screens'))) this.emitFile({ type: 'asset', fileName: f.fileName, source: f.source });
    },
  };
}

export default defineConfig({
  define: { __CPAY_BUILD__: JSON.stringify(BUILD_INFO) },
  // The app's compiler options (lit's experimentalDecorators, useDefineForClassFields: false) live here,
  // not in a root tsconfig.json, so point vite's transformer at them.
  tsconfig: 'tsconfig.app.json',
  resolve: { alias: { '@cpay/protocol': here('./packages/protocol/src/index.ts') } },
  build: {
    target: 'es2022',
    sourcemap: true,
    // No preload helper around dynamic imports (issue 21): it appended a <link rel=modulepreload>
    // per dependency of every lazy chunk, and those DOM insertions were the largest single cost of
    // a 4× cold start in the CDP profile (~220 ms of main thread per start). The chunks come from
    // the service-worker cache; the browser's module loader fetches a chunk's imports itself.
    modulePreload: false,
    rolldownOptions: { input: here('./index.html') },
  },
  server: {
    // `npm run dev` talks to a locally running relay (npm start) for /cpay, /relay and /sandbox.
    proxy: Object.fromEntries(['/cpay', '/relay', '/sandbox'].map((p) => [p, process.env.RELAY_URL ?? 'http://localhost:8080'])),
  },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      includeAssets: ['icons/*', 'manifest.webmanifest'],
      // wasm: the camera's zxing decoder (~1.1 MB) ships with the app and works offline (issue 6, no CDN).
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,wasm,ogg}'], globIgnores: ['size.json', 'version.json'] },
      devOptions: { enabled: false },
    }),
    initialSizeReport(),
    versionFile(),
    manualPages(),
  ],
});
