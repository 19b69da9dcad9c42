#!/usr/bin/env node
// The installed `silt` command: runs the built kernel CLI.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'kernel', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('silt: the app is not built yet; run "npm run build" in ' + join(__dirname, '..') + '\n');
  process.exit(1);
}
require(cli);
