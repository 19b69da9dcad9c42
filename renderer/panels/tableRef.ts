/** A shared table as the catalog names it: which profile, share, schema and table. */
export interface TableRef {
  profile: string;
  share: string;
  schema: string;
  table: string;
}
