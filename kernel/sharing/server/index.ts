/**
 * Silt's built-in Delta Sharing server: serves local Delta tables over the protocol on loopback,
 * with pre-signed file URLs served by the same process.
 */
export { startSharingServer, type RunningSharingServer } from './startSharingServer';
export {
  loadServerConfig,
  validateConfig,
  type SharingServerConfig,
  type ShareConfig,
  type SchemaConfig,
  type TableConfig,
} from './config';
export { writeProfile } from './writeProfile';
export { runShareCommand } from './runShareCommand';
export type { TableSource } from './TableSource';
