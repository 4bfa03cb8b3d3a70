/**
 * The layer rules of the house (docs/decisions/0023-house-layout.md) are ESLint's: this runs the
 * repository's own eslint.config.js through ESLint's API on real source files with one deliberate
 * wrong-way import added, and on the files as they are (which must stay clean).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RULE = '@typescript-eslint/no-restricted-imports';

let eslint: ESLint;
beforeAll(() => {
  // Only the boundary rule, parsed without the type-checked program: the rule needs no types, and a
  // whole-program parse could trip over files other tests create and delete while the suite runs.
  eslint = new ESLint({
    cwd: root,
    ruleFilter: ({ ruleId }) => ruleId === RULE,
    overrideConfig: { languageOptions: { parserOptions: { project: false, projectService: false } } },
  });
});

/** The boundary messages ESLint reports for `file` with `extra` import lines put on top. */
async function boundaryErrors(file: string, extra: string): Promise<string[]> {
  const text = `${extra}\n${readFileSync(`${root}/${file}`, 'utf8')}`;
  const [result] = await eslint.lintText(text, { filePath: `${root}/${file}` });
  const messages = result?.messages ?? [];
  // A file ESLint could not parse reports nothing for the rule: say so instead of passing quietly.
  const fatal = messages.filter((m) => m.fatal === true);
  if (fatal.length > 0) throw new Error(`ESLint could not lint ${file}: ${fatal.map((m) => m.message).join('; ')}`);
  return messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('layer boundaries (eslint.config.js)', () => {
  it('the files as they are break no boundary', async () => {
    for (const file of [
      'src/kernel/money.ts',
      'src/kernel/receipt.ts',
      'src/features/deposit/deposit-receipt.ts',
      'src/features/refund/refund-flow.ts',
      'src/platform/storage/deposit-repo.ts',
      'src/features/pay/checkout-screen.ts',
      'src/features/binding/binding-service.ts',
      'src/features/binding/identity-service.ts',
      'src/features/settings/preferences.ts',
    ]) {
      expect(await boundaryErrors(file, ''), file).toEqual([]);
    }
  }, 180_000);

  it('the kernel may not import a platform adapter or a feature', async () => {
    const errors = await boundaryErrors(
      'src/kernel/money.ts',
      "import type { Db } from '../platform/storage/db.js';\nimport { refundFlow } from '../features/refund/refund-flow.js';",
    );
    expect(errors.join('\n')).toMatch(/pure/);
    expect(errors.join('\n')).toMatch(/knows no feature/);
  }, 180_000);

  it('a flow may not import a concrete adapter (only its port, as a type)', async () => {
    const errors = await boundaryErrors('src/features/refund/refund-flow.ts', "import { createCpayClient } from '../../platform/net/cpay-client.js';");
    expect(errors.join('\n')).toMatch(/composition root/);
  }, 180_000);

  it("a platform adapter may not import a feature's flow", async () => {
    const errors = await boundaryErrors('src/platform/storage/deposit-repo.ts', "import { takeDeposit } from '../../features/deposit/deposit-take.js';");
    expect(errors.join('\n')).toMatch(/never on the flows or UI of a feature/);
  }, 180_000);

  it('a feature may not reach into the shell or the composition root, nor shipped code into test kits', async () => {
    const errors = await boundaryErrors(
      'src/features/pay/checkout-screen.ts',
      "import { startDeviceRuntime } from '../../app/compose/devices-runtime.js';\nimport { payEnv } from '../../testing/pay-test-kit.js';",
    );
    expect(errors.join('\n')).toMatch(/never reaches into the shell or the composition root/);
    expect(errors.join('\n')).toMatch(/test kits/);
  }, 180_000);

  it('the domain, a flow and the UI import nothing from platform/storage, not even a type (storage depends on the domain)', async () => {
    const flow = await boundaryErrors(
      'src/features/refund/refund-flow.ts',
      "import type { BindingRepo } from '../../platform/storage/binding-repo.js';\nimport type { JournalRow } from '../../platform/storage/schema.js';",
    );
    expect(flow.filter((m) => /import nothing from platform\/storage/.test(m))).toHaveLength(2);
    const screen = await boundaryErrors('src/features/pay/checkout-screen.ts', "import type { SettingsRepo } from '../../platform/storage/settings-repo.js';");
    expect(screen.join('\n')).toMatch(/import nothing from platform\/storage/);
    const uiKit = await boundaryErrors('src/ui/theme.ts', "import type { Sealed } from '../platform/storage/schema.js';");
    expect(uiKit.join('\n')).toMatch(/import nothing from platform\/storage/);
    const model = await boundaryErrors('src/features/settings/settings.ts', "import type { Db } from '../../platform/storage/db.js';");
    expect(model.join('\n')).toMatch(/pure/);
    // The services the composition root hands a store take narrow ports (house3): not even the repository's type.
    for (const [file, line] of [
      ['src/features/binding/binding-service.ts', "import type { BindingRepo } from '../../platform/storage/binding-repo.js';"],
      ['src/features/binding/identity-service.ts', "import type { BindingRepo } from '../../platform/storage/binding-repo.js';"],
      ['src/features/settings/preferences.ts', "import type { SettingsRepo } from '../../platform/storage/settings-repo.js';"],
    ] as const)
      expect((await boundaryErrors(file, line)).join('\n'), file).toMatch(/import nothing from platform\/storage/);
    // A flow still sees the other adapters through their ports (types).
    expect(await boundaryErrors('src/features/refund/refund-flow.ts', "import type { CpayClientOptions } from '../../platform/net/cpay-client.js';")).toEqual(
      [],
    );
  }, 180_000);
});
