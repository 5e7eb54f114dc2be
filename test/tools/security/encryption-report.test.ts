import { describe, expect, test } from 'vitest';
import { encryptionInventory } from '../../../policies/output/encryption-inventory.js';
import { indexOutput } from '../../../policies/output-index.js';
import { encryptionReportJson, encryptionReportMarkdown } from '../../../tools/security/encryption-report.js';
import { SYNTH_REPORTS } from '../../../tools/synth/reports.js';
import { tradesenseOutput } from './fixtures.js';

describe('encryption report', () => {
  test('the report (Markdown and JSON twin) lists every data store with its key', () => {
    const output = tradesenseOutput();
    const markdown = encryptionReportMarkdown(output);
    const json = JSON.parse(encryptionReportJson(output));
    expect(SYNTH_REPORTS['encryption-report.md']).toBe(encryptionReportMarkdown);
    expect(SYNTH_REPORTS['encryption-report.json']).toBe(encryptionReportJson);
    expect(json.dataStores.length).toBe(encryptionInventory(indexOutput(output)).length);
    for (const store of json.dataStores) expect(markdown).toContain(`\`${store.where}\``);
    expect(markdown).toMatch(/tradesense-prod-audit-logs|log-archive/);
    expect(markdown).toContain('failing: 0');
  });
});
