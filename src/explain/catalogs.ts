// The locale catalogs by language, and the choice of language from --lang or the POSIX locale variables.

import type { Catalog, Lang } from './catalog';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

export const CATALOGS: Record<Lang, Catalog> = { en, 'zh-CN': zhCN };
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

export const catalogFor = (lang: Lang): Catalog => CATALOGS[lang];

/** `zh`, `zh-CN`, `zh_CN.UTF-8` → zh-CN; `en*` → en; anything else null. */
export function parseLang(text: string): Lang | null {
  const t = text.trim().toLowerCase();
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('en')) return 'en';
  return null;
}

/**
 * The language from the environment, by POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG (the first
 * one set and non-empty wins); Chinese when it names zh, English otherwise.
 */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value) return value.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  }
  return 'en';
}
