// `npm run man`: writes man/tcplain.1 from the CLI's own help text (src/cli/man.ts); test/cli/man.test.ts checks it is current.
import { mkdirSync, writeFileSync } from 'node:fs';
import { manPage } from '../src/cli/man';

mkdirSync('man', { recursive: true });
writeFileSync('man/tcplain.1', await manPage());
process.stdout.write('wrote man/tcplain.1\n');
