/**
 * How many pages the register's pager offers. The API serves every page of the whole register
 * or of a single filter by number, but a search, a review date or filters combined only
 * through their first 1,000 activities (`numberedPages`); past those, pages come one at a time
 * by the cursor of the page before, so the pager reaches one page past the one shown.
 */
export function pagerLength(at: {
  total: number;
  pageSize: number;
  page: number;
  numberedPages: number;
  next: string | null;
}): number {
  const all = Math.max(1, Math.ceil(at.total / at.pageSize));
  return Math.min(all, Math.max(at.numberedPages, at.page + (at.next ? 1 : 0)));
}
