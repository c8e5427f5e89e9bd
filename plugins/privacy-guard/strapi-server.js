'use strict';

// The app's own `tsc` compiles the plugin's server into dist/ (one compile for build, start and jest).
module.exports = require('../../dist/plugins/privacy-guard/server/src').default;
