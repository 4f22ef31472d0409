// The `holdback` command (package.json "bin"); built to dist/holdback.js.
import { main } from './cli';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
