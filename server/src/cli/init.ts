/**
 * `cmmc-check init ssp|poam`: write an SSP skeleton or a POA&M scaffolded from an SSP, so that an
 * author never types a practice id (docs/SCAFFOLD.md). Writes to --out FILE (never over an
 * existing file unless --force) or to stdout. Exit 0: written; 2: usage or I/O error.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Level } from '../catalog/requirements';
import { formatDay, localToday, parseDay } from '../documents/dates';
import { syntaxOf } from '../documents/syntax';
import type { Syntax } from '../documents/model';
import { parseCmmcDocument } from '../documents/parse';
import { isSkeleton } from '../domain/skeleton';
import { poamScaffold } from '../scaffold/poam';
import { sspScaffold } from '../scaffold/ssp';
import { IoError, UsageError } from './errors';
import { dayFlag, parseFlags } from './flags';
import type { CliIo } from './io';

export const INIT_USAGE = `Usage: cmmc-check init ssp --level 1|2|3 [--markdown] [--out FILE] [--force] [--today YYYY-MM-DD]
       cmmc-check init poam --ssp FILE [--conditional-date YYYY-MM-DD] [--markdown] [--out FILE] [--force] [--today YYYY-MM-DD]

init ssp   writes an SSP skeleton: every requirement of the level in catalog order, grouped by family,
           each with status: not-met until you assess it.
init poam  writes a POA&M linked to the SSP (ssp: is the path relative to the POA&M), with one open item
           per not-met practice that may be deferred; the not-met practices that may not are listed on
           stderr. Deadlines: the closeout date (--conditional-date + 180 days), else 180 days from today.
The syntax follows --out's extension (.md: markdown), else --markdown, else YAML (init poam: the SSP's).
Without --out the document goes to stdout. An existing --out file is never replaced without --force.`;

interface InitOptions {
  what: 'ssp' | 'poam';
  level?: Level;
  ssp?: string;
  conditionalDate?: string;
  markdown: boolean;
  out?: string;
  force: boolean;
  today?: string;
}

/** The flags of `init`; which ones each of `ssp` and `poam` takes is checked below. */
const INIT_OPTIONS = {
  level: { type: 'string' },
  ssp: { type: 'string' },
  'conditional-date': { type: 'string' },
  markdown: { type: 'boolean' },
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  today: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseInitArgs(argv: readonly string[]): InitOptions | 'help' {
  const what = argv[0];
  if (what === '-h' || what === '--help') return 'help';
  if (what !== 'ssp' && what !== 'poam') throw new UsageError(what ? `init what? "${what}" (ssp or poam)` : 'init needs ssp or poam');
  const { values: v, positionals } = parseFlags(argv.slice(1), INIT_OPTIONS);
  if (v.help) return 'help';
  if (positionals.length) throw new UsageError(`unknown argument for init ${what}: ${positionals[0]}`);
  const other = what === 'ssp' ? (['ssp', 'conditional-date'] as const) : (['level'] as const);
  for (const flag of other) if (v[flag] !== undefined) throw new UsageError(`unknown option for init ${what}: --${flag}`);
  const opts: InitOptions = { what, markdown: v.markdown === true, force: v.force === true, out: v.out, ssp: v.ssp };
  if (v.level !== undefined) {
    if (v.level !== '1' && v.level !== '2' && v.level !== '3') throw new UsageError(`--level must be 1, 2 or 3 (got "${v.level}")`);
    opts.level = Number(v.level) as Level;
  }
  if (v['conditional-date'] !== undefined) opts.conditionalDate = dayFlag('--conditional-date', v['conditional-date']);
  if (v.today !== undefined) opts.today = dayFlag('--today', v.today);
  if (what === 'ssp' && !opts.level) throw new UsageError('init ssp needs --level 1, 2 or 3');
  if (what === 'poam' && !opts.ssp) throw new UsageError('init poam needs --ssp FILE');
  return opts;
}

/** The syntax to write: --out's extension, else --markdown, else the fallback. */
function syntaxFor(opts: InitOptions, fallback: Syntax): Syntax {
  const fromName = opts.out ? syntaxOf(opts.out) : undefined;
  if (fromName === 'yaml' && opts.markdown) throw new UsageError(`--markdown, but ${opts.out} is a YAML file name`);
  return fromName ?? (opts.markdown ? 'markdown' : fallback);
}

/** The text of `init poam` (and the gaps to report), or an IoError when the SSP is unusable. */
function poamText(opts: InitOptions, io: CliIo, today: number): string {
  const sspPath = resolve(io.cwd, opts.ssp!);
  let text: string;
  try {
    text = readFileSync(sspPath, 'utf8');
  } catch {
    throw new IoError(`${opts.ssp}: cannot be read`);
  }
  const parsed = parseCmmcDocument(pathToFileURL(sspPath).href, text);
  if (!parsed || parsed.kind !== 'ssp' || parsed.model?.kind !== 'ssp') throw new IoError(`${opts.ssp}: not an SSP (name it *.ssp.yaml or give it kind: ssp)`);
  const ssp = parsed.model;
  if (!ssp.level) throw new IoError(`${opts.ssp}: the SSP has no valid level (1, 2 or 3)`);
  if (ssp.level.value === 1) throw new IoError(`${opts.ssp}: Level 1 permits no POA&M; every Level 1 requirement must be met (32 CFR 170.21(a)(1))`);
  if (isSkeleton(ssp)) throw new IoError(`${opts.ssp}: the SSP is still an unfilled skeleton (no practice assessed): set the practices' statuses first`);
  const syntax = syntaxFor(opts, ssp.syntax);
  const from = opts.out ? dirname(resolve(io.cwd, opts.out)) : io.cwd;
  const link = relative(from, sspPath).split(sep).join('/');
  const { text: out, gaps } = poamScaffold({ ssp, link, syntax, conditionalDate: opts.conditionalDate, today });
  io.err(`cmmc-check: ${gaps.deferrable.length} POA&M item${gaps.deferrable.length === 1 ? '' : 's'} for the deferrable not-met practices of ${opts.ssp}\n`);
  if (gaps.blocked.length) {
    io.err(
      `cmmc-check: ${gaps.blocked.length} not-met practice${gaps.blocked.length === 1 ? '' : 's'} may not be deferred (meet them before the assessment):\n`,
    );
    for (const b of gaps.blocked) io.err(`  ${b.requirement.id} ${b.requirement.title} (32 CFR ${b.paragraph})\n`);
  }
  if (gaps.missing.length)
    io.err(
      `cmmc-check: ${gaps.missing.length} requirement${gaps.missing.length === 1 ? ' is' : 's are'} missing from the SSP (scored not met): ` +
        'add them to the SSP first\n',
    );
  return out;
}

/** The init command: returns the exit code. */
export function runInit(argv: readonly string[], io: CliIo): number {
  let opts: InitOptions | 'help';
  try {
    opts = parseInitArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`cmmc-check: ${e.message}\n\n${INIT_USAGE}\n`);
    return 2;
  }
  if (opts === 'help') {
    io.out(`${INIT_USAGE}\n`);
    return 0;
  }
  const today = opts.today ? parseDay(opts.today)! : localToday();
  try {
    const out = opts.out ? resolve(io.cwd, opts.out) : undefined;
    if (out && existsSync(out) && !opts.force) throw new IoError(`${opts.out} already exists: pass --force to replace it`);
    const text = opts.what === 'ssp' ? sspScaffold({ level: opts.level!, syntax: syntaxFor(opts, 'yaml'), date: formatDay(today) }) : poamText(opts, io, today);
    if (!out) {
      io.out(text);
      return 0;
    }
    try {
      writeFileSync(out, text, { flag: opts.force ? 'w' : 'wx' });
    } catch (e) {
      throw new IoError(`${opts.out}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    io.err(`cmmc-check: wrote ${opts.out}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`cmmc-check: ${e.message}\n\n${INIT_USAGE}\n`);
      return 2;
    }
    if (!(e instanceof IoError)) throw e;
    io.err(`cmmc-check: ${e.message}\n`);
    return 2;
  }
}
