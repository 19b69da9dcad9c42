/**
 * The session process of a headless run. Ctrl+C in a terminal sends SIGINT to every process of the
 * foreground group, this one included; left to Node's default, it would die under the update the
 * watch is finishing. The run decides when its session ends (it kills it once its files are
 * written), so here SIGINT is ignored. A session of `silt serve` keeps the default.
 */
process.on('SIGINT', () => {});
// Type warnings depend on how warm the checker is when a cell ends; a report must not (see Session).
process.env.SILT_TYPE_WARNINGS = '0';
process.env.SILT_WARM ??= '0';
import '../session/sessionMain';
