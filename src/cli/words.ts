// The language of the command line itself (help, errors): --lang from the arguments, else the POSIX locale.

// Deep imports: the explain index would load the whole pipeline before any command runs (startup).
import { langFromEnv, parseLang } from '../explain/catalogs';
import { CLI_WORDS, type CliWords } from '../explain/cli-words';
import type { Lang } from '../explain';

let current: Lang = 'en';

/** The words for help texts built while yargs parses (command builders run then). */
export function words(): CliWords {
  return CLI_WORDS[current];
}

export function setCliLang(lang: Lang): void {
  current = lang;
}

/** `--lang X` / `--lang=X` among the arguments (before a `--`), else LC_ALL / LC_MESSAGES / LANG. */
export function cliLang(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a === '--lang' && i + 1 < args.length) return parseLang(args[i + 1]) ?? langFromEnv(env);
    if (a.startsWith('--lang=')) return parseLang(a.slice(7)) ?? langFromEnv(env);
  }
  return langFromEnv(env);
}
