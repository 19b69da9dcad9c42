/**
 * The session process of a headless run. It runs in a process group of its own (HeadlessSession), so
 * a terminal's Ctrl+C reaches only the run, which decides when its session ends (it kills it once its
 * files are written). A SIGINT sent to it anyway is ignored for the same reason. A session of
 * `silt serve` keeps the default.
 */
process.on('SIGINT', () => {});
// Type warnings depend on how warm the checker is when a cell ends; a report must not (see Session).
process.env.SILT_TYPE_WARNINGS = '0';
process.env.SILT_WARM ??= '0';
import '../session/sessionMain';
