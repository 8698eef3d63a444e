// The command line's own words (--help, errors, stderr status lines) by language; the locales are cli-en / cli-zh-CN.

import type { Lang } from './catalog';
import { cliEn, type CliWords } from './locales/cli-en';
import { cliZhCN } from './locales/cli-zh-CN';

export type { CliWords };
export const CLI_WORDS: Record<Lang, CliWords> = { en: cliEn, 'zh-CN': cliZhCN };
