// `tcplain summary`'s words by language; the locales are summary-en / summary-zh-CN.

import type { Lang } from './catalog';
import { summaryEn, type SummaryCatalog, type SummaryColumn } from './locales/summary-en';
import { summaryZhCN } from './locales/summary-zh-CN';

export type { SummaryCatalog, SummaryColumn };
export const SUMMARY_WORDS: Record<Lang, SummaryCatalog> = { en: summaryEn, 'zh-CN': summaryZhCN };
