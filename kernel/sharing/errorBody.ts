/** The protocol's error body on every 4xx/5xx answer. */
export interface ErrorBody {
  errorCode: ErrorCode | string;
  message: string;
}

/** The codes the reference server uses (DELTA_SHARING.md §1.8); clients key their hints on them. */
export type ErrorCode =
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'INVALID_PARAMETER_VALUE'
  | 'UNSUPPORTED_OPERATION'
  | 'MALFORMED_REQUEST'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'INTERNAL_ERROR'
  /** Silt's own: the table's log or files are damaged; a 400, since retrying cannot help. */
  | 'CORRUPT_TABLE';
