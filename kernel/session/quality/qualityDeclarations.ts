/** The type checker's view of the `quality` global (qualityApi.ts), added to the cells' declarations. */
export const QUALITY_DECLARATIONS = `
type SiltViolation = 'warn' | 'drop' | 'fail';
interface SiltRuleFigures { rule: string; action: SiltViolation; rowsChecked: number; passed: number; failed: number; failedPercent: number; condition: string }
interface SiltQualityCheck { target: string; tableVersion: number | null; rows: number; ok: boolean; rules: SiltRuleFigures[]; valid?: string; quarantine?: string }
/** Data quality expectations, as expectation cells (EXPECT ON …) check them. */
declare const quality: {
  /** Checks rules ({ name: 'SQL condition' }) on a table name, DataFrame or records; a failing 'fail' rule throws. */
  check(source: unknown, rules: Record<string, string | { condition: string; onViolation?: SiltViolation }>, opts?: { onViolation?: SiltViolation; name?: string }): Promise<SiltQualityCheck>;
  /** An EXPECT ON cell proposing rules that hold on the table as it is now. */
  suggest(source: unknown): Promise<string>;
  /** Every check so far, one row per rule per check (with the shared table version), as a DataFrame. */
  history(target?: string): Promise<SiltDataFrame>;
};
`;
