/**
 * Prints the README's table of diagnostic codes from the rule registry (the one source).
 * `npx tsx scripts/rules-table.ts`; test/unit/readme.test.ts checks the README still matches.
 */
import { RULES } from '../server/src/rules';
import { cite } from '../server/src/regulation/citations';

export function rulesTable(): string {
  const rows = RULES.map((r) => {
    const cites = r.paragraphs.length ? r.paragraphs.map((p) => `[${cite(p).paragraph}](${cite(p).url})`).join(', ') : '–';
    return `| \`${r.code}\` | ${r.severity} | ${r.title} | ${cites} |`;
  });
  return ['| code | severity | what | cites (32 CFR) |', '|---|---|---|---|', ...rows].join('\n');
}

if (require.main === module) process.stdout.write(rulesTable() + '\n');
