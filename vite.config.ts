import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Chunk shape we read from the output bundle (kept structural so no rolldown types are needed). */
interface OutChunk { type: 'chunk'; fileName: string; code: string; isEntry: boolean; imports: string[] }

/**
 * Prints the gzip size of the initial JavaScript (the HTML entry and its static imports, i.e.
 * what the first screen downloads before anything lazy) and writes it to dist/size.json.
 * The budget is 80 KB gzip; going over it prints a warning, it does not fail the build.
 */
function initialSizeReport(budgetBytes = 80 * 1024): Plugin {
  return {
    name: 'cpay-initial-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c): c is OutChunk & typeof c => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c as unknown as OutChunk]));
      const entry = chunks.find((c) => c.isEntry);
      if (!entry) return;
      const seen = new Set<string>();
      const walk = (name: string): void => {
        const chunk = byName.get(name);
        if (!chunk || seen.has(name)) return;
        seen.add(name);
        chunk.imports.forEach(walk);
      };
      walk(entry.fileName);
      const files = [...seen].map((f) => ({ file: f, gzip: gzipSync(byName.get(f)?.code ?? '').length }));
      const total = files.reduce((sum, f) => sum + f.gzip, 0);
      const kb = (total / 1024).toFixed(1);
      const verdict = total <= budgetBytes ? 'within' : 'OVER';
      this.info(`initial JS (first screen): ${kb} KB gzip in ${files.length} file(s), ${verdict} the ${budgetBytes / 1024} KB budget`);
      console.log(`\n[size] initial JS (first screen): ${kb} KB gzip (${verdict} ${budgetBytes / 1024} KB budget)`);
      this.emitFile({ type: 'asset', fileName: 'size.json', source: JSON.stringify({ initialGzipBytes: total, files }, null, 2) });
    },
  };
}

export default defineConfig({
  resolve: { alias: { '@cpay/protocol': here('./packages/protocol/src/index.ts') } },
  build: {
    target: 'es2022',
    sourcemap: true,
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
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'], globIgnores: ['size.json'] },
      devOptions: { enabled: false },
    }),
    initialSizeReport(),
  ],
});
