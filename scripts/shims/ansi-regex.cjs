// Build-time stand-in for ansi-regex (scripts/build.mjs): string-width and strip-ansi, which
// cli-table3 calls for every cell, ask ansi-regex for a new RegExp each time (it compiles
// one from joined text: ~15 ms of a `run`). The same regex, built once per option; its
// users only pass it to String.prototype.replace, and lastIndex is reset for any other use.
const make = require('../../node_modules/ansi-regex/index.js');
const made = new Map();
module.exports = (options) => {
  const key = options && options.onlyFirst ? 'first' : 'all';
  let re = made.get(key);
  if (!re) made.set(key, (re = make(options)));
  re.lastIndex = 0;
  return re;
};
